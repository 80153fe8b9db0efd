import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #9: reminders say before sending whom they reach and whom not, ask for confirmation,
/// never remind a structure twice within the delay, and keep their history.
@Suite("Observatory reminders")
struct ReminderTests {
    /// 10 June 2025, 10:00 in Paris: the 2024 campaign of the factory runs from 1 April to 31 May.
    static let june10 = ISO8601DateFormatter().date(from: "2025-06-10T08:00:00Z")!

    /// An open 2024 campaign where nobody has answered, a clock the test moves, and the fixtures:
    /// inPDL managed by `member`, otherPDL (PDL) and entityNOR (Normandie) without a manager.
    static func setUp(_ app: Application) async throws -> (Fixtures, FixedClock) {
        let clock = FixedClock(june10)
        app.services = AppServices(config: app.config, clock: clock)
        let f = try await Fixtures.load(on: app)
        try await ObservatoryFixtures.campaign(2024, on: app.db)
        return (f, clock)
    }

    /// A manager account for `structure`.
    @discardableResult
    static func manager(_ email: String, of structure: Structure, _ app: Application) async throws -> User {
        let user = User(email: email, displayName: email, passwordHash: "x")
        try await user.create(on: app.db)
        try await RoleGrant(userID: user.id!, role: .memberManager, structureID: structure.id).create(on: app.db)
        return user
    }

    static func mails(to email: String, _ app: Application) async throws -> Int {
        try await OutboxMessage.query(on: app.db).filter(\.$recipient == email).count()
    }

    static func section(_ body: String, _ id: String) -> String {
        guard let r = body.range(of: "id=\"\(id)\"") else { return "" }
        let rest = body[r.upperBound...]
        return String(rest[..<(rest.range(of: "</table>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("the preview says how many are late, who receives the message, and lists those without a manager with an invitation link")
    func previewListsUnreachable() async throws {
        try await withMaillage { app in
            // setup
            let (f, _) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.reminderPreview(2024))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("3 structures en retard (3 réponses non transmises)."))
            #expect(page.body.contains("1 message partira vers les responsables de 1 structure"))
            let unreachable = Self.section(page.body, "reminder-unreachable")
            #expect(unreachable.contains("Chantier Nature Vendée") && unreachable.contains("Pays de la Loire"))
            #expect(unreachable.contains("Tempo Emploi Caen"))
            #expect(!unreachable.contains("Relais Emploi Nantes"))
            #expect(unreachable.contains(SiteURL.newUser.path(query: ["structure": f.otherPDL.id!.uuidString])))
            #expect(Self.section(page.body, "reminder-targets").contains(Fixtures.Who.member.email))
            #expect(page.body.contains("id=\"reminder-history-empty\""))
            #expect(page.body.contains("name=\"confirm\" value=\"1\""))
            // Nothing is sent by looking.
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 0)
            // A delegate sees the same list for their delegation, without the invitation they may not follow.
            let delegate = try await f.browser(app, as: .delegate).get(.reminderPreview(2024))
            let theirs = Self.section(delegate.body, "reminder-unreachable")
            #expect(theirs.contains("Chantier Nature Vendée") && !theirs.contains("Tempo Emploi Caen"))
            #expect(!delegate.body.contains(SiteURL.newUser.path))
        }
    }

    @Test("a post without the preview's confirmation sends nothing; two confirmed posts queue once; after the delay, again")
    func secondClickQueuesNothing() async throws {
        try await withMaillage { app in
            // setup
            let (f, clock) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.reminderPreview(2024))
            // MUT: the old follow-up button, without confirmation, leads to the preview
            var page = try await admin.post(.reminders(2024))
            #expect(page.status == .seeOther && page.location == SiteURL.reminderPreview(2024).path)
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 0)
            // MUT: confirmed, twice
            page = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            #expect(page.status == .seeOther)
            page = try await admin.get(.reminderPreview(2024))
            #expect(page.body.contains("1 relance mise en file d&#39;envoi pour 1 structure.") || page.body.contains("1 relance mise en file d'envoi pour 1 structure."))
            page = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            #expect(page.status == .seeOther)
            // validate
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 1)
            #expect(try await ReminderRun.query(on: app.db).count() == 1)
            page = try await admin.get(.reminderPreview(2024))
            #expect(page.body.contains("Aucune relance envoyée : toutes les structures en retard ont été relancées il y a moins de 7 jours."))
            #expect(Self.section(page.body, "reminder-skipped").contains("Relais Emploi Nantes"))
            #expect(Self.section(page.body, "reminder-skipped").contains("Relancée le 10/06/2025 10:00"))
            #expect(!page.body.contains("id=\"reminder-form\""))
            // Eight days later the structure may be reminded again.
            clock.advance(by: 8 * 86_400)
            _ = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 2)
        }
    }

    @Test("the history shows every run: date, who, messages, structures")
    func historyShowsBothRuns() async throws {
        try await withMaillage { app in
            // setup: a first run reminds inPDL; otherPDL then gets two managers
            let (f, clock) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.reminderPreview(2024))
            _ = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            clock.advance(by: 3600)
            try await Self.manager("a@chantier.test", of: f.otherPDL, app)
            try await Self.manager("b@chantier.test", of: f.otherPDL, app)
            // MUT: the second run skips inPDL, reminds otherPDL
            _ = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            let page = try await admin.get(.reminderPreview(2024))
            // validate
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 1)
            #expect(try await Self.mails(to: "a@chantier.test", app) == 1)
            let history = Self.section(page.body, "reminder-history")
            #expect(history.components(separatedBy: "<tr><td>").count - 1 == 2)
            #expect(history.contains("<tr><td>10/06/2025 11:00</td><td>Test admin</td><td>2 messages</td><td>1 structure</td></tr>"))
            #expect(history.contains("<tr><td>10/06/2025 10:00</td><td>Test admin</td><td>1 message</td><td>1 structure</td></tr>"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "relance_observatoire").count()
            #expect(audit == 2)
        }
    }

    @Test("a delegate's reminder reaches only the structures of their delegation")
    func delegateRemindsOwnDelegation() async throws {
        try await withMaillage { app in
            // setup: the Normandie entity has a manager too
            let (f, _) = try await Self.setUp(app)
            try await Self.manager("tempo@caen.test", of: f.entityNOR, app)
            let delegate = try await f.browser(app, as: .delegate)
            _ = try await delegate.get(.reminderPreview(2024))
            // MUT
            let page = try await delegate.post(.reminders(2024), form: [("confirm", "1")])
            // validate
            #expect(page.status == .seeOther)
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 1)
            #expect(try await Self.mails(to: "tempo@caen.test", app) == 0)
            let targets = try await ReminderTarget.query(on: app.db).all().map(\.structureID)
            #expect(targets == [f.inPDL.id!])
            // The admin may still remind the Normandie entity: it was not reminded.
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.reminderPreview(2024))
            _ = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            #expect(try await Self.mails(to: "tempo@caen.test", app) == 1)
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 1)
        }
    }

    @Test("a closed campaign sends no reminder; its page keeps the history")
    func closedCampaignSendsNothing() async throws {
        try await withMaillage { app in
            // setup
            let (f, _) = try await Self.setUp(app)
            let c = try #require(try await Campaign.find(year: 2024, on: app.db))
            c.status = CampaignStatus.closed.rawValue
            try await c.save(on: app.db)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.reminderPreview(2024))
            let sent = try await admin.post(.reminders(2024), form: [("confirm", "1")])
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"campaign-closed\""))
            #expect(!page.body.contains("id=\"reminder-form\""))
            #expect(sent.status == .conflict)
            #expect(try await Self.mails(to: Fixtures.Who.member.email, app) == 0)
        }
    }
}
