import Foundation
import MaillageCore

/// How the journal reads the agenda's entries (`AuditPresentation` asks here): the French keys of
/// `AgendaService`'s snapshots, their labels, and each value as people write it.
enum AgendaAudit {
    /// Field labels of `agenda.event` (`agenda.feed` entries carry no snapshot: only their summary).
    static let eventLabels: [String: String] = [
        "titre": "Titre", "type": "Type d'événement", "public": "Public", "statut": "Statut",
        "premier_jour": "Premier jour", "dernier_jour": "Dernier jour", "horaires": "Horaires",
        "delegation": "Délégation", "lieu": "Lieu", "lien": "Lien de connexion", "places": "Nombre de places",
        "date_limite": "Date limite d'inscription", "revision": "Révision (abonnements)",
    ]
    /// Field labels of `agenda.registration`.
    static let registrationLabels: [String: String] = [
        "evenement": "Événement", "structure": "Structure", "nom": "Nom", "statut": "Statut",
    ]

    /// A value in French, nil when the journal's general rules read it well (dates, numbers, texts).
    static func value(_ raw: String, key: String, of entity: String, names: AuditNames) -> String? {
        switch (entity, key) {
        case (AgendaService.entity, "type"): EventKind(rawValue: raw)?.label
        case (AgendaService.entity, "public"): EventAudience(rawValue: raw)?.label
        case (AgendaService.entity, "statut"): EventStatus(rawValue: raw)?.label
        case (AgendaService.entity, "delegation"): UUID(uuidString: raw).flatMap { names.delegations[$0] }
        case (AgendaService.registrationEntity, "statut"): AgendaRegistrationStatus(rawValue: raw)?.label
        case (AgendaService.registrationEntity, "structure"): UUID(uuidString: raw).flatMap { names.structures[$0] }
        default: nil
        }
    }
}
