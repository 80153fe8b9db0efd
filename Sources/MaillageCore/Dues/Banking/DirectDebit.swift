import Foundation

/// The SEPA sequence of a direct debit: the first one under a mandate, or a later one.
public enum SequenceType: String, Sendable, Codable, CaseIterable {
    case first = "FRST", recurring = "RCUR"
}

/// One debit of a direct-debit file: a call collected from a member's account under its mandate.
public struct DirectDebitTransaction: Sendable, Equatable {
    /// The call number, carried back by the bank with any return.
    public var endToEndID: String
    public var amount: Money
    /// The mandate reference (RUM) and its signature day.
    public var mandateReference: String
    public var mandateSignedOn: Day
    public var sequence: SequenceType
    public var debtorName: String
    public var debtorIBAN: IBAN
    /// Nil: "NOTPROVIDED" (allowed for SEPA payments inside the EEA).
    public var debtorBIC: BIC?
    public var remittance: String

    public init(endToEndID: String, amount: Money, mandateReference: String, mandateSignedOn: Day, sequence: SequenceType,
                debtorName: String, debtorIBAN: IBAN, debtorBIC: BIC?, remittance: String) {
        self.endToEndID = endToEndID
        self.amount = amount
        self.mandateReference = mandateReference
        self.mandateSignedOn = mandateSignedOn
        self.sequence = sequence
        self.debtorName = debtorName
        self.debtorIBAN = debtorIBAN
        self.debtorBIC = debtorBIC
        self.remittance = remittance
    }
}

/// A direct-debit run: the federation (creditor) collects every transaction on one day.
public struct DirectDebitBatch: Sendable {
    /// Unique per file: the bank refuses a second file with the same id.
    public var messageID: String
    public var createdAt: Date
    public var creditorName: String
    public var creditorIBAN: IBAN
    public var creditorBIC: BIC
    public var creditorID: CreditorIdentifier
    public var collectionDate: Day
    public var transactions: [DirectDebitTransaction]

    public init(messageID: String, createdAt: Date, creditorName: String, creditorIBAN: IBAN, creditorBIC: BIC,
                creditorID: CreditorIdentifier, collectionDate: Day, transactions: [DirectDebitTransaction]) {
        self.messageID = messageID
        self.createdAt = createdAt
        self.creditorName = creditorName
        self.creditorIBAN = creditorIBAN
        self.creditorBIC = creditorBIC
        self.creditorID = creditorID
        self.collectionDate = collectionDate
        self.transactions = transactions
    }
}

/// Why a direct-debit file cannot be written.
public enum DirectDebitError: Error, Equatable, LocalizedError {
    case empty
    case nonPositiveAmount(endToEndID: String)
    case overflow

    public var errorDescription: String? {
        switch self {
        case .empty: "Aucun prélèvement à émettre : le fichier serait vide."
        case .nonPositiveAmount(let id): "Le prélèvement \(id) a un montant nul ou négatif."
        case .overflow: "Le total des prélèvements dépasse la capacité de calcul."
        }
    }
}
