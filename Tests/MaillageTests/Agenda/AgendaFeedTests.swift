import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 7: the iCalendar feeds, their bytes, ETag and personal URLs.
@Suite("Agenda feeds")
struct AgendaFeedTests {
    /// The content lines of a feed, unfolded.
    static func unfolded(_ body: String) -> [String] {
        body.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
    }

    @Test("bytes: CRLF, lines ≤ 75 octets, VTIMEZONE, UID, SEQUENCE, DTSTAMP, STATUS:CANCELLED kept; media type")
    func bytes() async throws {
        try await withMaillage { app in
            let pdl = try await AgendaPageTests.delegation("PDL", on: app.db)
            let long = String(repeating: "Réunion très longue des directrices et directeurs, ", count: 3)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: long, delegationID: pdl, day: Day.today().adding(days: 3))
            let gone = try await AgendaFactory.makeEvent(on: app.db, title: "Annulée", day: Day.today().adding(days: 4), status: .cancelled)
            try await AgendaFactory.makeEvent(on: app.db, title: "Réservée", audience: .members, day: Day.today().adding(days: 4))
            try await AgendaFactory.makeEvent(on: app.db, title: "Trop ancienne", day: Day.today().adding(days: -400))
            let res = try await TestBrowser(app).get(SiteURL.agenda(.networkFeed))
            #expect(res.status == .ok && res.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let raw = Array(res.body.utf8)
            // every line break is CRLF, every physical line ≤ 75 octets
            for (i, b) in raw.enumerated() where b == 0x0A { #expect(i > 0 && raw[i - 1] == 0x0D) }
            for line in res.body.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
            #expect(res.body.hasSuffix("END:VCALENDAR\r\n"))
            let lines = Self.unfolded(res.body)
            #expect(lines.contains("BEGIN:VTIMEZONE") && lines.contains("TZID:Europe/Paris"))
            #expect(lines.contains("UID:\(e.calendarUID)") && lines.contains("UID:\(gone.calendarUID)"))
            #expect(lines.contains("STATUS:CANCELLED") && lines.contains("SEQUENCE:0"))
            #expect(lines.contains { $0.hasPrefix("DTSTAMP:") && $0.hasSuffix("Z") })
            #expect(!res.body.contains("Réservée") && !res.body.contains("Trop ancienne"))
            #expect(res.headers.first(name: .eTag)?.hasPrefix("\"agenda-") == true)
            let delegation = try await TestBrowser(app).get(AgendaURL.delegationFeed(code: "PDL"))
            #expect(delegation.status == .ok && delegation.body.contains(e.calendarUID) && !delegation.body.contains(gone.calendarUID))
            #expect(try await TestBrowser(app).get(AgendaURL.delegationFeed(code: "ZZZ")).status == .notFound)
            #expect(try await TestBrowser(app).get(AgendaURL.kindFeed("fete")).status == .notFound)
            #expect(try await TestBrowser(app).get(AgendaURL.kindFeed("formation")).status == .ok)
            let kind = try await TestBrowser(app).get(AgendaURL.kindFeed("reunion-directeurs"))
            #expect(kind.body.contains(e.calendarUID))
        }
    }

    @Test("ETag: a second request answers 304 without a body; an edit moves it; UID stable, SEQUENCE raised")
    func etag() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Réunion des comptables", kind: .accountantsMeeting,
                                                      day: Day(year: 2027, month: 1, day: 12)!)
            let browser = TestBrowser(app)
            let first = try await browser.get(SiteURL.agenda(.networkFeed))
            let tag = try #require(first.headers.first(name: .eTag))
            var h = HTTPHeaders()
            h.add(name: .ifNoneMatch, value: tag)
            let second = try await browser.get(SiteURL.agenda(.networkFeed), headers: h)
            #expect(second.status == .notModified && second.body.isEmpty)
            // an edit through the form
            let admin = try await f.browser(app, as: .admin)
            let moved = try await admin.post(AgendaURL.updateEvent(e.requireID()), form: AgendaPageTests.form("13/01/2027") + [("version", "1")])
            #expect(moved.status == .seeOther)
            let third = try await browser.get(SiteURL.agenda(.networkFeed), headers: h)
            #expect(third.status == .ok && third.headers.first(name: .eTag) != tag)
            let lines = Self.unfolded(third.body)
            #expect(lines.contains("UID:\(e.calendarUID)") && lines.contains("SEQUENCE:1"))
            #expect(lines.contains("DTSTART;TZID=Europe/Paris:20270113T093000"))
        }
    }

    @Test("personal feed: what the person sees, narrowed by ?public=; private cache; reset kills the old URL")
    func personal() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await AgendaFactory.makeEvent(on: app.db, title: "Publique", day: Day.today().adding(days: 3))
            try await AgendaFactory.makeEvent(on: app.db, title: "Adhérents seulement", audience: .members, day: Day.today().adding(days: 3))
            try await AgendaFactory.makeEvent(on: app.db, title: "Conseil seulement", kind: .board, audience: .board, day: Day.today().adding(days: 3))
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(SiteURL.agenda(.feeds))
            #expect(page.status == .ok && page.body.contains("Renouveler mon adresse") && page.body.contains("webcal://"))
            let token = try #require(try await CalendarFeedToken.query(on: app.db).filter(\.$userID == f.users[.member]!).first()?.token)
            #expect(page.body.contains(token))
            let feed = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token))
            #expect(feed.status == .ok && feed.body.contains("Adhérents seulement") && feed.body.contains("Publique"))
            #expect(!feed.body.contains("Conseil seulement"))
            #expect(feed.headers.first(name: .cacheControl)?.contains("private") == true)
            let narrowed = try await TestBrowser(app).get(AgendaURL.personalFeed(token: token), query: ["public": "membres"])
            #expect(narrowed.body.contains("Adhérents seulement") && !narrowed.body.contains("Publique"))
            let board = try await f.browser(app, as: .board)
            _ = try await board.get(SiteURL.agenda(.feeds))
            let boardToken = try #require(try await CalendarFeedToken.query(on: app.db).filter(\.$userID == f.users[.board]!).first()?.token)
            let boardFeed = try await TestBrowser(app).get(AgendaURL.personalFeed(token: boardToken), query: ["public": "conseil"])
            #expect(boardFeed.body.contains("Conseil seulement") && !boardFeed.body.contains("Publique"))
            // reset
            let reset = try await member.post(SiteURL.agenda(.resetFeedToken))
            #expect(reset.status == .seeOther)
            #expect(try await TestBrowser(app).get(AgendaURL.personalFeed(token: token)).status == .notFound)
            let fresh = try #require(try await CalendarFeedToken.query(on: app.db).filter(\.$userID == f.users[.member]!).first()?.token)
            let freshFeed = try await TestBrowser(app).get(AgendaURL.personalFeed(token: fresh))
            #expect(fresh != token && freshFeed.status == .ok)
            #expect(try await TestBrowser(app).get(AgendaURL.personalFeed(token: "inconnu")).status == .notFound)
            let anonymous = try await TestBrowser(app).get(SiteURL.agenda(.feeds))
            #expect(anonymous.status == .ok && anonymous.body.contains("Connectez-vous") && anonymous.body.contains("/agenda/flux/reseau.ics"))
        }
    }
}
