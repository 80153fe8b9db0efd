import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 6: member managers register people to events, never over capacity.
@Suite("Agenda registrations")
struct AgendaRegistrationTests {
    static func people(_ n: Int, from: Int = 1) -> [(String, String)] {
        (0..<n).flatMap { i in [("reg_name_\(i + 1)", "Personne \(from + i)"), ("reg_email_\(i + 1)", "p\(from + i)@exemple.fr"),
                                ("reg_job_\(i + 1)", "Encadrant")] }
    }

    @Test("a manager registers people of their structure; capacity, French errors, own structure only")
    func register() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Journée inscriptions", day: Day.today().adding(days: 10),
                                                      registrationOpen: true, capacity: 3)
            let id = try e.requireID()
            let member = try await f.browser(app, as: .member)
            let structure = try f.inPDL.requireID().uuidString
            // MUT
            let form = try await member.get(AgendaURL.register(id))
            let invalid = try await member.post(AgendaURL.createRegistration(id), form: [
                ("reg_structure", try f.otherPDL.requireID().uuidString), ("reg_name_1", ""), ("reg_email_1", "pas-une-adresse"),
            ])
            let ok = try await member.post(AgendaURL.createRegistration(id), form: [("reg_structure", structure)] + Self.people(2))
            let over = try await member.post(AgendaURL.createRegistration(id), form: [("reg_structure", structure)] + Self.people(2, from: 3))
            let page = try await TestBrowser(app).get(AgendaURL.event(id))
            // validate
            #expect(form.status == .ok && form.body.contains("Relais Emploi Nantes") && form.body.contains("3 places restantes"))
            #expect(invalid.status == .unprocessableEntity && invalid.body.contains("id=\"reg_structure-error\"")
                    && invalid.body.contains("id=\"reg_email_1-error\"") && invalid.body.contains("id=\"reg_name_1-error\""))
            #expect(ok.status == .seeOther)
            #expect(over.status == .conflict && over.body.contains("Il ne reste que 1 place"))
            #expect(try await AgendaQueries.seatsTaken(id, on: app.db) == 2)
            #expect(page.body.contains("1 place restante sur 3"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "p1@exemple.fr").count() == 1)
            let registrants = try await f.browser(app, as: .admin).get(AgendaURL.registrants(id))
            #expect(registrants.status == .ok && registrants.body.contains("Personne 1") && registrants.body.contains("2 inscriptions"))
            let csv = try await f.browser(app, as: .admin).get(AgendaURL.registrants(id), query: ["format": "csv"])
            #expect(csv.status == .ok && csv.body.contains("p2@exemple.fr"))
            #expect(try await f.browser(app, as: .member).get(AgendaURL.registrants(id)).status == .forbidden)
        }
    }

    @Test("a control character (NUL) in a person's name, e-mail or job is refused next to its field: 422, nothing saved")
    func controlCharacters() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, title: "Journée inscriptions", day: Day.today().adding(days: 10),
                                                      registrationOpen: true, capacity: 3)
            let id = try e.requireID()
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.post(AgendaURL.createRegistration(id), form: [
                ("reg_structure", try f.inPDL.requireID().uuidString), ("reg_name_1", "Titre\u{0}piégé"),
                ("reg_email_1", "p1\u{0}@exemple.fr"), ("reg_job_1", "Encadrant\u{0}"),
            ])
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("reg_name_1", "Le nom"), ("reg_email_1", "L&#39;adresse e-mail"), ("reg_job_1", "La fonction")] {
                #expect(page.body.contains("id=\"\(field)-error\">\(label) contient un caractère de contrôle (invisible), non permis."), "\(field)")
            }
            #expect(try await AgendaRegistration.query(on: app.db).count() == 0)
        }
    }

    @Test("another structure's registration: 404 on cancel; own: cancelled")
    func cancelOwnOnly() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, day: Day.today().adding(days: 10), registrationOpen: true, capacity: 5)
            let mine = try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.inPDL)
            let theirs = try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.otherPDL, name: "Autre")
            let member = try await f.browser(app, as: .member)
            #expect(try await member.post(AgendaURL.cancelRegistration(theirs.requireID())).status == .notFound)
            #expect(try await member.post(AgendaURL.cancelRegistration(UUID())).status == .notFound)
            #expect(try await member.post(AgendaURL.cancelRegistration(mine.requireID())).status == .seeOther)
            #expect(try await AgendaRegistration.find(mine.id, on: app.db)?.status == "cancelled")
            #expect(try await AgendaRegistration.find(theirs.id, on: app.db)?.status == "confirmed")
            let form = try await member.get(AgendaURL.register(e.requireID()))
            #expect(!form.body.contains("Autre"))
        }
    }

    @Test("closed registrations: past deadline and cancelled events answer a French notice, nothing saved")
    func closed() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, day: Day.today().adding(days: 1), registrationOpen: true, capacity: 5)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(AgendaURL.register(e.requireID()))
            #expect(page.status == .ok && page.body.contains("Les inscriptions sont closes"))
            let post = try await member.post(AgendaURL.createRegistration(e.requireID()),
                                             form: [("reg_structure", try f.inPDL.requireID().uuidString)] + Self.people(1))
            #expect(post.status == .conflict)
            #expect(try await AgendaQueries.seatsTaken(e.requireID(), on: app.db) == 0)
        }
    }

    @Test("twenty concurrent registrations for the last seat: exactly one is taken (SQLite and PostgreSQL)")
    func concurrency() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let e = try await AgendaFactory.makeEvent(on: app.db, day: Day.today().adding(days: 10), registrationOpen: true, capacity: 3)
            try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.inPDL, email: "a@exemple.fr")
            try await AgendaFactory.makeRegistration(on: app.db, event: e, structure: f.inPDL, email: "b@exemple.fr")
            let user = try await CurrentUser.load(try #require(try await User.find(f.users[.member], on: app.db)), on: app.db)
            let id = try e.requireID(), structure = try f.inPDL.requireID()
            let outbox = app.services.outbox
            let db = app.db
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        let r = try await AgendaService.register(eventID: id, structureID: structure,
                                                                 people: [EventPerson(name: "P\(i)", email: "p\(i)@exemple.fr", job: nil)],
                                                                 by: user, today: Day.today(), outbox: outbox, on: db)
                        if case .success = r { return true }
                        return false
                    }
                }
                var n = 0
                for try await ok in group where ok { n += 1 }
                return n
            }
            #expect(results == 1)
            #expect(try await AgendaQueries.seatsTaken(id, on: app.db) == 3)
        }
    }
}
