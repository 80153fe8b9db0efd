import Foundation

/// One booked line of a bank statement, whatever the file it came from (camt.053 or CSV).
public struct StatementEntry: Sendable, Equatable, Codable {
    /// The bank's unique id (AcctSvcrRef, else NtryRef, else a stable hash of
    /// date + amount + text + occurrence index): it makes a second import a no-op.
    public var reference: String
    public var bookedOn: Day
    /// > 0 a credit, < 0 a debit.
    public var amount: Money
    public var payerName: String
    public var remittance: String

    public init(reference: String, bookedOn: Day, amount: Money, payerName: String, remittance: String) {
        self.reference = reference
        self.bookedOn = bookedOn
        self.amount = amount
        self.payerName = payerName
        self.remittance = remittance
    }
}

/// Why a statement file is refused; the messages are French, shown as they are.
public enum StatementError: Error, Equatable, LocalizedError {
    case notAStatement(String)
    case tooLarge
    case invalid(line: Int, String)

    public var errorDescription: String? {
        switch self {
        case .notAStatement(let why): why
        case .tooLarge: "Relevé trop volumineux (5 Mo et 20 000 opérations au plus)."
        case .invalid(let line, let why): "Ligne \(line) : \(why)"
        }
    }

    /// The limits of one import: a statement of a year of a federation's account is far below.
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxEntries = 20_000
}
