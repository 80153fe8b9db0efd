import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Payments by hand, their exact split, over- and under-payments, returned direct debits.
@Suite("Dues payments")
struct DuesPaymentTests {
    /// Monday 2 March 2026, 10:00 in Paris.
    static let now = ISO8601DateFormatter().date(from: "2026-03-02T09:00:00Z")!

    /// The fixtures, a fixed clock, the 2026 grid and the AI member's call of 4 474,07 €
    /// (800,00 € + 0,6 % × 612 345,00 €).
    static func setUp(_ app: Application) async throws -> (Fixtures, DuesCall) {
        app.services = AppServices(config: app.config, clock: FixedClock(now))
        let f = try await Fixtures.load(on: app)
        try await DuesFactory.makeSettings(on: app.db)
        let grid = try await DuesFactory.makeGrid(on: app.db)
        let call = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: grid, bases: [.ai: Money(cents: 61_234_500)],
                                                  delegationID: UUID())
        #expect(call.totalCents == 447_407)
        return (f, call)
    }

    static func reload(_ call: DuesCall, on db: any Database) async throws -> DuesCall {
        try #require(try await DuesCall.find(call.id, on: db))
    }

    @Test("a partial payment leaves the call partly paid, the rest pays it; each split adds up to its payment (4 474,07 € too)")
    func partialThenRest() async throws {
        try await withMaillage { app in
            // setup
            let (f, call) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(DuesURL.call(call.id!))
            // MUT: 1 000,00 € by transfer, through the call page's form
            let first = try await admin.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "15/02/2026"), ("amount", "1 000,00"), ("method", "transfer"), ("reference", "VIR 2026-0001")])
            // validate
            #expect(first.status == .seeOther)
            #expect(first.location == DuesURL.call(call.id!).path)
            var c = try await Self.reload(call, on: app.db)
            #expect(c.status == "partly_paid")
            #expect(c.outstanding == Money(cents: 347_407))
            // MUT: the rest by cheque
            let rest = try await admin.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "2026-03-01"), ("amount", "3474,07"), ("method", "cheque"), ("reference", "")])
            #expect(rest.status == .seeOther)
            c = try await Self.reload(call, on: app.db)
            #expect(c.status == "paid")
            #expect(c.outstanding == .zero)
            let payments = try await DuesPayment.query(on: app.db).filter(\.$call.$id == call.id!).all()
            #expect(payments.count == 2)
            for p in payments {
                #expect(p.splitDelegationCents + p.splitNationalCents + p.splitFundCents == p.amountCents)
                #expect(p.delegationID == call.delegationID)
            }
            // The whole call split at once: 1 789,63 + 2 237,03 + 447,41 = 4 474,07.
            let whole = DuesSplitRule.standard.split(Money(cents: 447_407))
            #expect(whole.delegation.cents + whole.national.cents + whole.fund.cents == 447_407)
            #expect(whole.delegation == Money(cents: 178_963))
            #expect(whole.fund == Money(cents: 44_741))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "paiement_cotisation").count()
            #expect(audit == 2)
        }
    }

    @Test("an overpayment shows « Trop-perçu » on the call; a cancelled call refuses a payment (409)")
    func overpaymentAndCancelled() async throws {
        try await withMaillage { app in
            // setup
            let (f, call) = try await Self.setUp(app)
            // MUT
            try await DuesPaymentService.record(call: call, paidOn: Day(iso: "2026-02-20")!, amount: Money(cents: 450_000), method: .transfer,
                                                reference: "", bankRef: nil, debitRunID: nil, by: nil, on: app.db)
            // validate
            let c = try await Self.reload(call, on: app.db)
            #expect(c.status == "paid")
            #expect(c.outstanding == Money(cents: -2_593))
            let admin = try await f.browser(app, as: .admin)
            let page = try await admin.get(DuesURL.call(call.id!))
            #expect(page.body.contains("Trop-perçu : 25,93"))
            // cancelled
            c.status = "cancelled"
            try await c.save(on: app.db)
            _ = try await admin.get(DuesURL.call(call.id!))
            let refused = try await admin.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "20/02/2026"), ("amount", "10"), ("method", "transfer")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("est annulé"))
            #expect(try await DuesPayment.query(on: app.db).count() == 1)
        }
    }

    @Test("a bad form re-renders the call page (422) with each message by its field, and records nothing")
    func badForm() async throws {
        try await withMaillage { app in
            // setup
            let (f, call) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(DuesURL.call(call.id!))
            // MUT
            let page = try await admin.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "31/02/2026"), ("amount", "12,345"), ("method", "bitcoin"), ("reference", String(repeating: "x", count: 141))])
            let future = try await admin.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "03/03/2026"), ("amount", "100 000 000,00"), ("method", "transfer")])
            let empty = try await admin.post(DuesURL.recordPayment(call.id!), form: [])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Date invalide"))
            #expect(page.body.contains("Montant invalide"))
            #expect(page.body.contains("Choisissez le mode de paiement"))
            #expect(page.body.contains("140 caractères"))
            #expect(page.body.contains("value=\"12,345\""))
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.contains("ne peut pas être dans le futur"))
            #expect(future.body.contains("99 999 999,99"))
            #expect(empty.status == .unprocessableEntity)
            #expect(try await DuesPayment.query(on: app.db).count() == 0)
        }
    }

    @Test("a returned direct debit: a confirmation first, then a negative payment with the exact opposite split, once")
    func returnedDebitOnce() async throws {
        try await withMaillage { app in
            // setup
            let (f, call) = try await Self.setUp(app)
            let debit = try await DuesPaymentService.record(call: call, paidOn: Day(iso: "2026-02-25")!, amount: Money(cents: 447_407),
                                                            method: .directDebit, reference: "Prélèvement", bankRef: nil, debitRunID: nil,
                                                            by: nil, on: app.db)
            #expect(try await Self.reload(call, on: app.db).status == "paid")
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(DuesURL.call(call.id!))
            // MUT: without confirmation, the page asks
            let ask = try await admin.post(DuesURL.returnDebit(call.id!, debit.id!))
            #expect(ask.status == .ok)
            #expect(ask.body.contains("Enregistrer le rejet du prélèvement ?"))
            #expect(ask.body.contains("name=\"confirm\" value=\"1\""))
            #expect(try await DuesPayment.query(on: app.db).count() == 1)
            // confirmed
            let done = try await admin.post(DuesURL.returnDebit(call.id!, debit.id!), form: [("confirm", "1")])
            #expect(done.status == .seeOther)
            // validate
            let back = try #require(try await DuesPayment.query(on: app.db).filter(\.$returnedPaymentID == debit.id!).first())
            #expect(back.method == "return")
            #expect(back.amountCents == -447_407)
            #expect(back.splitDelegationCents == -debit.splitDelegationCents)
            #expect(back.splitNationalCents == -debit.splitNationalCents)
            #expect(back.splitFundCents == -debit.splitFundCents)
            #expect(back.paidOn == "2026-03-02")
            let c = try await Self.reload(call, on: app.db)
            #expect(c.status == "issued")
            #expect(c.outstanding == Money(cents: 447_407))
            // a second return is refused
            let again = try await admin.post(DuesURL.returnDebit(call.id!, debit.id!), form: [("confirm", "1")])
            #expect(again.status == .conflict)
            #expect(again.body.contains("déjà été rejeté"))
            await #expect(throws: DuesPaymentService.Refusal.self) {
                try await DuesPaymentService.returnDebit(call: call, paymentID: debit.id!, on: Day(iso: "2026-03-02")!, by: nil, on: app.db)
            }
            #expect(try await DuesPayment.query(on: app.db).count() == 2)
            // a transfer cannot be returned
            let transfer = try await DuesPaymentService.record(call: call, paidOn: Day(iso: "2026-02-26")!, amount: Money(cents: 100),
                                                               method: .transfer, reference: "", bankRef: nil, debitRunID: nil, by: nil, on: app.db)
            let wrong = try await admin.post(DuesURL.returnDebit(call.id!, transfer.id!), form: [("confirm", "1")])
            #expect(wrong.status == .conflict)
        }
    }

    @Test("only a national admin records a payment; a member manager cannot post one on its own call")
    func rights() async throws {
        try await withMaillage { app in
            let (f, call) = try await Self.setUp(app)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(DuesURL.call(call.id!))
            let refused = try await member.post(DuesURL.recordPayment(call.id!), form: [
                ("paid_on", "15/02/2026"), ("amount", "10"), ("method", "transfer")])
            #expect(refused.status == .forbidden)
            #expect(try await DuesPayment.query(on: app.db).count() == 0)
        }
    }
}
