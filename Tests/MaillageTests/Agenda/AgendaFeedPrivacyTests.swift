import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Review fixes of issue #13 (agenda): personal feeds of deactivated accounts, their ETag, and the
/// server-side checks the pages alone used to make.
@Suite("Agenda: personal feeds and server checks")
struct AgendaFeedPrivacyTests {
    static func token(_ app: Application, _ f: Fixtures, _ who: Fixtures.Who) async throws -> String {
        let browser = try await f.browser(app, as: who)
        #expect(try await browser.get(SiteURL.agenda(.feeds)).status == .ok)
        return try #require(try await CalendarFeedToken.query(on: app.db).filter(\.$userID == f.users[who]!).first()?.token)
    }

    @Test("a deactivated account's personal feed answers 404")
    func deactivatedAccount() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await AgendaFactory.makeEvent(on: app.db, title: "Conseil seulement", kind: .board, audience: .board, day: Day.today().adding(days: 3))
            let token = try await Self.token(app, f, .board)
            let feed = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token))
            #expect(feed.status == .ok && feed.body.contains("Conseil seulement"))
            // deactivated as Admin/UserRolesController does
            let user = try #require(try await User.find(f.users[.board], on: app.db))
            user.isActive = false
            try await user.save(on: app.db)
            #expect(try await TestBrowser(app).get(AgendaURL.personalFeed(token: token)).status == .notFound)
            var h = HTTPHeaders()
            h.add(name: .ifNoneMatch, value: try #require(feed.headers.first(name: .eTag)))
            #expect(try await TestBrowser(app).get(AgendaURL.personalFeed(token: token), headers: h).status == .notFound)
        }
    }

    @Test("personal ETag: 304 after another person signs in; 200 with fewer events once the board role is gone")
    func personalETag() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await AgendaFactory.makeEvent(on: app.db, title: "Publique", day: Day.today().adding(days: 3))
            try await AgendaFactory.makeEvent(on: app.db, title: "Conseil seulement", kind: .board, audience: .board, day: Day.today().adding(days: 3))
            let token = try await Self.token(app, f, .board)
            let first = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token))
            let tag = try #require(first.headers.first(name: .eTag))
            #expect(first.body.contains("Conseil seulement"))
            var h = HTTPHeaders()
            h.add(name: .ifNoneMatch, value: tag)
            // someone else signs in
            _ = try await f.browser(app, as: .member)
            let again = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token), headers: h)
            #expect(again.status == .notModified)
            // the person loses the board role
            try await RoleGrant.query(on: app.db).filter(\.$user.$id == f.users[.board]!).delete()
            let after = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token), headers: h)
            #expect(after.status == .ok && after.headers.first(name: .eTag) != tag)
            #expect(after.body.contains("Publique") && !after.body.contains("Conseil seulement"))
        }
    }

    @Test("an event registration cannot be cancelled by POST once closed; a cancelled event cannot be edited")
    func closedEvents() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Passée", day: Day.today().adding(days: -2),
                                                      registrationOpen: true, capacity: 10)
            let r = try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.inPDL)
            let member = try await f.browser(app, as: .member)
            let refused = try await member.post(AgendaURL.cancelRegistration(r.requireID()))
            #expect(refused.status == .conflict)
            #expect(try await AgendaRegistration.find(r.requireID(), on: app.db)?.status == "confirmed")
            // a cancelled event
            let gone = try await AgendaFactory.makeEvent(on: app.db, title: "Annulée", day: Day(year: 2027, month: 1, day: 12)!, status: .cancelled)
            let admin = try await f.browser(app, as: .admin)
            let edit = try await admin.post(AgendaURL.updateEvent(gone.requireID()),
                                            form: AgendaPageTests.form("13/01/2027") + [("version", String(gone.version))])
            #expect(edit.status == .conflict)
            #expect(try await AgendaEvent.find(gone.requireID(), on: app.db)?.firstDay == "2027-01-12")
        }
    }

    @Test("an event registration's timestamps come from the application's clock")
    func registrationClock() async throws {
        try await withMaillage { app in
            let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 7200)
            app.services = AppServices(config: app.config, clock: FixedClock(now))
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Journée", day: Day.today().adding(days: 10),
                                                      registrationOpen: true, capacity: 10)
            let member = try await f.browser(app, as: .member)
            let res = try await member.post(AgendaURL.createRegistration(e.requireID()), form: [
                ("reg_structure", try f.inPDL.requireID().uuidString), ("reg_name_1", "Lou Martin"),
                ("reg_email_1", "lou@relais.fr"), ("reg_job_1", "Directrice"),
            ])
            #expect(res.status == .seeOther)
            let r = try #require(try await AgendaRegistration.query(on: app.db).filter(\.$event.$id == e.requireID()).first())
            #expect(abs(r.createdAt.timeIntervalSince(now)) < 1)
            #expect(r.statusValue == .confirmed)
            #expect(try await member.post(AgendaURL.cancelRegistration(r.requireID())).status == .seeOther)
            let cancelled = try #require(try await AgendaRegistration.find(r.requireID(), on: app.db))
            #expect(cancelled.statusValue == .cancelled && cancelled.cancelledAt.map { abs($0.timeIntervalSince(now)) < 1 } == true)
        }
    }

    @Test("two first visits at once make one feed token, no error")
    func feedTokenRace() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let id = try #require(f.users[.member])
            async let a = AgendaService.feedToken(for: id, on: app.db)
            async let b = AgendaService.feedToken(for: id, on: app.db)
            let (ta, tb) = try await (a, b)
            #expect(ta.token == tb.token)
            #expect(try await CalendarFeedToken.query(on: app.db).filter(\.$userID == id).count() == 1)
        }
    }
}
