import Foundation
import MaillageCore

/// How the journal reads in French: the name of each kind of record, the label of each field
/// of its snapshot (`Auditable.auditSnapshot`), and each value as people write it (« clôturée »,
/// « 9,6 ETP », « 18 300,00 € », « 23/11/2026 », a structure by its name). A kind or a field
/// this table does not know yet shows its raw key: the journal never fails on an old entry.
enum AuditPresentation {
    /// A value as shown; `summary` is set when the text is long enough to be folded.
    struct Value: Encodable, Sendable, Equatable {
        let text: String
        let summary: String?

        init(_ text: String) {
            self.text = text
            summary = text.count > AuditPresentation.foldAbove ? String(text.prefix(AuditPresentation.summaryLength)) + "…" : nil
        }
    }

    /// One changed field: « Champ — Avant — Après ».
    struct Change: Encodable, Sendable, Equatable {
        let field: String
        let before: Value
        let after: Value
    }

    /// Values longer than this are folded (`<details>`), their first characters as summary.
    static let foldAbove = 120
    static let summaryLength = 80

    /// The kinds of record the journal holds, in the order the filter lists them.
    static let kinds: [(code: String, label: String)] = [
        ("structure", "Structure"),
        ("adhesion", "Adhésion"),
        ("utilisateur", "Utilisateur"),
        ("role", "Rôle"),
        ("campagne", "Campagne de l'Observatoire"),
        ("reponse_observatoire", "Réponse à l'Observatoire"),
        ("publication_observatoire", "Publication des chiffres"),
        ("relance_observatoire", "Relance de l'Observatoire"),
        ("courriel", "Courriel"),
        ("demo", "Réseau de démonstration"),
        ("bareme_cotisation", "Barème des cotisations"),
        ("assiette_cotisation", "Assiette de cotisation"),
        ("appel_cotisation", "Appels de cotisation"),
        ("avoir_cotisation", "Avoir sur appel de cotisation"),
        ("parametres_cotisation", "Paramètres des cotisations"),
        ("legal.settings", "Paramètres de l'appui juridique"),
        ("paiement_cotisation", "Paiement de cotisation"),
        ("mandat_sepa", "Mandat SEPA"),
        ("prelevement_sepa", "Fichier de prélèvements SEPA"),
        ("relance_cotisation", "Relance des cotisations"),
        ("library.resource.create", "Ressource ajoutée à la bibliothèque"),
        ("library.resource.update", "Ressource de la bibliothèque modifiée"),
        ("library.resource.version", "Nouvelle version d'une ressource"),
        // training catalogue and sessions (CourseService, PackService, SessionService)
        ("training.course", "Cours du catalogue de formation"),
        ("training.pack.create", "Parcours de formation créé"),
        ("training.pack.update", "Parcours de formation modifié"),
        ("training.session", "Session de formation"),
        ("training.session.confirm", "Session de formation confirmée"),
        ("training.session.cancel", "Session de formation annulée"),
        ("training.session.finish", "Session de formation réalisée"),
        ("training.session.reopen", "Session de formation rouverte"),
        ("training.attendance", "Émargement d'une session de formation"),
        ("training.rating", "Avis de satisfaction sur une formation"),
        ("agenda.event", "Événement de l'agenda"),
        ("agenda.registration", "Inscription à un événement"),
        ("agenda.feed", "Adresse d'abonnement à l'agenda"),
        ("legal.question.ask", "Question juridique posée"),
        ("legal.question.take", "Question juridique prise en charge"),
        ("legal.question.assign", "Question juridique attribuée"),
        ("legal.question.request_info", "Précisions demandées à l'adhérent"),
        ("legal.question.reply", "Message de l'adhérent (question juridique)"),
        ("legal.question.answer", "Réponse à une question juridique"),
        ("legal.question.close", "Question juridique clôturée"),
        ("legal.question.reopen", "Question juridique rouverte"),
        ("legal.note.create", "Fiche juridique créée"),
        ("legal.note.update", "Fiche juridique modifiée"),
        ("legal.note.revision", "Mise à jour d'une fiche juridique publiée"),
        ("legal.note.review", "Fiche juridique envoyée en relecture"),
        ("legal.note.publish", "Fiche juridique publiée"),
        ("legal.note.return", "Fiche juridique renvoyée en brouillon"),
        ("legal.note.archive", "Fiche juridique archivée"),
        ("legal.question.share", "Partage d'une question avec la délégation"),
        ("legal.question.internal_note", "Note interne sur une question juridique"),
        // training registrations (RegistrationService)
        ("training.registration.register", "Inscription à une formation"),
        ("training.registration.enqueue", "Inscription en liste d'attente d'une formation"),
        ("training.registration.cancel", "Annulation d'une inscription à une formation"),
        ("training.registration.promote", "Sortie de liste d'attente d'une formation"),
    ] + QualityAudit.kinds
    private static let kindLabels = Dictionary(uniqueKeysWithValues: kinds.map { ($0.code, $0.label) })

    static func kindLabel(_ entity: String) -> String { kindLabels[entity] ?? entity }

    /// Field labels by kind; an answer's indicator codes come from the catalogue.
    private static let fieldLabels: [String: [String: String]] = TrainingAudit.labels.merging(QualityAudit.labels) { a, _ in a }.merging([
        "agenda.event": AgendaAudit.eventLabels, "agenda.registration": AgendaAudit.registrationLabels, "agenda.feed": [:],
        "structure": ["siret": "SIRET", "nom": "Nom", "types": "Types", "adresse": "Adresse",
                      "code_postal": "Code postal", "commune": "Commune", "departement": "Département",
                      "site_web": "Site web", "ges_parent": "GES de rattachement"],
        "adhesion": ["structure": "Structure", "statut": "Statut", "date_adhesion": "Date d'adhésion",
                     "date_sortie": "Date de sortie", "motif_sortie": "Motif de sortie"],
        "utilisateur": ["email": "Adresse e-mail", "nom": "Nom", "actif": "Compte actif"],
        "role": ["utilisateur": "Utilisateur", "role": "Rôle", "delegation": "Délégation", "structure": "Structure"],
        "campagne": ["annee": "Année des données", "ouverture": "Ouverture", "cloture": "Clôture", "statut": "Statut",
                     "k": "Secret statistique (nombre minimal de structures)",
                     "cout_etp_chomeur": "Coût annuel d'un ETP au chômage", "diviseurs": "Heures annuelles d'un ETP par type"],
        "reponse_observatoire": ["_statut": "Statut", "_type": "Type de structure", "_commentaire": "Commentaire de renvoi"],
        "publication_observatoire": ["numero": "Numéro", "reponses": "Réponses publiées"],
        "bareme_cotisation": ["annee": "Année", "version": "Version", "part_fixe": "Part fixe", "assiette": "Assiette",
                              "annee_reference": "Année de référence", "smic": "SMIC horaire", "plancher": "Plancher",
                              "repartition": "Répartition (points de base)", "arrondi": "Centime d'arrondi",
                              "sans_assiette": "Adhérent sans assiette", "date_limite_declaration": "Date limite de déclaration",
                              "relances": "Relances (jours)", "delai_paiement": "Délai de paiement (jours)"],
        "assiette_cotisation": ["montant": "Montant", "source": "Origine", "raison": "Raison", "annee": "Année",
                                "type": "Type", "structure": "Structure"],
        "appel_cotisation": ["annee": "Année", "emis_le": "Date d'émission", "echeance": "Échéance", "nombre": "Appels émis",
                             "premier": "Premier numéro", "dernier": "Dernier numéro", "total": "Total appelé",
                             "version_bareme": "Version du barème"],
        "avoir_cotisation": ["numero": "Numéro", "appel": "Appel", "montant": "Montant", "motif": "Motif", "date": "Date",
                             "structure": "Structure"],
        "paiement_cotisation": ["appel": "Appel", "date": "Date", "montant": "Montant", "mode": "Mode de paiement",
                                "reference": "Référence", "ref_banque": "Référence bancaire", "part_delegation": "Part délégation",
                                "part_nationale": "Part offre nationale", "part_fonds": "Part fonds mutualisé"],
        "mandat_sepa": ["structure": "Structure", "rum": "RUM", "signature": "Date de signature", "titulaire": "Titulaire",
                        "iban": "IBAN", "bic": "BIC", "statut": "Statut"],
        "relance_cotisation": ["annee": "Année", "appels": "Appels relancés"],
        "training.attendance": ["demi_journees": "Demi-journées", "presents": "Présences", "absents": "Absences"],
        "training.rating": ["session": "Session"],
        "library.resource.create": ["titre": "Titre", "description": "Description", "type": "Type", "theme": "Thème", "public": "Public", "version": "Version courante"],
        "library.resource.update": ["titre": "Titre", "description": "Description", "type": "Type", "theme": "Thème", "public": "Public", "version": "Version courante"],
        "library.resource.version": ["titre": "Titre", "description": "Description", "type": "Type", "theme": "Thème", "public": "Public", "version": "Version courante"],
        "legal.question.ask": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.take": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.assign": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.request_info": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.reply": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.answer": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.close": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.settings": ["delai_promis": "Délai de réponse promis (jours ouvrés)", "delai_reouverture": "Réouverture possible pendant (jours)"],
        "legal.question.reopen": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.share": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "legal.question.internal_note": ["structure": "Structure", "categorie": "Domaine", "objet": "Objet", "statut": "Statut", "juriste": "Juriste", "echeance": "Réponse promise le", "partage": "Partagée avec la délégation", "attente_depuis": "En attente depuis le", "jours_attente": "Jours ouvrés d'attente", "version": "Version"],
        "prelevement_sepa": ["date": "Date de prélèvement", "message": "Identifiant du fichier", "nombre": "Prélèvements",
                             "total": "Total"],
        "parametres_cotisation": ["nom": "Nom de la fédération", "adresse": "Adresse", "siret": "SIRET", "iban": "IBAN",
                                  "bic": "BIC", "ics": "Identifiant créancier SEPA", "compte_cotisations": "Compte des cotisations",
                                  "compte_adherents": "Compte des adhérents", "compte_banque": "Compte de banque",
                                  "journal": "Code journal", "delai_paiement": "Délai de paiement (jours)"],
    ]) { a, b in a.merging(b) { x, _ in x } }

    static func fieldLabel(_ key: String, of entity: String) -> String {
        if let label = fieldLabels[entity]?[key] { return label }
        if entity == SurveyAnswer.auditEntity, let indicator = IndicatorCatalogue.byCode[key] { return indicator.label }
        return key
    }

    /// The changed fields only, in a stable order (`order`): the kind's own fields by label,
    /// then an answer's indicators in catalogue order, then unknown keys.
    static func changes(of entity: String, before: [String: String], after: [String: String],
                        names: AuditNames = AuditNames()) -> [Change] {
        let keys = Set(before.keys).union(after.keys).filter { before[$0] ?? "" != after[$0] ?? "" }
        return keys.sorted { order($0, entity) < order($1, entity) }.map { key in
            Change(field: fieldLabel(key, of: entity),
                   before: Value(value(before[key], key: key, of: entity, names: names)),
                   after: Value(value(after[key], key: key, of: entity, names: names)))
        }
    }

    /// Sort key: a kind's own fields by label, then indicators in catalogue order, then the rest.
    private static func order(_ key: String, _ entity: String) -> String {
        if fieldLabels[entity]?[key] != nil { return "0" + fieldLabel(key, of: entity) }
        if entity == SurveyAnswer.auditEntity, let i = IndicatorCatalogue.all.firstIndex(where: { $0.code == key }) {
            return "1" + String(format: "%04d", i)
        }
        return "2" + key
    }

    /// A value in French; an absent or empty value is « — ».
    static func value(_ raw: String?, key: String, of entity: String, names: AuditNames = AuditNames()) -> String {
        guard let raw, !raw.isEmpty else { return "—" }
        switch (entity, key) {
        case ("adhesion", "statut"):
            return MembershipStatus(rawValue: raw)?.label.lowercased() ?? raw
        case ("campagne", "statut"):
            return CampaignStatus(rawValue: raw).map(campaignStatus) ?? raw
        case ("reponse_observatoire", "_statut"):
            return AnswerStatus(rawValue: raw).map(answerStatus) ?? raw
        case ("structure", "types"):
            return raw.split(separator: ",").map { StructureType(rawValue: String($0))?.shortLabel ?? String($0) }
                .joined(separator: ", ")
        case ("reponse_observatoire", "_type"):
            return StructureType(rawValue: raw)?.shortLabel ?? raw
        case ("role", "role"):
            return Role(rawValue: raw)?.label ?? raw
        case ("campagne", "cout_etp_chomeur"):
            return Money.parse(raw)?.french ?? raw
        case ("campagne", "diviseurs"):
            return divisors(raw)
        case ("structure", "ges_parent"), ("adhesion", "structure"), ("role", "structure"):
            return UUID(uuidString: raw).flatMap { names.structures[$0] } ?? raw
        case ("role", "utilisateur"):
            return UUID(uuidString: raw).flatMap { names.users[$0] } ?? raw
        case (let e, "structure") where e.hasPrefix("legal.question."):
            return UUID(uuidString: raw).flatMap { names.structures[$0] } ?? raw
        case (let e, "juriste") where e.hasPrefix("legal.question."):
            return UUID(uuidString: raw).flatMap { names.users[$0] } ?? raw
        case ("role", "delegation"):
            return UUID(uuidString: raw).flatMap { names.delegations[$0] } ?? raw
        case (let e, _) where e.hasPrefix("agenda."):
            if let v = AgendaAudit.value(raw, key: key, of: e, names: names) { return v }
        case (let e, _) where e.hasPrefix("training."):
            if let v = TrainingAudit.value(raw, key: key, of: e, names: names) { return v }
        case (let e, _) where e.hasPrefix("quality.") || e.hasPrefix("cap.") || e.hasPrefix("support."):
            if let v = QualityAudit.value(raw, key: key, of: e, names: names) { return v }
        case ("reponse_observatoire", _):
            if let indicator = IndicatorCatalogue.byCode[key] { return measure(raw, unit: indicator.unit) }
        default:
            break
        }
        return general(raw)
    }

    /// Statuses as a sentence says them (« la campagne est clôturée »).
    static func campaignStatus(_ s: CampaignStatus) -> String { s == .open ? "ouverte" : "clôturée" }

    static func answerStatus(_ s: AnswerStatus) -> String {
        switch s {
        case .draft: "brouillon"
        case .submitted: "transmise"
        case .returned: "renvoyée"
        case .validated: "validée"
        }
    }

    /// An indicator's answer with its unit: « 9,6 ETP », « 1 250 h », « 12 000,00 € », « 35,5 % ».
    static func measure(_ raw: String, unit: Indicator.Unit) -> String {
        let unitText: String
        switch unit {
        case .count: return decimal(raw) ?? raw
        case .euros: return Money.parse(raw)?.french ?? decimal(raw) ?? raw
        case .hours: unitText = "h"
        case .etp: unitText = "ETP"
        case .percent: unitText = "%"
        }
        return decimal(raw).map { $0 + FrenchFormat.thinSpace + unitText } ?? raw
    }

    /// "1234.5" → « 1 234,5 »; nil unless `raw` is a plain decimal with a point (as stored).
    static func decimal(_ raw: String) -> String? {
        let digits = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty else { return nil }
        return FrenchFormat.number(raw)
    }

    /// A field this table does not describe: dates and decimals still read the French way.
    static func general(_ raw: String) -> String {
        if raw == "true" { return "oui" }
        if raw == "false" { return "non" }
        if FrenchFormat.parseDay(raw) != nil, raw.contains("-") { return FrenchFormat.date(raw) }
        if raw.contains("."), let d = decimal(raw) { return d }
        return raw
    }

    /// {"AI": "1607", "ACI": "1820"} → « AI : 1 607 h ; ACI : 1 820 h », types in report order.
    static func divisors(_ json: String) -> String {
        guard let map = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { return json }
        if map.isEmpty { return "—" }
        let rank = { (code: String) in StructureType(rawValue: code).flatMap { StructureType.allCases.firstIndex(of: $0) } ?? Int.max }
        return map.keys.sorted { (rank($0), $0) < (rank($1), $1) }.map { code in
            "\(StructureType(rawValue: code)?.shortLabel ?? code)\u{00A0}: \(decimal(map[code]!) ?? map[code]!)\(FrenchFormat.thinSpace)h"
        }.joined(separator: " ; ")
    }
}
