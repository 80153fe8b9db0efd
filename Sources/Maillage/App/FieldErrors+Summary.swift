import MaillageCore

/// The error summary on top of every form (`partials/error-summary.leaf`): « Le formulaire
/// contient 2 erreurs », then one link per field, named by its label, to the field's id.
extension FieldErrors {
    /// « Le formulaire contient 1 erreur » / « … 3 erreurs »: one error per field.
    var summaryHeading: String {
        "Le formulaire contient " + FrenchFormat.plural(order.count, "erreur", "erreurs")
    }

    /// The label a field goes by in the summary: an indicator's question, or the label its
    /// form gives it (the form's `<label for>`). Nil: the summary line is the message alone.
    static func label(for field: String) -> String? {
        if let indicator = IndicatorCatalogue.byCode[field] { return indicator.label }
        // The training registration form's rows: `trainee_2_email` → « Personne 2 : adresse e-mail ».
        if field.hasPrefix("trainee_"), let label = RegistrationForms.label(for: field) { return label }
        if field.hasPrefix("divisor-") {
            let type = String(field.dropFirst("divisor-".count))
            return "Heures annuelles d'un ETP (\(StructureType(rawValue: type)?.shortLabel ?? type))"
        }
        for (prefix, words) in [("rate-", "Taux"), ("cap-", "Heures de SMIC du plafond"), ("amount-", "Assiette")] where field.hasPrefix(prefix) {
            let type = String(field.dropFirst(prefix.count))
            return "\(words) (\(StructureType(rawValue: type)?.duesCode ?? type))"
        }
        if let agenda = EventForm.labels[field] ?? RegistrationForm.labels[field] { return agenda }
        if let quality = CertificationForms.labels[field] ?? SupportForms.labels[field] { return quality }
        return formLabels[field]
    }

    /// Field ids shared by the forms, with the label the forms show (members, accounts,
    /// administration, Observatory). A new form field gets its line here.
    static let formLabels: [String: String] = [
        // CAP self-assessment: questionnaire and action plan (a question's messages name their question)
        "scale_labels": "Noms des niveaux", "questions": "Questions", "action_axis": "Axe", "action_title": "Action",
        "action_owner": "Responsable", "action_due": "Échéance",
        // training catalogue: a course, a pack, a session and its steps (`hd_*_N` rows are labelled by their message)
        "course_code": "Code du cours", "course_title": "Intitulé", "course_theme": "Thème", "course_objectives": "Objectifs",
        "course_prerequisites": "Prérequis", "course_audience": "Public", "course_hours": "Durée en heures",
        "course_price": "Prix par stagiaire", "course_intra_price": "Prix par jour en intra", "course_format": "Organisation",
        "course_visibility": "Visibilité", "course_year": "Année d'entrée au catalogue",
        "pack_code": "Code du parcours", "pack_title": "Intitulé du parcours", "pack_description": "Description",
        "pack_visibility": "Visibilité", "pack_courses": "Codes des cours",
        "session_course": "Cours", "session_kind": "Type de session", "session_structure": "Structure",
        "session_delegation": "Délégation", "session_place": "Lieu", "session_address": "Adresse de la session",
        "session_access": "Accès", "session_remote": "Lien de connexion", "session_capacity": "Nombre de places",
        "session_registration_days": "Fin des inscriptions", "session_cancellation_days": "Fin des annulations",
        "session_trainers": "Formateurs", "cancel_reason": "Motif de l'annulation",
        "session_half_days": "Demi-journées",
        // training satisfaction survey
        "q1": "Objectifs atteints", "q2": "Réponse aux besoins", "q3": "Pédagogie et animation",
        "q4": "Organisation", "q5": "Recommandation", "survey_comment": "Commentaire",
        // structure and membership forms
        "name": "Nom de la structure", "siret": "SIRET", "types": "Types (conventionnements)",
        "address": "Adresse", "postal_code": "Code postal", "commune": "Commune", "department": "Département",
        "website": "Site web", "ges_parent_siret": "SIRET du GES", "status": "Statut d'adhésion",
        "joined_on": "Date d'adhésion", "left_on": "Date de sortie", "leave_reason": "Motif de sortie",
        // people and accounts
        "display_name": "Nom et prénom", "email": "Adresse e-mail", "current": "Mot de passe actuel",
        "password": "Mot de passe", "confirmation": "Confirmation", "role": "Rôle", "delegation": "Délégation",
        "structure_siret": "SIRET de la structure",
        // campaign settings
        "year": "Année des données", "opens_on": "Ouverture des réponses", "closes_on": "Clôture des réponses",
        "k": "Secret statistique", "unemployed_etp_cost": "Coût annuel d'un demandeur d'emploi",
        // answer form
        "confirm_warnings": "Avertissements", "comment": "Commentaire pour le membre",
        // dues: settings, grids, bases, payments, mandates, direct debits, credit notes
        "federation_name": "Nom de la fédération", "iban": "IBAN", "bic": "BIC", "creditor_id": "Identifiant créancier SEPA (ICS)",
        "account_dues": "Compte des cotisations", "account_members": "Compte des adhérents", "account_bank": "Compte de banque",
        "journal_code": "Code journal", "payment_days": "Délai de paiement (jours)",
        "promised_days": "Délai de réponse promis (jours ouvrés)", "reopen_days": "Réouverture possible pendant (jours)",
        "fixed": "Part fixe", "base_kind": "Assiette", "reference_year": "Année de référence de l'assiette",
        "smic": "SMIC horaire au 1er janvier", "floor": "Plancher", "split_delegation": "Part de la délégation",
        "split_national": "Part de l'offre nationale", "split_fund": "Part du fonds mutualisé",
        "rounding_party": "Bénéficiaire du centime d'arrondi", "no_base_rule": "Membre sans assiette",
        "declaration_deadline": "Date limite de déclaration", "reminder_days": "Relances (jours après l'échéance)",
        "reason": "Motif", "paid_on": "Date du paiement", "amount": "Montant", "method": "Moyen de paiement",
        "reference": "Référence", "debtor_name": "Titulaire du compte", "signed_on": "Date de signature du mandat",
        "collection_date": "Date de prélèvement", "date": "Date",
        // legal desk: asking a question, the steps of a question
        "ask_structure": "Structure", "ask_category": "Domaine", "ask_subject": "Objet", "ask_body": "Votre question",
        "ask_attachments": "Pièces jointes", "reply_text": "Votre message", "reply_attachments": "Pièces jointes du message",
        "request_text": "Précisions demandées", "request_attachments": "Pièces jointes de la demande",
        "answer_text": "Réponse", "answer_attachments": "Pièces jointes de la réponse",
        "internal_text": "Note interne", "internal_attachments": "Pièces jointes de la note interne",
        "assign_assignee": "Juriste",
        // resource library: a resource, a new version
        "resource_title": "Titre", "resource_description": "Description", "resource_kind": "Type de ressource",
        "resource_theme": "Thème", "resource_audience": "Qui peut la consulter", "resource_file": "Fichier",
        "resource_comment": "Commentaire de version", "version_file": "Fichier de la nouvelle version",
        "version_comment": "Commentaire de la nouvelle version",
    ]
}
