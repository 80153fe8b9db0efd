import Fluent
import Foundation
import MaillageCore

// The dues records (migration 016). Amounts are integer cents; days are `YYYY-MM-DD` text.

/// The federation's identity on calls and direct debits, and the accountant's settings (one row).
final class DuesSettingsRecord: Model, @unchecked Sendable {
    static let schema = "dues_settings"
    static let key = "federation"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "federation_name") var federationName: String
    @Field(key: "address") var address: String
    @Field(key: "siret") var siret: String
    @Field(key: "iban") var iban: String
    @Field(key: "bic") var bic: String
    /// SEPA creditor identifier (ICS).
    @Field(key: "creditor_id") var creditorID: String
    @Field(key: "account_dues") var accountDues: String
    @Field(key: "account_members") var accountMembers: String
    @Field(key: "account_bank") var accountBank: String
    @Field(key: "journal_code") var journalCode: String
    /// Days between a call's issue and its due date, unless the grid says otherwise.
    @Field(key: "payment_days") var paymentDays: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        key = Self.key
        federationName = ""; address = ""; siret = ""; iban = ""; bic = ""; creditorID = ""
        accountDues = "756"; accountMembers = "411"; accountBank = "512"; journalCode = "CO"; paymentDays = 30
    }
}

/// A year's grid, in one version; a grid used by a call is locked and edits make the next version.
final class DuesGrid: Model, @unchecked Sendable {
    static let schema = "dues_grids"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "version") var version: Int
    @Field(key: "fixed_cents") var fixedCents: Int64
    /// `DuesBaseKind` raw value: turnover or payroll.
    @Field(key: "base_kind") var baseKind: String
    @Field(key: "reference_year") var referenceYear: Int
    /// SMIC hourly rate of 1 January of `year`.
    @Field(key: "smic_cents") var smicCents: Int64
    @OptionalField(key: "floor_cents") var floorCents: Int64?
    @Field(key: "split_delegation_bp") var splitDelegationBP: Int
    @Field(key: "split_national_bp") var splitNationalBP: Int
    @Field(key: "split_fund_bp") var splitFundBP: Int
    /// `DuesParty` raw value: who receives the remainder cent of a split.
    @Field(key: "rounding_party") var roundingParty: String
    /// `NoBaseRule` raw value.
    @Field(key: "no_base_rule") var noBaseRule: String
    @OptionalField(key: "declaration_deadline") var declarationDeadline: String?
    /// Days after the due date when reminders go, "15,45".
    @Field(key: "reminder_days") var reminderDays: String
    @Field(key: "payment_days") var paymentDays: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "locked_at") var lockedAt: Date?
    @Children(for: \.$grid) var rates: [DuesGridRate]

    init() {}

    var isLocked: Bool { lockedAt != nil }
    var fixed: Money { Money(cents: fixedCents) }
    var smicHourly: Money { Money(cents: smicCents) }
    var floor: Money? { floorCents.map(Money.init(cents:)) }
    var base: DuesBaseKind { DuesBaseKind(rawValue: baseKind) ?? .turnover }
    var noBase: NoBaseRule { NoBaseRule(rawValue: noBaseRule) ?? .fixedOnly }
    var splitRule: DuesSplitRule {
        DuesSplitRule(delegation: splitDelegationBP, national: splitNationalBP, fund: splitFundBP,
                      roundingParty: DuesParty(rawValue: roundingParty) ?? .national)
    }
    /// The reminder delays in days, ascending (step 1 is the first).
    var reminderDelays: [Int] {
        reminderDays.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }.sorted()
    }

    /// The grid as the pure computation takes it (`rates` must be loaded or passed).
    func terms(rates: [DuesGridRate]) -> DuesGridTerms {
        var terms: [StructureType: DuesTypeTerms] = [:]
        for r in rates {
            guard let type = StructureType(rawValue: r.type), let rate = DuesRate(milliPercent: r.rateMilliPercent) else { continue }
            terms[type] = DuesTypeTerms(rate: rate, capHours: r.capHours)
        }
        return DuesGridTerms(year: year, version: version, fixed: fixed, terms: terms, smicHourly: smicHourly,
                             floor: floor, split: splitRule)
    }
}

/// A type's rate and cap hours in a grid.
final class DuesGridRate: Model, @unchecked Sendable {
    static let schema = "dues_grid_rates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "grid_id") var grid: DuesGrid
    @Field(key: "type") var type: String
    @Field(key: "rate_milli_pct") var rateMilliPercent: Int64
    @Field(key: "cap_hours") var capHours: Int

    init() {}
    init(gridID: UUID, type: StructureType, rate: DuesRate, capHours: Int) {
        $grid.id = gridID
        self.type = type.rawValue
        rateMilliPercent = rate.milliPercent
        self.capHours = capHours
    }
}

/// A member's base for one type and one dues year, as declared, confirmed or corrected. Without
/// a row the base is read from the Observatory (`DuesBaseService`).
final class DuesBase: Model, @unchecked Sendable {
    static let schema = "dues_bases"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Parent(key: "structure_id") var structure: Structure
    @Field(key: "type") var type: String
    @OptionalField(key: "amount_cents") var amountCents: Int64?
    /// "observatory" | "declared" | "confirmed" | "corrected"
    @Field(key: "source") var source: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A call for dues: numbered `YEAR-NNNN` in a gap-free series, its amounts frozen at issue.
final class DuesCall: Model, @unchecked Sendable {
    static let schema = "dues_calls"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "number") var number: String
    @Field(key: "seq") var seq: Int
    @Parent(key: "structure_id") var structure: Structure
    @Parent(key: "grid_id") var grid: DuesGrid
    @OptionalField(key: "delegation_id") var delegationID: UUID?
    @Field(key: "structure_name") var structureName: String
    @Field(key: "siret") var siret: String
    /// The member's types at issue, comma-separated codes.
    @Field(key: "types") var typesText: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "fixed_cents") var fixedCents: Int64
    @Field(key: "variable_cents") var variableCents: Int64
    @Field(key: "cap_cents") var capCents: Int64
    @OptionalField(key: "floor_cents") var floorCents: Int64?
    @Field(key: "total_cents") var totalCents: Int64
    @Field(key: "credited_cents") var creditedCents: Int64
    @Field(key: "paid_cents") var paidCents: Int64
    /// "issued" | "partly_paid" | "paid" | "cancelled" (overdue is derived from the due date).
    @Field(key: "status") var status: String
    /// The `DuesAmount` (lines and French explanation) as computed at issue.
    @Field(key: "amount_json") var amountJSON: String
    /// The grid's no-base rule was applied to one of its types.
    @Field(key: "no_base") var noBase: Bool
    @Field(key: "run_id") var runID: UUID
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var total: Money { Money(cents: totalCents) }
    var paid: Money { Money(cents: paidCents) }
    var credited: Money { Money(cents: creditedCents) }
    /// What is still owed: total − credit notes − payments (negative when overpaid).
    var outstanding: Money { Money(cents: totalCents &- creditedCents &- paidCents) }
    var types: [StructureType] { typesText.split(separator: ",").compactMap { StructureType(rawValue: String($0)) } }
    var amount: DuesAmount? { try? JSONDecoder().decode(DuesAmount.self, from: Data(amountJSON.utf8)) }
}

/// A credit note (« avoir ») reducing or cancelling a call, numbered `AV-YEAR-NNNN`.
final class DuesCreditNote: Model, @unchecked Sendable {
    static let schema = "dues_credit_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: DuesCall
    @Field(key: "year") var year: Int
    @Field(key: "number") var number: String
    @Field(key: "seq") var seq: Int
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "amount_cents") var amountCents: Int64
    @Field(key: "reason") var reason: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    var amount: Money { Money(cents: amountCents) }
}

/// Money received for a call (negative for a returned direct debit), split at entry by the
/// call's grid between the delegation, the national offer and the fund.
final class DuesPayment: Model, @unchecked Sendable {
    static let schema = "dues_payments"

    enum Method: String, CaseIterable, Sendable {
        case transfer, directDebit = "direct_debit", cheque, `return`

        var label: String {
            switch self {
            case .transfer: "Virement"
            case .directDebit: "Prélèvement"
            case .cheque: "Chèque"
            case .return: "Rejet de prélèvement"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: DuesCall
    @Field(key: "paid_on") var paidOn: String
    @Field(key: "amount_cents") var amountCents: Int64
    @Field(key: "method") var method: String
    @Field(key: "reference") var reference: String
    /// The bank statement entry it came from: a second import of the statement adds nothing.
    @OptionalField(key: "bank_ref") var bankRef: String?
    @OptionalParent(key: "debit_run_id") var debitRun: DuesDebitRun?
    @OptionalField(key: "returned_payment_id") var returnedPaymentID: UUID?
    @OptionalField(key: "delegation_id") var delegationID: UUID?
    @Field(key: "split_delegation_cents") var splitDelegationCents: Int64
    @Field(key: "split_national_cents") var splitNationalCents: Int64
    @Field(key: "split_fund_cents") var splitFundCents: Int64
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    var amount: Money { Money(cents: amountCents) }
    var paymentMethod: Method { Method(rawValue: method) ?? .transfer }
    var split: DuesSplit {
        DuesSplit(delegation: Money(cents: splitDelegationCents), national: Money(cents: splitNationalCents),
                  fund: Money(cents: splitFundCents))
    }
}

/// A member's SEPA direct-debit mandate (RUM).
final class DuesMandate: Model, @unchecked Sendable {
    static let schema = "dues_mandates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Field(key: "reference") var reference: String
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "debtor_name") var debtorName: String
    /// Electronic form, no spaces.
    @Field(key: "iban") var iban: String
    @OptionalField(key: "bic") var bic: String?
    /// "active" | "revoked"
    @Field(key: "status") var status: String
    /// The collection date of its last debit: nil → the next one is FRST, else RCUR.
    @OptionalField(key: "last_used_on") var lastUsedOn: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One pain.008 file produced for a collection date.
final class DuesDebitRun: Model, @unchecked Sendable {
    static let schema = "dues_debit_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "collection_date") var collectionDate: String
    @Field(key: "message_id") var messageID: String
    @Field(key: "count") var count: Int
    @Field(key: "total_cents") var totalCents: Int64
    @Field(key: "file_key") var fileKey: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A reminder step sent for a call: never twice for the same step.
final class DuesReminder: Model, @unchecked Sendable {
    static let schema = "dues_reminders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: DuesCall
    @Field(key: "step") var step: Int
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "sent_by") var sentBy: UUID?

    init() {}
}

/// An uploaded bank statement (camt.053 or CSV) kept between its preview and its application.
final class DuesStatementBatch: Model, ImportBatchRecord, @unchecked Sendable {
    static let schema = "dues_statement_batches"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "filename") var filename: String
    /// The file's bytes, base64 (a statement may be Windows-1252).
    @Field(key: "content") var content: String
    @OptionalField(key: "applied_at") var appliedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(userID: UUID?, filename: String, data: Data) {
        self.userID = userID
        self.filename = filename
        content = data.base64EncodedString()
    }

    var data: Data { Data(base64Encoded: content) ?? Data() }
}

/// A gap-free number series (`calls-2026`, `credits-2026`): `last` is the last number given.
/// Numbers are taken inside the transaction that writes the numbered records, after locking
/// the row (`DuesNumbering`), so a rolled-back run gives its numbers back.
final class DuesSequenceRow: Model, @unchecked Sendable {
    static let schema = "dues_sequences"

    @ID(key: .id) var id: UUID?
    @Field(key: "series") var series: String
    @Field(key: "last") var last: Int

    init() {}
}
