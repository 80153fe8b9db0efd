import Fluent
import Foundation
import MaillageCore
import SQLKit

/// Money received for a call: recorded by hand, by a direct-debit run or a bank statement, and
/// returned direct debits. Every payment is split at entry by the call's grid (delegation,
/// national offer, fund) so that the three parts add up to it exactly, and the call's totals
/// and status are refreshed in the same transaction, with the audit entry.
enum DuesPaymentService {
    /// The largest amount a payment may have, either sign: 99 999 999,99 €.
    static let maxAmount = Money(cents: 9_999_999_999)
    static let maxReference = 140
    static let auditEntity = "paiement_cotisation"

    /// Why a payment is refused; the messages are French, shown as they are.
    enum Refusal: Error, Equatable {
        /// Bad input, by form field.
        case invalid(field: String, message: String)
        /// The call is cancelled, the payment already returned…: 409.
        case conflict(String)

        var message: String {
            switch self {
            case .invalid(_, let m), .conflict(let m): m
            }
        }
    }

    /// The methods a person records by hand (a return is recorded through `returnDebit`).
    static let manualMethods: [DuesPayment.Method] = [.transfer, .directDebit, .cheque]

    /// Records `amount` received for `call` (refused on a cancelled call). `paidOn` is not
    /// checked against today here: a direct-debit run records its collection date; the form
    /// refuses a future day itself.
    @discardableResult
    static func record(call: DuesCall, paidOn: Day, amount: Money, method: DuesPayment.Method, reference: String,
                       bankRef: String?, debitRunID: UUID?, by actor: CurrentUser?, on db: any Database) async throws -> DuesPayment {
        // Money received is positive; only `returnDebit` records a negative line (a returned debit).
        guard amount.cents > 0, amount.cents <= maxAmount.cents else {
            throw Refusal.invalid(field: "amount", message: "Montant invalide : il doit être positif et d'au plus 99 999 999,99 €.")
        }
        guard method != .return else { throw Refusal.invalid(field: "method", message: "Mode de paiement inconnu.") }
        let reference = String(reference.trimmingCharacters(in: .whitespacesAndNewlines).prefix(maxReference))
        return try await db.writeTransaction { tx in
            try await DuesCallService.lockCall(call.requireID(), on: tx)
            guard let current = try await DuesCall.find(call.requireID(), on: tx) else {
                throw Refusal.conflict("Cet appel de cotisation n'existe plus.")
            }
            guard current.status != "cancelled" else {
                throw Refusal.conflict("L'appel \(current.number) est annulé : il ne reçoit plus de paiement.")
            }
            guard let grid = try await DuesGrid.find(current.$grid.id, on: tx) else {
                throw Refusal.conflict("Le barème de l'appel \(current.number) est introuvable.")
            }
            let p = DuesPayment()
            p.$call.id = try current.requireID()
            p.paidOn = paidOn.iso
            p.amountCents = amount.cents
            p.method = method.rawValue
            p.reference = reference
            p.bankRef = bankRef
            p.$debitRun.id = debitRunID
            p.delegationID = current.delegationID
            set(p, split: grid.splitRule.split(amount))
            p.createdBy = actor?.id
            try await p.create(on: tx)
            try await refreshCall(current.requireID(), on: tx)
            try await Audit.record(.create, auditEntity, id: try p.requireID().uuidString,
                                   summary: "\(method.label) de \(amount.french) sur l'appel \(current.number)",
                                   after: snapshot(p, number: current.number), actor: actor, on: tx)
            return p
        }
    }

    /// Records the return of a direct-debit payment: a payment of method « return » with the
    /// negative amount and the exact opposite split, once per payment.
    @discardableResult
    static func returnDebit(call: DuesCall, paymentID: UUID, on day: Day, by actor: CurrentUser?,
                            on db: any Database) async throws -> DuesPayment {
        try await db.writeTransaction { tx in
            // The call first (a write): two returns of one payment at once queue on it.
            try await DuesCallService.lockCall(call.requireID(), on: tx)
            // Two returns of one payment at once: the second waits, then finds the first.
            try await RowLock.lock(DuesPayment.schema, paymentID, on: tx)
            guard let original = try await DuesPayment.find(paymentID, on: tx), original.$call.id == call.id else {
                throw Refusal.conflict("Ce paiement n'appartient pas à cet appel.")
            }
            guard original.paymentMethod == .directDebit, original.amountCents > 0 else {
                throw Refusal.conflict("Seul un prélèvement peut être rejeté.")
            }
            let already = try await DuesPayment.query(on: tx).filter(\.$returnedPaymentID == paymentID).count()
            guard already == 0 else { throw Refusal.conflict("Ce prélèvement a déjà été rejeté.") }
            guard let current = try await DuesCall.find(original.$call.id, on: tx) else { throw Refusal.conflict("Appel introuvable.") }
            let r = DuesPayment()
            r.$call.id = original.$call.id
            r.paidOn = day.iso
            r.amountCents = -original.amountCents
            r.method = DuesPayment.Method.return.rawValue
            r.reference = String(("Rejet du prélèvement du " + FrenchFormat.date(original.paidOn)).prefix(maxReference))
            r.returnedPaymentID = paymentID
            r.$debitRun.id = original.$debitRun.id
            r.delegationID = original.delegationID
            r.splitDelegationCents = -original.splitDelegationCents
            r.splitNationalCents = -original.splitNationalCents
            r.splitFundCents = -original.splitFundCents
            r.createdBy = actor?.id
            try await r.create(on: tx)
            try await refreshCall(original.$call.id, on: tx)
            try await Audit.record(.create, auditEntity, id: try r.requireID().uuidString,
                                   summary: "Rejet du prélèvement de \(original.amount.french) sur l'appel \(current.number)",
                                   after: snapshot(r, number: current.number), actor: actor, on: tx)
            return r
        }
    }

    /// Whether a direct-debit payment has been returned.
    static func returnedIDs(callID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await DuesPayment.query(on: db).filter(\.$call.$id == callID).all().compactMap(\.returnedPaymentID))
    }

    private static func set(_ p: DuesPayment, split: DuesSplit) {
        p.splitDelegationCents = split.delegation.cents
        p.splitNationalCents = split.national.cents
        p.splitFundCents = split.fund.cents
    }

    static func snapshot(_ p: DuesPayment, number: String) -> [String: String] {
        ["appel": number, "date": p.paidOn, "montant": Money(cents: p.amountCents).plain, "mode": p.method,
         "reference": p.reference, "ref_banque": p.bankRef ?? "",
         "part_delegation": Money(cents: p.splitDelegationCents).plain, "part_nationale": Money(cents: p.splitNationalCents).plain,
         "part_fonds": Money(cents: p.splitFundCents).plain]
    }

    /// The call's totals and status from its rows (CALLS' `DuesCallService.refreshTotals`).
    /// The call's totals and status from its rows (CALLS' `DuesCallService.refreshTotals`).
    static func refreshCall(_ callID: UUID, on tx: any Database) async throws {
        try await DuesCallService.refreshTotals(callID: callID, on: tx)
    }

    // MARK: the manual form

    /// The payment form as posted: `paid_on` (jj/mm/aaaa or ISO), `amount`, `method`, `reference`.
    struct Form: Sendable {
        var paidOn: Day
        var amount: Money
        var method: DuesPayment.Method
        var reference: String

        /// Reads and bounds the form; every problem at once, by field. `today` refuses a future day.
        static func parse(_ values: [String: String], today: Day) -> Result<Form, FormRefusal> {
            var errors = FieldErrors()
            let dayText = values["paid_on", default: ""].trimmingCharacters(in: .whitespaces)
            let day = Day(typed: dayText)
            if dayText.isEmpty {
                errors.add("paid_on", "Indiquez la date du paiement (jj/mm/aaaa).")
            } else if let day, !(2000...2100).contains(day.year) {
                errors.add("paid_on", "Date hors des années 2000 à 2100.")
            } else if let day, today < day {
                errors.add("paid_on", "La date du paiement ne peut pas être dans le futur.")
            } else if day == nil {
                errors.add("paid_on", "Date invalide : écrivez-la jj/mm/aaaa (par exemple 15/03/2026).")
            }
            let amountText = values["amount", default: ""].trimmingCharacters(in: .whitespaces)
            let amount = Money.parse(amountText)
            if amountText.isEmpty {
                errors.add("amount", "Indiquez le montant reçu.")
            } else if let amount, amount.cents <= 0 || amount.cents > maxAmount.cents {
                errors.add("amount", "Montant invalide : il doit être positif et d'au plus 99 999 999,99 €.")
            } else if amount == nil {
                errors.add("amount", "Montant invalide : écrivez-le en euros, par exemple 450,00.")
            }
            let method = DuesPayment.Method(rawValue: values["method", default: ""])
            if method == nil || method == .return {
                errors.add("method", "Choisissez le mode de paiement : virement, prélèvement ou chèque.")
            }
            let reference = values["reference", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
            if reference.count > maxReference {
                errors.add("reference", "La référence ne peut dépasser \(maxReference) caractères.")
            }
            guard errors.isEmpty, let day, let amount, let method else { return .failure(FormRefusal(errors: errors)) }
            return .success(Form(paidOn: day, amount: amount, method: method, reference: reference))
        }
    }
}
