import Foundation

/// The steps of a registration's life.
enum RegistrationAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A seat is free: confirmed at once.
    case register
    /// The session is full: on the waiting list, in order of arrival.
    case enqueue
    case cancel
    /// A seat freed (a cancellation, a larger capacity): the first waiting moves up.
    case promote
}

/// A registration's workflow, as data. `RegistrationService` checks it for every entry point;
/// a register or enqueue step and the seat count are decided in one transaction under the
/// session's row lock (PostgreSQL) or the single writer (SQLite): never more confirmed than seats.
enum RegistrationWorkflow {
    static let table = Workflow<RegistrationStatus, RegistrationAction>([
        Transition(action: .register, from: [], to: .confirmed, by: [.manager], records: "Inscription"),
        Transition(action: .enqueue, from: [], to: .waiting, by: [.manager], records: "Inscription en liste d'attente"),
        // A manager before the session's cancellation deadline (the service checks the date).
        Transition(action: .cancel, from: [.confirmed, .waiting], to: .cancelled, by: [.manager, .trainingAdmin, .system], records: "Annulation d'inscription"),
        Transition(action: .promote, from: [.waiting], to: .confirmed, by: [.system, .trainingAdmin], records: "Sortie de liste d'attente"),
    ])
}
