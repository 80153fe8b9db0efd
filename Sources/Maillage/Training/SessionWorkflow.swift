import Foundation

/// The steps of a session's life (creating and editing are not steps: they keep the status).
enum SessionAction: String, Sendable, Hashable, CaseIterable, Codable {
    case confirm, cancel, finish, reopen
}

/// A session's workflow, as data. `SessionService` checks it for every entry point.
enum SessionWorkflow {
    static let table = Workflow<SessionStatus, SessionAction>([
        Transition(action: .confirm, from: [.planned], to: .confirmed, by: [.trainingAdmin, .trainer], records: "Session confirmée"),
        // Every live registration is cancelled; the managers and trainees are told.
        Transition(action: .cancel, from: [.planned, .confirmed], to: .cancelled, by: [.trainingAdmin, .trainer], records: "Session annulée"),
        // After its last day only (the service checks the date); the satisfaction links leave.
        Transition(action: .finish, from: [.confirmed], to: .done, by: [.trainingAdmin, .trainer], records: "Session réalisée"),
        Transition(action: .reopen, from: [.done], to: .confirmed, by: [.trainingAdmin], records: "Session rouverte"),
    ])
}
