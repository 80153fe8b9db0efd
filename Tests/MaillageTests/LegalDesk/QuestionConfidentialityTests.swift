import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// What the review of the legal desk found: a delegate read an unshared question's subject on its
/// page; national admins read answers in the outbox and subjects in the journal; a later setting
/// moved open questions' due days; a reopened question came back already late.
@Suite("Legal questions: confidentiality and the promised delay")
struct QuestionConfidentialityTests {
    typealias W = QuestionWorkflowTests

    @Test("unshared: the delegate's page shows neither subject nor text; no subject or text in e-mails or the journal")
    func nothingReadableWithoutTheTexts() async throws {
        try await withMaillage { app in
            let s = try await W.setUp(app)
            let id = try s.q.requireID()
            _ = try await s.jurist.post(LegalURL.answer(id), form: [("text", "Réponse confidentielle : oui, une fois.")])
            let delegate = try await s.f.browser(app, as: .delegate)
            let page = try await delegate.get(LegalURL.question(id))
            #expect(page.status == .ok)
            #expect(!page.body.contains("Renouveler une p"), "the delegate reads the subject of an unshared question")
            #expect(page.body.contains("(non partagée)"))
            // What national admins read: every e-mail of the outbox and every journal entry.
            for m in try await OutboxMessage.query(on: app.db).all() {
                #expect(!m.subject.contains("Renouveler") && !m.body.contains("Renouveler"), "subject in an e-mail: \(m.subject)")
                #expect(!m.body.contains("confidentielle") && !m.body.contains("période d'essai d'un salarié"), "text in an e-mail")
            }
            for entry in try await AuditEntry.query(on: app.db).all() {
                let text = entry.summary + (entry.after ?? "") + (entry.before ?? "")
                #expect(!text.contains("Renouveler") && !text.contains("confidentielle"), "question text in the journal: \(entry.summary)")
            }
            let admin = try await s.f.browser(app, as: .admin)
            let outbox = try await admin.get(.outbox)
            #expect(outbox.status == .ok)
            #expect(outbox.body.contains("Réponse à votre question juridique"))
            #expect(!outbox.body.contains("confidentielle"))
        }
    }

    @Test("a question keeps the delay promised when it was asked; a reopening counts the time since the answer as a wait")
    func promisedDelay() async throws {
        try await withMaillage { app in
            let s = try await W.setUp(app)  // asked Thursday 2 April 2026, 5 working days: due 10 April
            let id = try s.q.requireID()
            #expect(s.q.promisedDays == 5)
            try await LegalFactory.makeSettings(on: app.db, promisedDays: 10)
            _ = try await s.jurist.post(LegalURL.take(id), form: [])
            var q = try await W.reload(s.q, app)
            #expect(q.dueOn == "2026-04-10", "a later setting moved the due day")
            _ = try await s.jurist.post(LegalURL.answer(id), form: [("text", "Oui.")])
            // Answered Thursday 2 April; reopened Thursday 16 April: 9 working days in between
            // (Easter Monday), counted as waiting: due 10 April + 9 working days = 23 April.
            s.clock.advance(by: 14 * W.day)
            let r = try await s.member.post(LegalURL.reopen(id), form: [])
            #expect(r.status == .seeOther)
            q = try await W.reload(s.q, app)
            #expect(q.waitedDays == 9)
            #expect(q.dueOn == "2026-04-23")
            let list = try await s.jurist.get(LegalURL.start)
            #expect(!list.body.contains("class=\"tag overdue\""), "a reopened question came back late")
            #expect(list.body.contains("Dans le délai"))
        }
    }

    @Test("a forged version (not a number) is refused; the question is unchanged")
    func forgedVersion() async throws {
        try await withMaillage { app in
            let s = try await W.setUp(app)
            let id = try s.q.requireID()
            let r = try await s.jurist.post(LegalURL.take(id), form: [("version", "abc")])
            #expect(r.status == .conflict)
            #expect(try await W.reload(s.q, app).statusValue == .new)
        }
    }
}
