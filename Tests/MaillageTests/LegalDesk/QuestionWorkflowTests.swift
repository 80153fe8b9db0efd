import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The steps of a question through its pages: each step's status, event, message, audit entry and
/// e-mails to the other side; refusals (wrong state 409, stale page 409, another member's question
/// 404, reopening too late); the promised delay stopped while waiting for the member.
@Suite("Legal questions: workflow")
struct QuestionWorkflowTests {
    /// Thursday 2 April 2026, 11:00 in Paris: Easter Monday is 6 April.
    static let start = ISO8601DateFormatter().date(from: "2026-04-02T09:00:00Z")!
    static let day: TimeInterval = 86_400

    struct Setup {
        var f: Fixtures
        var clock: FixedClock
        var member: TestBrowser
        var jurist: TestBrowser
        var q: LegalQuestion
    }

    /// The fixtures, a second jurist, and a question asked by the member on 2 April 2026.
    static func setUp(_ app: Application) async throws -> Setup {
        let clock = FixedClock(start)
        app.services = AppServices(config: app.config, clock: clock)
        let f = try await Fixtures.load(on: app)
        try await LegalFactory.makeSettings(on: app.db)
        _ = try await AccountsFactory.makeUser(on: app, email: "jurist2@test.maillage.test", displayName: "Jordan Juriste",
                                               role: .jurist)
        let member = try await f.browser(app, as: .member)
        let jurist = try await f.browser(app, as: .jurist)
        let asked = try await member.post(.legal(.createQuestion), form: [
            ("category", "labour"), ("subject", "Renouveler une période d'essai"),
            ("body", "Pouvons-nous renouveler la période d'essai d'un salarié en CDDI ?")])
        #expect(asked.status == .seeOther, "ask: \(asked.status) \(asked.body.prefix(400))")
        let q = try #require(try await LegalQuestion.query(on: app.db).first())
        return Setup(f: f, clock: clock, member: member, jurist: jurist, q: q)
    }

    static func reload(_ q: LegalQuestion, _ app: Application) async throws -> LegalQuestion {
        try #require(try await LegalQuestion.find(q.id, on: app.db))
    }

    static func outbox(to who: String, _ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).filter(\.$recipient == who).sort(\.$createdAt).all()
    }

    @Test("ask: new question due 5 working days later across Easter Monday, event, audit, e-mail to every jurist")
    func ask() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            #expect(s.q.statusValue == .new)
            #expect(s.q.askedOn == "2026-04-02")
            #expect(s.q.dueOn == "2026-04-10")  // Fri 3, (Mon 6 Easter Monday), Tue 7 … Fri 10
            #expect(s.q.$structure.id == s.f.inPDL.id)
            #expect(s.q.departmentCode == "44")
            #expect(s.q.askerName == "Test member")
            let events = try await LegalQuestionEvent.query(on: app.db).all()
            #expect(events.map(\.action) == ["ask"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "legal.question.ask").count() == 1)
            #expect(try await Self.outbox(to: Fixtures.Who.jurist.email, app).count == 1)
            #expect(try await Self.outbox(to: "jurist2@test.maillage.test", app).count == 1)
            #expect(try await Self.outbox(to: Fixtures.Who.member.email, app).isEmpty)
            let page = try await s.member.get(LegalURL.question(s.q.id!))
            #expect(page.status == .ok)
            #expect(page.body.contains("Renouveler une période d&#39;essai") || page.body.contains("Renouveler une période d'essai"))
            #expect(page.body.contains("10/04/2026"))
            #expect(page.body.contains("Envoyée"))
        }
    }

    @Test("take, request info (clock stops), member reply (wait counted), answer, close: statuses, due day, e-mails")
    func fullPath() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            let id = try s.q.requireID()
            let juristID = try #require(s.f.users[.jurist])
            // take, an hour later
            s.clock.advance(by: 3600)
            var r = try await s.jurist.post(LegalURL.take(id), form: [("version", "1")])
            #expect(r.status == .seeOther)
            var q = try await Self.reload(s.q, app)
            #expect(q.statusValue == .inProgress)
            #expect(q.assigneeID == juristID)
            #expect(q.version == 2)
            // request info on Tue 7 April
            s.clock.advance(by: 5 * Self.day)
            r = try await s.jurist.post(LegalURL.requestInfo(id), form: [("version", "2"), ("text", "Quelle est la durée du contrat ?")])
            #expect(r.status == .seeOther)
            q = try await Self.reload(s.q, app)
            #expect(q.statusValue == .waiting)
            #expect(q.waitingSince == "2026-04-07")
            #expect(q.dueOn == "2026-04-10")
            let toMember = try await Self.outbox(to: Fixtures.Who.member.email, app)
            #expect(toMember.count == 1)
            // The e-mail says what to do and links the question; the texts stay behind the sign-in.
            #expect(toMember.first?.body.contains("besoin de précisions") == true)
            #expect(toMember.first?.body.contains(LegalURL.question(id).path) == true)
            #expect(toMember.first?.body.contains("Quelle est la durée du contrat ?") == false)
            // the member's page shows its turn; the waiting question is never late
            var page = try await s.member.get(LegalURL.question(id))
            #expect(page.body.contains("En attente de votre réponse"))
            #expect(!page.body.contains("en retard"))
            // member replies on Tue 14 April: 5 working days waited (8, 9, 10, 13, 14)
            s.clock.advance(by: 7 * Self.day)
            r = try await s.member.post(LegalURL.postMessage(id), form: [("version", "3"), ("text", "Un CDDI de 6 mois.")])
            #expect(r.status == .seeOther)
            q = try await Self.reload(s.q, app)
            #expect(q.statusValue == .inProgress)
            #expect(q.waitingSince == nil)
            #expect(q.waitedDays == 5)
            #expect(q.dueOn == "2026-04-17")
            let toJurist = try await Self.outbox(to: Fixtures.Who.jurist.email, app)
            #expect(toJurist.count == 2)  // the question, then the reply (to the assignee only)
            #expect(try await Self.outbox(to: "jurist2@test.maillage.test", app).count == 1)
            // answer on Mon 20 April: late before the answer
            s.clock.advance(by: 6 * Self.day)
            page = try await s.jurist.get(LegalURL.question(id))
            #expect(page.body.contains("en retard"))
            r = try await s.jurist.post(LegalURL.answer(id), form: [("version", "4"), ("text", "Oui, une fois, si le contrat le prévoit.")])
            #expect(r.status == .seeOther)
            q = try await Self.reload(s.q, app)
            #expect(q.statusValue == .answered)
            #expect(q.firstAnswerOn == "2026-04-20")
            let answerMail = try await Self.outbox(to: Fixtures.Who.member.email, app).last
            #expect(answerMail?.subject == "Réponse à votre question juridique")
            #expect(answerMail?.body.contains("ont répondu") == true)
            #expect(answerMail?.body.contains("Oui, une fois") == false)
            // close by the member: nobody notified
            let before = try await OutboxMessage.query(on: app.db).count()
            r = try await s.member.post(LegalURL.close(id), form: [("version", "5")])
            #expect(r.status == .seeOther)
            q = try await Self.reload(s.q, app)
            #expect(q.statusValue == .closed)
            #expect(try await OutboxMessage.query(on: app.db).count() == before)
            let actions = try await LegalQuestionEvent.query(on: app.db).sort(\.$at).all().map(\.action)
            #expect(actions == ["ask", "take", "request_info", "reply", "answer", "close"])
            let kinds = Set(try await AuditEntry.query(on: app.db).all().map(\.entity).filter { $0.hasPrefix("legal.question.") })
            #expect(kinds == ["legal.question.ask", "legal.question.take", "legal.question.request_info", "legal.question.reply",
                              "legal.question.answer", "legal.question.close"])
            let messages = try await LegalMessage.query(on: app.db).sort(\.$createdAt).all()
            #expect(messages.map(\.kind) == ["request", "message", "answer"])
        }
    }

    @Test("a member's message on a new question leaves it new; assign notifies the chosen jurist; assigning a non-jurist is refused (422)")
    func replyAndAssign() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            let id = try s.q.requireID()
            var r = try await s.member.post(LegalURL.postMessage(id), form: [("text", "J'ajoute le contrat.")])
            #expect(r.status == .seeOther)
            #expect(try await Self.reload(s.q, app).statusValue == .new)
            let other = try #require(try await User.query(on: app.db).filter(\.$email == "jurist2@test.maillage.test").first())
            r = try await s.jurist.post(LegalURL.assign(id), form: [("assignee", s.f.users[.member]!.uuidString)])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.contains("Choisissez une ou un juriste"))
            r = try await s.jurist.post(LegalURL.assign(id), form: [("assignee", other.id!.uuidString)])
            #expect(r.status == .seeOther)
            let q = try await Self.reload(s.q, app)
            #expect(q.assigneeID == other.id)
            #expect(try await Self.outbox(to: other.email, app).last?.subject.contains("attribuée") == true)
        }
    }

    @Test("refusals: wrong state 409, stale version 409, empty answer 422, another member's question 404, a delegate may not reply (403)")
    func refusals() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            let id = try s.q.requireID()
            // close a new question: wrong state
            var r = try await s.jurist.post(LegalURL.close(id), form: [])
            #expect(r.status == .conflict)
            #expect(r.body.contains("n'est plus possible") || r.body.contains("n&#39;est plus possible"))
            // stale version
            r = try await s.jurist.post(LegalURL.take(id), form: [("version", "7")])
            #expect(r.status == .conflict)
            #expect(r.body.contains("a changé depuis"))
            // empty answer
            r = try await s.jurist.post(LegalURL.answer(id), form: [("text", "  ")])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.contains("Écrivez votre message."))
            #expect(try await Self.reload(s.q, app).version == 1)
            // another member
            _ = try await AccountsFactory.makeUser(on: app, email: "other@test.maillage.test", role: .memberManager, scope: .structure(s.f.otherPDL))
            let other = TestBrowser(app)
            try await other.login("other@test.maillage.test")
            #expect(try await other.get(LegalURL.question(id)).status == .notFound)
            #expect(try await other.post(LegalURL.postMessage(id), form: [("text", "Bonjour")]).status == .notFound)
            #expect(try await other.post(LegalURL.close(id), form: []).status == .notFound)
            // the delegate sees the metadata, may not write
            let delegate = try await s.f.browser(app, as: .delegate)
            let page = try await delegate.get(LegalURL.question(id))
            #expect(page.status == .ok)
            #expect(page.body.contains("pas partagé cette question"))
            #expect(!page.body.contains("salarié en CDDI ?"))
            #expect(try await delegate.post(LegalURL.postMessage(id), form: [("text", "x")]).status == .forbidden)
            // a national admin: the route rule forbids
            let admin = try await s.f.browser(app, as: .admin)
            #expect(try await admin.get(LegalURL.question(id)).status == .forbidden)
            #expect(try await Self.reload(s.q, app).version == 1)
        }
    }

    @Test("share: the delegate reads the texts once the member shares; reopen within 30 days, refused after 31")
    func shareAndReopen() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            let id = try s.q.requireID()
            let delegate = try await s.f.browser(app, as: .delegate)
            var r = try await s.member.post(LegalURL.share(id), form: [("shared", "1")])
            #expect(r.status == .seeOther)
            #expect(try await Self.reload(s.q, app).sharedWithDelegation)
            let page = try await delegate.get(LegalURL.question(id))
            #expect(page.body.contains("salarié en CDDI ?"))
            r = try await s.jurist.post(LegalURL.answer(id), form: [("text", "Oui.")])
            #expect(r.status == .seeOther)
            // 30 days later: reopen allowed
            s.clock.advance(by: 30 * Self.day)
            r = try await s.member.post(LegalURL.reopen(id), form: [])
            #expect(r.status == .seeOther)
            #expect(try await Self.reload(s.q, app).statusValue == .inProgress)
            _ = try await s.jurist.post(LegalURL.answer(id), form: [("text", "Toujours oui.")])
            // 31 days after that answer: refused
            s.clock.advance(by: 31 * Self.day)
            r = try await s.member.post(LegalURL.reopen(id), form: [])
            #expect(r.status == .conflict)
            #expect(r.body.contains("ne peut plus être rouverte"))
            #expect(try await Self.reload(s.q, app).statusValue == .answered)
        }
    }

    @Test("the daily job closes answered questions older than reopen_days, and only those")
    func autoClose() async throws {
        try await withMaillage { app in
            let s = try await Self.setUp(app)
            let id = try s.q.requireID()
            _ = try await s.jurist.post(LegalURL.answer(id), form: [("text", "Oui.")])
            let recent = try await LegalFactory.makeQuestion(on: app.db, structure: s.f.inPDL, status: .answered, askedOn: "2026-04-30")
            s.clock.advance(by: 31 * Self.day)  // 3 May: the first answer is 31 days old, the other 3
            let ctx = QuestionService.Context(now: s.clock.now, baseURL: "", outbox: app.services.outbox)
            #expect(try await QuestionService.autoClose(context: ctx, on: app.db) == 1)
            #expect(try await Self.reload(s.q, app).statusValue == .closed)
            #expect(try await Self.reload(recent, app).statusValue == .answered)
            let close = try #require(try await LegalQuestionEvent.query(on: app.db).filter(\.$action == "close").first())
            #expect(close.byUser == nil)
            #expect(close.byName == "Maillage")
        }
    }
}
