import Foundation

/// A call that still waits for money, as the matcher sees it.
public struct OpenCall: Sendable {
    public var id: UUID
    /// "2026-0001".
    public var number: String
    public var outstanding: Money
    /// The member's name and the other names it pays under (mandate debtor name…).
    public var payerNames: [String]

    public init(id: UUID, number: String, outstanding: Money, payerNames: [String]) {
        self.id = id
        self.number = number
        self.outstanding = outstanding
        self.payerNames = payerNames
    }
}

/// What a statement line means for the dues.
public enum StatementMatch: Sendable, Equatable {
    /// The call number "2026-0001" found in the remittance.
    case byNumber(callID: UUID, number: String)
    /// Same amount as the outstanding and payer name ≈ member name: a person confirms.
    case proposed(callID: UUID, number: String, reason: String)
    /// A credit nothing matches.
    case unknown
    /// A debit, or a direct-debit batch already recorded; the French reason.
    case ignored(String)
}
