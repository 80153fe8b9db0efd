import Foundation
import MaillageCore

/// How the journal reads the training entries (`AuditPresentation` asks here): the labels of the
/// French keys of the services' snapshots, and the values people read better as words.
enum TrainingAudit {
    static let courseLabels: [String: String] = [
        "code": "Code", "titre": "Titre", "theme": "Thème", "duree_minutes": "Durée (minutes)", "prix": "Prix par stagiaire",
        "prix_jour_intra": "Prix d'une journée intra", "format": "Format", "certifiant": "Certifiant",
        "visibilite": "Visibilité", "actif": "Au catalogue", "annee": "Année d'entrée au catalogue",
    ]
    static let packLabels: [String: String] = [
        "code": "Code", "titre": "Titre", "description": "Description", "visibilite": "Visibilité", "actif": "Au catalogue",
        "cours": "Cours",
    ]
    static let sessionLabels: [String: String] = [
        "cours": "Cours", "type": "Type de session", "structure": "Structure", "delegation": "Délégation", "lieu": "Lieu",
        "adresse": "Adresse", "lien": "Lien de connexion", "places": "Nombre de places", "statut": "Statut",
        "date_limite_inscription": "Fin des inscriptions", "date_limite_annulation": "Fin des annulations",
        "motif_annulation": "Motif de l'annulation", "formateurs": "Formateurs", "demi_journees": "Demi-journées",
    ]
    static let registrationLabels: [String: String] = [
        "session": "Session", "structure": "Structure", "stagiaire": "Stagiaire", "statut": "Statut", "rang": "Ordre d'arrivée",
        "categorie": "Catégorie", "financement": "Financement", "version": "Version",
    ]

    /// The labels of every training kind of entry, by entity.
    static var labels: [String: [String: String]] {
        var out: [String: [String: String]] = ["training.course": courseLabels, "training.session": sessionLabels]
        for kind in ["create", "update"] { out["training.pack." + kind] = packLabels }
        for action in SessionAction.allCases { out["training.session." + action.rawValue] = sessionLabels }
        for kind in ["register", "enqueue", "cancel", "promote"] { out["training.registration." + kind] = registrationLabels }
        return out
    }

    /// A value in French, nil when the journal's general rules read it well.
    static func value(_ raw: String, key: String, of entity: String, names: AuditNames) -> String? {
        switch (entity, key) {
        case ("training.course", "theme"): TrainingTheme(rawValue: raw)?.label
        case ("training.course", "format"): CourseFormat(rawValue: raw)?.label
        case ("training.course", "visibilite"), (_, "visibilite") where entity.hasPrefix("training.pack."):
            CourseVisibility(rawValue: raw)?.label
        case (_, "type") where entity.hasPrefix("training.session"): SessionKind(rawValue: raw)?.label
        case (_, "statut") where entity.hasPrefix("training.session"): SessionStatus(rawValue: raw)?.label
        case (_, "structure"): UUID(uuidString: raw).flatMap { names.structures[$0] }
        case (_, "delegation"): UUID(uuidString: raw).flatMap { names.delegations[$0] }
        default: nil
        }
    }
}
