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
        if field.hasPrefix("divisor-") {
            let type = String(field.dropFirst("divisor-".count))
            return "Heures annuelles d'un ETP (\(StructureType(rawValue: type)?.shortLabel ?? type))"
        }
        return formLabels[field]
    }

    /// Field ids shared by the forms, with the label the forms show (members, accounts,
    /// administration, Observatory). A new form field gets its line here.
    static let formLabels: [String: String] = [
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
    ]
}
