import Foundation
import MaillageCore

/// How the journal reads the support entries (`AuditPresentation` asks here, as for training):
/// the labels of the snapshots' keys and the values read as words (the kinds' names are in
/// `QualityAudit.kinds`, the one table of quality, CAP and support kinds).
enum SupportAudit {
    static let supportLabels: [String: String] = [
        "structure": "Structure", "programme": "Programme", "delegation": "Délégation", "delegue": "Délégué",
        "debut": "Début", "fin": "Fin", "statut": "Statut", "resultat": "Résultat",
    ]
    static let dayLabels: [String: String] = [
        "delegation": "Délégation", "date": "Date", "nature": "Nature", "demi_journees": "Durée",
        "structure": "Structure", "suivi": "Suivi", "note": "Note",
    ]
    static let programmeLabels: [String: String] = [
        "code": "Code", "nom": "Nom", "description": "Description", "actif": "Proposé", "position": "Position",
    ]

    /// The labels of every support kind of entry.
    static var labels: [String: [String: String]] {
        ["support.create": supportLabels, "support.update": supportLabels, "support.days.create": dayLabels,
         "support.programme.create": programmeLabels, "support.programme.update": programmeLabels]
    }

    /// A value in French, nil when the journal's general rules read it well.
    static func value(_ raw: String, key: String, of entity: String, names: AuditNames) -> String? {
        switch key {
        case "statut": SupportStatus(rawValue: raw)?.label
        case "nature": InterventionKind(rawValue: raw)?.label
        case "demi_journees": Int(raw).map(SupportFigures.daysText)
        case "structure": UUID(uuidString: raw).flatMap { names.structures[$0] }
        case "delegation": UUID(uuidString: raw).flatMap { names.delegations[$0] }
        default: nil
        }
    }
}
