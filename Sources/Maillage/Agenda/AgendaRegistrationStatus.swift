import Foundation

/// An event registration's status, as stored in `agenda_registrations.status`.
enum AgendaRegistrationStatus: String, Sendable, CaseIterable {
    case confirmed
    case cancelled

    var label: String {
        switch self {
        case .confirmed: "Confirmée"
        case .cancelled: "Annulée"
        }
    }
}

extension AgendaRegistration {
    var statusValue: AgendaRegistrationStatus { AgendaRegistrationStatus(rawValue: status) ?? .cancelled }
}
