import Foundation
import MaillageCore

/// Where a call stands. Stored: issued, partly_paid, paid, cancelled (recomputed from the
/// payments and credit notes by `DuesCallService.refreshTotals`); overdue is derived when the
/// page is read: due date passed with something still owed.
enum DuesCallStatus: String, CaseIterable, Sendable, Hashable, Codable {
    case issued, partlyPaid = "partly_paid", paid, overdue, cancelled

    var label: String {
        switch self {
        case .issued: "Émis"
        case .partlyPaid: "Partiellement payé"
        case .paid: "Payé"
        case .overdue: "En retard"
        case .cancelled: "Annulé"
        }
    }

    /// The status of `call` on `today`.
    static func of(_ call: DuesCall, today: Day) -> DuesCallStatus {
        of(stored: call.status, outstanding: call.outstanding, dueOn: call.dueOn, today: today)
    }

    /// The status on `today` of a call whose stored status, outstanding amount and due date are given.
    static func of(stored status: String, outstanding: Money, dueOn: String, today: Day) -> DuesCallStatus {
        let stored = DuesCallStatus(rawValue: status) ?? .issued
        switch stored {
        case .cancelled, .paid: return stored
        default:
            if outstanding.cents > 0, let due = Day(iso: dueOn), due < today { return .overdue }
            return stored == .overdue ? .issued : stored
        }
    }

    /// The stored status of a call from its amounts: cancelled when credit notes cover its total,
    /// paid when payments cover what credit notes leave, partly paid when something was paid.
    static func stored(total: Int64, credited: Int64, paid: Int64) -> DuesCallStatus {
        if credited >= total { return .cancelled }
        if paid >= total - credited { return .paid }
        if paid > 0 { return .partlyPaid }
        return .issued
    }
}
