import Foundation

/// The life of a call for dues. It is issued by a generation run (a national admin, or the
/// command line as `system`); payments move it between issued, partly paid and paid; a credit
/// note reduces it, and one for the whole remaining amount cancels it. Nothing is ever deleted:
/// a mistake is corrected by a credit note, a returned debit by a negative payment.
///
/// The status a step leads to is computed from the rows afterwards (`DuesCallService.refreshTotals`):
/// `to` is the state the step leads to in the usual case, as the journal names it.
enum DuesCallWorkflow {
    typealias State = DuesCallStatus

    enum Action: String, Hashable, Sendable {
        /// A generation run creates the call.
        case issue
        /// A credit note for part of what remains: the call keeps its state (or becomes paid).
        case reduce
        /// A credit note for everything that remains.
        case cancel
        /// A payment received (transfer, direct debit, cheque).
        case recordPayment
        /// A direct debit returned by the bank (a negative payment).
        case returnPayment
    }

    /// Every state but cancelled: a cancelled call takes no step.
    static let live: Set<State> = [.issued, .partlyPaid, .paid, .overdue]

    static let table = Workflow<State, Action>([
        Transition(action: .issue, from: [], to: .issued, by: [.nationalAdmin, .system], records: "Émission"),
        Transition(action: .reduce, from: live, to: .issued, by: [.nationalAdmin], records: "Avoir"),
        Transition(action: .cancel, from: live, to: .cancelled, by: [.nationalAdmin], records: "Annulation par avoir"),
        Transition(action: .recordPayment, from: live, to: .partlyPaid, by: [.nationalAdmin, .system], records: "Paiement"),
        Transition(action: .returnPayment, from: live, to: .partlyPaid, by: [.nationalAdmin, .system], records: "Rejet de prélèvement"),
    ])
}
