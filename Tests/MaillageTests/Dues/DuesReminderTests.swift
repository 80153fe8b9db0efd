import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11, item 6: overdue calls are reminded at each of the grid's delays (15 and 45 days
/// after the due date), never twice for the same step, by a click or by the daily job.
@Suite("Dues reminders")
struct DuesReminderTests {
    static let network = DuesScope(all: true, delegationIDs: [], departments: [], structureIDs: [])

    static func mails(_ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Relance : appel de cotisation").all()
    }

    static func send(_ app: Application, _ y: DuesYear, scope: DuesScope = network) async throws -> DuesReminders.Outcome {
        let now = y.clock.now
        return try await DuesReminders.send(year: 2026, scope: scope, actor: nil, today: Day.today(now: now), now: now,
                                            map: try await app.services.networkMaps.current(on: app.db), baseURL: "https://maillage.test",
                                            outbox: app.services.outbox, on: app.db)
    }

    @Test("the plan: the highest step reached, recipients from the member's managers, « sans destinataire » otherwise")
    func plan() async throws {
        try await withMaillage { app in
            // setup: 1 April — A and D are 46 days late (step 2), C 12 days (none yet), B paid
            let y = try await DuesYear.load(app)
            // MUT
            let plan = try await DuesReminders.plan(year: 2026, scope: Self.network, today: Day(iso: "2026-04-01")!,
                                                    map: try await app.services.networkMaps.current(on: app.db), on: app.db)
            // validate
            #expect(plan.targets.map(\.number) == [y.a.number])
            #expect(plan.targets.first?.step == 2)
            #expect(plan.targets.first?.recipients == [Fixtures.Who.member.email])
            #expect(plan.unreachable.map(\.number) == [y.d.number])
        }
    }

    @Test("steps at 15 and 45 days: each sent once, the message says what is due and links to the call")
    func steps() async throws {
        try await withMaillage { app in
            // setup: 1 March, A is 15 days late
            let y = try await DuesYear.load(app, now: ISO8601DateFormatter().date(from: "2026-03-01T10:00:00Z")!)
            // MUT + validate: step 1, once
            #expect(try await Self.send(app, y).messages == 1)
            #expect(try await Self.send(app, y).messages == 0)
            var mails = try await Self.mails(app)
            #expect(mails.count == 1)
            #expect(mails.first?.recipient == Fixtures.Who.member.email)
            #expect(mails.first?.subject == "Relance : appel de cotisation \(y.a.number)")
            #expect(mails.first?.body.contains(FrenchFormat.euros(cents: 447_407) + " à payer") == true)
            #expect(mails.first?.body.contains("€ €") == false)
            #expect(mails.first?.body.contains("474,07") == true)
            #expect(mails.first?.body.contains("14/02/2026") == true)
            #expect(mails.first?.body.contains("https://maillage.test" + DuesURL.call(y.a.id!).path) == true)
            #expect(try await DuesReminder.query(on: app.db).filter(\.$step == 1).count() == 1)
            // 30 March: 44 days, still step 1 → nothing
            y.clock.advance(by: 29 * 86_400)
            #expect(try await Self.send(app, y).messages == 0)
            // 31 March: 45 days → step 2, once
            y.clock.advance(by: 86_400)
            #expect(try await Self.send(app, y).messages == 1)
            y.clock.advance(by: 10 * 86_400)
            #expect(try await Self.send(app, y).messages == 0)
            mails = try await Self.mails(app)
            #expect(mails.count == 2)
            #expect(try await DuesReminder.query(on: app.db).count() == 2)
        }
    }

    @Test("a paid or cancelled call is not reminded")
    func paidNotReminded() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            try await DuesFactory.makePayment(on: app.db, call: y.a, cents: y.a.totalCents)
            // MUT
            let outcome = try await Self.send(app, y)
            // validate
            #expect(outcome.messages == 0)
            #expect(try await Self.mails(app).isEmpty)
        }
    }

    @Test("the page: preview, a double click sends once, and the daily job after a manual send queues nothing")
    func pageAndJob() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let admin = try await y.f.browser(app, as: .admin)
            // MUT: preview
            var page = try await admin.get(DuesURL.reminderPreview(2026))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("1 appel en retard sera relancé"))
            #expect(page.body.contains("id=\"dues-reminder-unreachable\""))
            #expect(page.body.contains("sans destinataire") || page.body.contains("Sans destinataire"))
            #expect(page.body.contains(Fixtures.Who.member.email))
            #expect(page.body.contains("name=\"confirm\" value=\"1\""))
            #expect(try await Self.mails(app).isEmpty)
            // without confirmation: back to the preview
            page = try await admin.post(DuesURL.sendReminders(2026))
            #expect(page.status == .seeOther && page.location == DuesURL.reminderPreview(2026).path)
            #expect(try await Self.mails(app).isEmpty)
            // double click
            page = try await admin.post(DuesURL.sendReminders(2026), form: [("confirm", "1")])
            #expect(page.status == .seeOther)
            page = try await admin.post(DuesURL.sendReminders(2026), form: [("confirm", "1")])
            #expect(try await Self.mails(app).count == 1)
            page = try await admin.get(DuesURL.reminderPreview(2026))
            #expect(page.body.contains("Aucune relance envoyée") || page.body.contains("Aucun appel n&#39;attend") || page.body.contains("Aucun appel n'attend"))
            #expect(page.body.contains("id=\"dues-reminder-history\""))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "relance_cotisation").count() == 1)
            // the daily job afterwards
            let ctxOutcome = try await Self.send(app, y)
            #expect(ctxOutcome.messages == 0)
            #expect(try await Self.mails(app).count == 1)
        }
    }

    @Test("the daily job is registered at 08:00 and sends every due step network-wide without an actor")
    func dailyJob() async throws {
        try await withMaillage { app in
            // setup: 1 April 2026 at 10:00 Paris
            let y = try await DuesYear.load(app, now: ISO8601DateFormatter().date(from: "2026-04-01T08:30:00Z")!)
            // MUT
            let scheduled = try await app.jobs.runSchedules()
            _ = try await app.jobs.runDue(kinds: [DuesReminders.kind])
            #expect(scheduled.contains(DuesReminders.kind))
            // validate
            let reminders = try await DuesReminder.query(on: app.db).all()
            #expect(reminders.count == 1)
            #expect(reminders.first?.$call.id == y.a.id)
            #expect(reminders.first?.sentBy == nil)
            #expect(try await Self.mails(app).count == 1)
        }
    }

    @Test("a delegate previews and sends for their delegation only")
    func delegateScope() async throws {
        try await withMaillage { app in
            // setup: Normandy's call C gets a manager and is 16 days late on 5 April
            let y = try await DuesYear.load(app, now: ISO8601DateFormatter().date(from: "2026-04-05T10:00:00Z")!)
            let manager = User(email: "caen@tempo.test", displayName: "Caen", passwordHash: "x")
            try await manager.create(on: app.db)
            try await RoleGrant(userID: manager.id!, role: .memberManager, structureID: y.f.entityNOR.id).create(on: app.db)
            let delegate = try await y.f.browser(app, as: .delegate)
            // MUT
            let page = try await delegate.get(DuesURL.reminderPreview(2026))
            _ = try await delegate.post(DuesURL.sendReminders(2026), form: [("confirm", "1")])
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains(y.a.number) && !page.body.contains(y.c.number))
            let mails = try await Self.mails(app)
            #expect(mails.map(\.recipient) == [Fixtures.Who.member.email])
            // the admin (network) still reminds Normandy's call
            #expect(try await Self.send(app, y).messages == 1)
            #expect(try await Self.mails(app).contains { $0.recipient == "caen@tempo.test" })
        }
    }
}
