import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11, item 4: a call is reduced or cancelled only by a credit note, numbered in its own
/// gap-free series; its status follows its payments and credit notes; nothing is deleted.
@Suite("Dues credit notes and call status")
struct DuesCreditNoteTests {
    static let today = Day(iso: "2026-03-01")!
    static let admin: Set<Party> = [.nationalAdmin]

    /// The member inPDL's call: 800 € fixed + 0,6 % × 100 000 € = 1 400,00 €.
    static func setUp(_ app: Application) async throws -> (Fixtures, DuesCall) {
        let f = try await Fixtures.load(on: app)
        let call = try await DuesMatrixFixtures.call(for: f.inPDL, on: app.db).call
        // The matrix fixture pays 100 € by direct debit; start from a call with nothing paid.
        try await DuesPayment.query(on: app.db).delete()
        try await DuesCallService.refreshTotals(callID: call.requireID(), on: app.db)
        return (f, try await DuesCall.find(call.id, on: app.db)!)
    }

    static func note(_ call: DuesCall, _ cents: Int64, reason: String = "Erreur d'assiette", parties: Set<Party> = admin,
                     on db: any Database) async throws -> DuesCreditNote {
        try await DuesCallService.issueCreditNote(call: call.requireID(), amount: Money(cents: cents), reason: reason,
                                                  issuedOn: today, by: nil, parties: parties, on: db)
    }

    @Test("credit notes are numbered AV-2026-0001, 0002… and reduce what is owed; a refused one takes no number")
    func numberingAndRefusals() async throws {
        try await withMaillage { app in
            // setup
            let (_, call) = try await Self.setUp(app)
            #expect(call.totalCents == 140_000)
            // MUT
            let first = try await Self.note(call, 10_000, on: app.db)
            await #expect(throws: DuesCallService.CreditNoteRefusal.self) { try await Self.note(call, 130_001, on: app.db) }
            await #expect(throws: DuesCallService.CreditNoteRefusal.self) { try await Self.note(call, 0, on: app.db) }
            await #expect(throws: DuesCallService.CreditNoteRefusal.self) { try await Self.note(call, 100, reason: "  ", on: app.db) }
            let second = try await Self.note(call, 5_000, on: app.db)
            // validate
            #expect(first.number == "AV-2026-0001" && second.number == "AV-2026-0002")
            let after = try #require(try await DuesCall.find(call.id, on: app.db))
            #expect(after.creditedCents == 15_000 && after.outstanding == Money(cents: 125_000) && after.status == "issued")
            #expect(try await DuesCreditNote.query(on: app.db).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "avoir_cotisation").count() == 2)
        }
    }

    @Test("a credit note of everything that remains cancels the call; a cancelled call takes no further credit note")
    func cancelByCreditNote() async throws {
        try await withMaillage { app in
            // setup
            let (_, call) = try await Self.setUp(app)
            _ = try await Self.note(call, 40_000, on: app.db)
            // MUT
            let cancel = try await Self.note(call, 100_000, reason: "Adhésion résiliée", on: app.db)
            // validate
            #expect(cancel.number == "AV-2026-0002")
            let after = try #require(try await DuesCall.find(call.id, on: app.db))
            #expect(after.status == "cancelled" && after.outstanding == .zero)
            #expect(DuesCallStatus.of(after, today: Day(iso: "2027-01-01")!) == .cancelled)
            await #expect(throws: WorkflowRefusal<DuesCallStatus>.wrongState(.cancelled)) { try await Self.note(after, 1, on: app.db) }
            #expect(try await DuesCall.query(on: app.db).count() == 1)
        }
    }

    @Test("only a national admin issues a credit note (the workflow table)")
    func onlyAdmins() async throws {
        try await withMaillage { app in
            // setup
            let (_, call) = try await Self.setUp(app)
            // MUT / validate
            await #expect(throws: WorkflowRefusal<DuesCallStatus>.notPermitted) {
                try await Self.note(call, 1_000, parties: [.delegate, .manager], on: app.db)
            }
            #expect(try await DuesCreditNote.query(on: app.db).count() == 0)
            #expect(try await DuesSequenceRow.query(on: app.db).filter(\.$series == "credits-2026").first()?.last ?? 0 == 0)
        }
    }

    @Test("status follows payments: issued → partly paid → paid → overpaid; overdue after the due date while something is owed")
    func statusTransitions() async throws {
        try await withMaillage { app in
            // setup
            let (_, call) = try await Self.setUp(app)
            let beforeDue = Day(iso: "2026-02-01")!, afterDue = Day(iso: "2026-03-01")!
            #expect(DuesCallStatus.of(call, today: beforeDue) == .issued)
            #expect(DuesCallStatus.of(call, today: afterDue) == .overdue)
            // MUT: a partial payment, then the rest, then too much
            _ = try await DuesFactory.makePayment(on: app.db, call: call, cents: 40_000)
            try await DuesCallService.refreshTotals(callID: call.requireID(), on: app.db)
            let partly = try #require(try await DuesCall.find(call.id, on: app.db))
            let partlyState = (partly.status, partly.paidCents, DuesCallStatus.of(partly, today: afterDue))
            _ = try await DuesFactory.makePayment(on: app.db, call: partly, cents: 100_000)
            try await DuesCallService.refreshTotals(callID: call.requireID(), on: app.db)
            let paid = try #require(try await DuesCall.find(call.id, on: app.db))
            let paidState = (paid.status, DuesCallStatus.of(paid, today: afterDue))
            _ = try await DuesFactory.makePayment(on: app.db, call: paid, cents: 1_200)
            try await DuesCallService.refreshTotals(callID: call.requireID(), on: app.db)
            let over = try #require(try await DuesCall.find(call.id, on: app.db))
            // validate
            #expect(partlyState.0 == "partly_paid" && partlyState.1 == 40_000)
            #expect(partlyState.2 == .overdue)
            #expect(paidState.0 == "paid" && paidState.1 == .paid)
            #expect(over.status == "paid" && over.outstanding == Money(cents: -1_200))
            #expect(DuesCallPage.outstandingLabel(over) == "Trop-perçu : 12,00\u{202F}€")
            #expect(DuesCallStatus.stored(total: 100, credited: 0, paid: 0) == .issued)
            #expect(DuesCallStatus.stored(total: 100, credited: 100, paid: 0) == .cancelled)
        }
    }

    @Test("the credit-note pages: form, confirmation, then the note, with French errors and no note on a bad form")
    func pages() async throws {
        try await withMaillage { app in
            // setup
            let (f, call) = try await Self.setUp(app)
            let id = try call.requireID()
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT
            let form = try await admin.get(DuesURL.creditNote(id))
            let empty = try await admin.post(DuesURL.submitCreditNote(id))
            let tooMuch = try await admin.post(DuesURL.submitCreditNote(id), form: [("amount", "1 400,01"), ("reason", "Trop")])
            let confirm = try await admin.post(DuesURL.submitCreditNote(id), form: [("amount", "100"), ("reason", "Erreur d'assiette")])
            #expect(try await DuesCreditNote.query(on: app.db).count() == 0)
            let done = try await admin.post(DuesURL.submitCreditNote(id),
                                            form: [("amount", "100,00"), ("reason", "Erreur d'assiette"), ("confirm", "1")])
            let refused = try await delegate.get(DuesURL.creditNote(id))
            // validate
            #expect(form.status == .ok && form.body.contains("1400,00"))
            #expect(empty.status == .unprocessableEntity && empty.body.contains("Indiquez le montant de l&#39;avoir."))
            #expect(empty.body.contains("Indiquez le motif de l&#39;avoir."))
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.body.contains("ne peut pas dépasser le montant restant"))
            #expect(confirm.status == .ok && confirm.body.contains("Émettre un avoir de 100,00\u{202F}€ sur l&#39;appel 2026-0001 ?"))
            #expect(done.status == .seeOther && done.location == DuesURL.call(id).path)
            let page = try await admin.get(DuesURL.call(id))
            #expect(page.body.contains("Avoir AV-2026-0001 de 100,00\u{202F}€ émis sur l&#39;appel 2026-0001."))
            #expect(page.body.contains("AV-2026-0001") && page.body.contains("Erreur d&#39;assiette"))
            #expect(refused.status == .forbidden)
        }
    }
}
