import Foundation

/// The life of a membership period (SPEC §2: yearly, tacitly renewed, so one open period per
/// stay): opened, corrected, closed with a date and a reason, corrected again once closed, or
/// reopened by a correction that clears its leave date. `RegisterService` checks every write
/// against this table, whoever asks: the structure pages, the member import, the commands.
enum MembershipWorkflow {
    enum State: String, Hashable, Sendable {
        /// Not written yet: the period being opened.
        case none
        /// No leave date: the structure is a member.
        case open
        /// Left on a date, for a reason.
        case closed
    }

    enum Action: String, Hashable, Sendable {
        case open, correct, close, amend, reopen
    }

    /// Who keeps the register: national admins everywhere, regional delegates in their
    /// delegation, and the application (imports and commands run by an administrator).
    /// A member manager reads their periods but does not write them.
    static let keepers: Set<Party> = [.nationalAdmin, .delegate, .system]

    /// `records` is the audit log's action (`AuditAction`) written with the step.
    static let table = Workflow<State, Action>([
        Transition(action: .open, from: [.none], to: .open, by: keepers, records: AuditAction.create.rawValue),
        Transition(action: .correct, from: [.open], to: .open, by: keepers, records: AuditAction.update.rawValue),
        Transition(action: .close, from: [.open], to: .closed, by: keepers, records: AuditAction.update.rawValue),
        Transition(action: .amend, from: [.closed], to: .closed, by: keepers, records: AuditAction.update.rawValue),
        Transition(action: .reopen, from: [.closed], to: .open, by: keepers, records: AuditAction.update.rawValue),
    ])

    /// The step a correction form takes: from where the period is to where its leave date puts it.
    static func correction(from state: State, leaving: Bool) -> Action {
        switch (state, leaving) {
        case (.closed, true): .amend
        case (.closed, false): .reopen
        case (_, true): .close
        case (_, false): .correct
        }
    }
}
