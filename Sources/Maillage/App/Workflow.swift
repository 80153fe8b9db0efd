import Foundation
import MaillageCore

/// Who takes a step of a workflow, as seen from the record: the party a person is follows
/// from their roles and their relation to the record (`Relation`), computed by the policy.
enum Party: String, Sendable, Hashable, CaseIterable {
    /// A national administrator, on any record.
    case nationalAdmin
    /// The regional delegate of the record's delegation.
    case delegate
    /// A manager of the record's structure (or of its GES parent).
    case manager
    /// A jurist of the legal desk, on any question.
    case jurist
    /// A trainer of the training session (one of its trainers).
    case trainer
    /// Who manages the training catalogue: a national admin or a training admin.
    case trainingAdmin
    /// The application itself: imports, commands, scheduled jobs run by an administrator.
    case system
}

/// One step of a workflow: from which states, to which state, who may take it, and the
/// audit action it records. A capability writes its workflow as a table of these
/// (`AnswerWorkflow`, `MembershipWorkflow`, ...) and every entry point — pages, imports,
/// commands, API — goes through the capability's service, which checks the table.
struct Transition<State: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    let action: Action
    let from: Set<State>
    let to: State
    let by: Set<Party>
    /// What the step records in the audit log: the first words of its entry's summary
    /// (« Validation », « Renvoi pour correction »), in French as the journal shows them.
    let records: String
}

/// Why a step was refused; the service turns it into a French message next to the record.
enum WorkflowRefusal<State: Hashable & Sendable>: Error, Equatable {
    /// The record is not in a state the step starts from (a stale page, a double click).
    case wrongState(State)
    /// The person may not take this step on this record.
    case notPermitted
}

/// A workflow as data: the table of its transitions, checked in one place.
struct Workflow<State: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    let transitions: [Transition<State, Action>]

    init(_ transitions: [Transition<State, Action>]) {
        self.transitions = transitions
        // One row per action: a table with two rows for an action would be ambiguous.
        precondition(Set(transitions.map(\.action)).count == transitions.count, "one transition per action")
    }

    func transition(_ action: Action) -> Transition<State, Action> {
        transitions.first { $0.action == action }!
    }

    /// The step `action` from `state` for someone who is `parties` to the record, or why not.
    func check(_ action: Action, from state: State, by parties: Set<Party>) throws(WorkflowRefusal<State>) -> Transition<State, Action> {
        let step = transition(action)
        guard !step.by.isDisjoint(with: parties) else { throw .notPermitted }
        guard step.from.contains(state) else { throw .wrongState(state) }
        return step
    }

    /// The actions `parties` may take from `state`: what a page offers as buttons.
    func actions(from state: State, by parties: Set<Party>) -> [Action] {
        transitions.filter { $0.from.contains(state) && !$0.by.isDisjoint(with: parties) }.map(\.action)
    }
}

/// Who takes a step of a capability's service: the person (nil for the application itself: a
/// job, a command) and what they are to the record (`QuestionService`, `RegistrationService`).
struct StepActor: Sendable {
    let user: CurrentUser?
    let parties: Set<Party>

    static let system = StepActor(user: nil, parties: [.system])
    var name: String { user?.displayName ?? "Maillage" }
}

/// What every step of a service needs from the application: the time, the site's address (links
/// in e-mails) and the outbox.
struct StepContext: Sendable {
    let now: Date
    let baseURL: String
    let outbox: Outbox
    var today: Day { Day.today(now: now) }
}
