import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 6: the agenda's list and month views, the event page, the event form and rights.
@Suite("Agenda pages")
struct AgendaPageTests {
    static func delegation(_ code: String, on db: any Database) async throws -> UUID {
        try await Delegation.query(on: db).filter(\.$code == code).first()!.requireID()
    }

    @Test("list: public items for visitors, members' for role holders, board's for board members; filters; notices")
    func list() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let pdl = try await Self.delegation("PDL", on: app.db), nor = try await Self.delegation("NOR", on: app.db)
            let today = Day.today()
            try await AgendaFactory.makeEvent(on: app.db, title: "Journée régionale PDL", kind: .regionalDay, delegationID: pdl, day: today.adding(days: 5))
            try await AgendaFactory.makeEvent(on: app.db, title: "Réunion des adhérents", delegationID: nil, audience: .members, day: today.adding(days: 6))
            try await AgendaFactory.makeEvent(on: app.db, title: "Conseil de printemps", kind: .board, audience: .board, day: today.adding(days: 7))
            try await AgendaFactory.makeEvent(on: app.db, title: "Webinaire supprimé", kind: .webinar, day: today.adding(days: 8),
                                              status: .cancelled, place: nil, onlineURL: "https://visio.exemple.fr/a")
            try await AgendaFactory.makeEvent(on: app.db, title: "Commission du Calvados", kind: .departmentalCommission, delegationID: nor,
                                              day: today.adding(days: 9))
            try await AgendaFactory.makeEvent(on: app.db, title: "Réunion passée", day: today.adding(days: -9))
            // MUT
            let anonymous = try await TestBrowser(app).get(AgendaURL.start)
            let member = try await f.browser(app, as: .member).get(AgendaURL.start)
            let board = try await f.browser(app, as: .board).get(AgendaURL.start)
            let filtered = try await TestBrowser(app).get(AgendaURL.start, query: ["delegation": "pdl"])
            let webinars = try await TestBrowser(app).get(AgendaURL.start, query: ["type": "webinaire"])
            let bad = try await TestBrowser(app).get(AgendaURL.start, query: ["delegation": "ZZZ", "type": "fete", "mois": "2027-13"])
            // validate
            #expect(anonymous.status == .ok)
            #expect(anonymous.body.contains("Journée régionale PDL") && anonymous.body.contains("Commission du Calvados"))
            #expect(!anonymous.body.contains("Réunion des adhérents") && !anonymous.body.contains("Conseil de printemps"))
            #expect(!anonymous.body.contains("Réunion passée"))
            #expect(anonymous.body.contains("Webinaire supprimé") && anonymous.body.contains("Annulé") && anonymous.body.contains("En ligne"))
            #expect(anonymous.body.contains("Pays de la Loire") && anonymous.body.contains("Journée régionale"))
            #expect(member.body.contains("Réunion des adhérents") && member.body.contains("Adhérents") && !member.body.contains("Conseil de printemps"))
            #expect(board.body.contains("Conseil de printemps") && board.body.contains("Réunion des adhérents"))
            #expect(filtered.body.contains("Journée régionale PDL") && !filtered.body.contains("Commission du Calvados"))
            #expect(webinars.body.contains("Webinaire supprimé") && !webinars.body.contains("Journée régionale PDL"))
            #expect(bad.status == .ok && bad.body.contains("Délégation inconnue") && bad.body.contains("Type d&#39;événement inconnu")
                    || bad.body.contains("Type d'événement inconnu"))
            #expect(bad.body.contains("Mois non reconnu"))
        }
    }

    @Test("month view: a table with caption and headers, Monday first, events as links, previous and next months")
    func month() async throws {
        try await withMaillage { app in
            let day = Day(year: 2027, month: 3, day: 10)!
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Assemblée générale 2027", kind: .generalAssembly, day: day)
            let page = try await TestBrowser(app).get(AgendaURL.start, query: ["vue": "mois", "mois": "2027-03"])
            #expect(page.status == .ok)
            #expect(page.body.contains("<table class=\"agenda-month\"") && page.body.contains("<caption id=\"agenda-caption\">Agenda de mars 2027"))
            #expect(page.body.contains("<th scope=\"col\"><abbr title=\"lundi\">Lun.</abbr></th>"))
            #expect(page.body.contains("href=\"\(AgendaURL.event(try e.requireID()).path)\""))
            #expect(page.body.contains("vue=mois&amp;mois=2027-02") || page.body.contains("vue=mois&mois=2027-02"))
            #expect(page.body.contains("mois=2027-04"))
            #expect(page.body.contains("aria-label=\"mercredi 10 mars 2027\""))
            #expect(page.body.contains("Les événements du mois"))
        }
    }

    @Test("event page: French dates, place, description, .ics; board event 404 for a member; visitor sent to sign in")
    func eventPage() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Réunion des directeurs", day: Day(year: 2027, month: 1, day: 12)!)
            let allDay = try await AgendaFactory.makeEvent(on: app.db, title: "Journées du réseau", day: Day(year: 2027, month: 3, day: 1)!,
                                                           allDayUntil: Day(year: 2027, month: 3, day: 2)!)
            let board = try await AgendaFactory.makeEvent(on: app.db, title: "CA", kind: .board, audience: .board, day: Day.today().adding(days: 3))
            let members = try await AgendaFactory.makeEvent(on: app.db, title: "Adh", audience: .members, day: Day.today().adding(days: 3))
            let page = try await TestBrowser(app).get(AgendaURL.event(e.requireID()))
            #expect(page.status == .ok)
            #expect(page.body.contains("mardi 12 janvier 2027, 9\u{202F}h\u{202F}30 – 12\u{202F}h\u{202F}30"))
            #expect(page.body.contains("Nantes, salle du réseau") && page.body.contains("Ordre du jour"))
            #expect(page.body.contains(AgendaURL.eventICS(try e.requireID()).path))
            #expect(!page.body.contains("id=\"event-edit\""))
            let span = try await TestBrowser(app).get(AgendaURL.event(allDay.requireID()))
            #expect(span.body.contains("du lundi 1er mars 2027 au mardi 2 mars 2027"))
            #expect(try await f.browser(app, as: .member).get(AgendaURL.event(board.requireID())).status == .notFound)
            #expect(try await f.browser(app, as: .board).get(AgendaURL.event(board.requireID())).status == .ok)
            let visitor = try await TestBrowser(app).get(AgendaURL.event(members.requireID()))
            #expect(visitor.status == .seeOther && visitor.location?.hasPrefix(SiteURL.login.path) == true)
            let admin = try await f.browser(app, as: .admin).get(AgendaURL.event(e.requireID()))
            #expect(admin.body.contains("id=\"event-edit\"") && admin.body.contains("id=\"event-cancel\""))
            let ics = try await TestBrowser(app).get(AgendaURL.eventICS(e.requireID()))
            #expect(ics.status == .ok && ics.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            #expect(ics.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(ics.body.contains("UID:\(e.calendarUID)") && ics.body.contains("DTSTART;TZID=Europe/Paris:20270112T093000"))
        }
    }

    static func form(_ day: String = "12/01/2027", title: String = "Réunion des comptables", delegation: String = "national",
                     extra: [(String, String)] = []) -> [(String, String)] {
        [("event_title", title), ("event_kind", "reunion-comptables"), ("event_delegation", delegation),
         ("event_audience", "public"), ("event_day", day), ("event_starts", "9h30"), ("event_ends", "12 h 30"),
         ("event_place", "Paris"), ("event_description", "Clôture des comptes.")] + extra
    }

    @Test("form: French errors next to the fields (422); create; edit raises sequence and version; stale 409")
    func form() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT: refused
            let refused = try await admin.post(SiteURL.agenda(.createEvent), form: [
                ("event_title", ""), ("event_kind", "fete"), ("event_delegation", "national"), ("event_audience", "public"),
                ("event_day", "31/02/2027"), ("event_starts", "14h"), ("event_ends", "10h"), ("event_online_url", "http://x.fr"),
                ("event_registration_open", "1"), ("event_capacity", "0"),
            ])
            #expect(refused.status == .unprocessableEntity)
            for id in ["event_title", "event_kind", "event_day", "event_ends", "event_online_url", "event_capacity", "event_deadline"] {
                #expect(refused.body.contains("id=\"\(id)-error\""), "\(id)")
            }
            #expect(refused.body.contains("Le formulaire contient 7 erreurs") && refused.body.contains("doit commencer par https://"))
            #expect(try await AgendaEvent.query(on: app.db).count() == 0)
            // create
            let created = try await admin.post(SiteURL.agenda(.createEvent), form: Self.form())
            #expect(created.status == .seeOther)
            let e = try #require(try await AgendaEvent.query(on: app.db).first())
            #expect(e.sequence == 0 && e.version == 1 && e.firstDay == "2027-01-12" && !e.allDay)
            #expect(ParisTime.local(e.startsAt).time.description == "09:30")
            let id = try e.requireID()
            // edit: moved
            let edit = try await admin.get(AgendaURL.editEvent(id))
            #expect(edit.status == .ok && edit.body.contains("name=\"version\" value=\"1\""))
            let moved = try await admin.post(AgendaURL.updateEvent(id), form: Self.form("13/01/2027") + [("version", "1")])
            #expect(moved.status == .seeOther)
            let after = try #require(try await AgendaEvent.find(id, on: app.db))
            #expect(after.sequence == 1 && after.version == 2 && after.firstDay == "2027-01-13")
            // stale
            let stale = try await admin.post(AgendaURL.updateEvent(id), form: Self.form("14/01/2027") + [("version", "1")])
            #expect(stale.status == .conflict && stale.body.contains("modifié entre-temps"))
            #expect(try await AgendaEvent.find(id, on: app.db)?.firstDay == "2027-01-13")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "agenda.event").count() == 2)
        }
    }

    @Test("a control character (NUL) in the event's texts is refused next to its field (422, nothing saved); in a filter it is unknown")
    func controlCharacters() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.post(SiteURL.agenda(.createEvent), form: Self.form(title: "Titre\u{0}piégé").filter {
                $0.0 != "event_place" && $0.0 != "event_description"
            } + [("event_place", "Pa\u{0}ris"), ("event_address", "1 rue\u{8}Haute"), ("event_online_url", "https://visio.exemple.fr/\u{0}"),
                 ("event_description", "Clôture\u{0}des comptes.")])
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("event_title", "Le titre"), ("event_place", "Le lieu"), ("event_address", "L&#39;adresse"),
                                   ("event_online_url", "Le lien de connexion"), ("event_description", "La description")] {
                #expect(page.body.contains("id=\"\(field)-error\">\(label) contient un caractère de contrôle (invisible), non permis."), "\(field)")
            }
            #expect(try await AgendaEvent.query(on: app.db).count() == 0)
            // Filters and feed names holding a NUL are unknown values: never a 500 (PostgreSQL refuses a NUL).
            let filtered = try await TestBrowser(app).get(AgendaURL.start, query: ["delegation": "PDL\u{0}", "type": "webinaire\u{0}", "mois": "2027-01\u{0}"])
            #expect(filtered.status == .ok && filtered.body.contains("Délégation inconnue") && filtered.body.contains("Mois non reconnu"))
            for feed in [AgendaURL.personalFeed(token: "jeton\u{0}"), SiteURL.agenda(.delegationFeed(.value("pdl\u{0}.ics")))] {
                #expect([.badRequest, .notFound].contains(try await TestBrowser(app).get(feed).status), "\(feed.path)")
            }
        }
    }

    @Test("all-day over several days; a delegate writes only their delegation's events (403 on another's, no national)")
    func rights() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let nor = try await Self.delegation("NOR", on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            let national = try await delegate.post(SiteURL.agenda(.createEvent), form: Self.form())
            #expect(national.status == .unprocessableEntity && national.body.contains("id=\"event_delegation-error\""))
            let other = try await delegate.post(SiteURL.agenda(.createEvent), form: Self.form(delegation: "NOR"))
            #expect(other.status == .unprocessableEntity)
            let ok = try await delegate.post(SiteURL.agenda(.createEvent), form: Self.form(delegation: "PDL", extra: [
                ("event_all_day", "1"), ("event_last_day", "14/01/2027"),
            ]))
            #expect(ok.status == .seeOther)
            let e = try #require(try await AgendaEvent.query(on: app.db).first())
            #expect(e.allDay && e.firstDay == "2027-01-12" && e.lastDay == "2027-01-14")
            #expect(e.endsAt == ParisTime.midnight(Day(year: 2027, month: 1, day: 15)!))
            let norEvent = try await AgendaFactory.makeEvent(on: app.db, delegationID: nor, day: Day.today().adding(days: 4))
            #expect(try await delegate.get(AgendaURL.editEvent(norEvent.requireID())).status == .forbidden)
            #expect(try await delegate.post(AgendaURL.cancelEvent(norEvent.requireID()), form: [("confirm", "1")]).status == .forbidden)
            #expect(try await delegate.get(AgendaURL.editEvent(e.requireID())).status == .ok)
            #expect(try await f.browser(app, as: .member).get(SiteURL.agenda(.newEvent)).status == .forbidden)
        }
    }

    @Test("cancel: confirmation page, then cancelled with sequence + 1, kept in the agenda, registered people told")
    func cancel() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Journée à annuler", day: Day.today().adding(days: 10),
                                                      registrationOpen: true, capacity: 10)
            try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.inPDL, email: "inscrit@exemple.fr")
            let admin = try await f.browser(app, as: .admin)
            let id = try e.requireID()
            let confirm = try await admin.get(AgendaURL.confirmCancelEvent(id))
            #expect(confirm.status == .ok && confirm.body.contains("1 personne inscrite recevra un courriel"))
            let done = try await admin.post(AgendaURL.cancelEvent(id).path + "?version=1", form: [("confirm", "1")])
            #expect(done.status == .seeOther)
            let after = try #require(try await AgendaEvent.find(id, on: app.db))
            #expect(after.statusValue == .cancelled && after.sequence == 1)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "inscrit@exemple.fr").count() == 1)
            let again = try await admin.post(AgendaURL.cancelEvent(id), form: [("confirm", "1")])
            #expect(again.status == .conflict)
            let list = try await TestBrowser(app).get(AgendaURL.start)
            #expect(list.body.contains("Journée à annuler") && list.body.contains("Annulé"))
        }
    }
}
