import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The registration pages through the browser: the form (seats said, errors by field, nothing saved),
/// the list and its scope, a registration with its convocation, cancelling, and the privacy rule:
/// a member never sees another member's registrations or trainees, even by id (404).
@Suite("Training registrations: pages")
struct RegistrationPageTests {
    static func row(_ n: Int, _ first: String, _ last: String, _ email: String, job: String = "Encadrant technique") -> [(String, String)] {
        [("trainee_\(n)_first_name", first), ("trainee_\(n)_last_name", last), ("trainee_\(n)_email", email),
         ("trainee_\(n)_job", job), ("trainee_\(n)_category", "jobseeker"), ("trainee_\(n)_funding", "employer")]
    }

    static func otherMember(_ app: Application, _ f: Fixtures) async throws -> TestBrowser {
        _ = try await AccountsFactory.makeUser(on: app, email: "autre.adherent@test.maillage.test", displayName: "Autre Adhérent",
                                               role: .memberManager, scope: .structure(f.otherPDL))
        let b = TestBrowser(app)
        try await b.login("autre.adherent@test.maillage.test")
        return b
    }

    @Test("the form says the seats left; two staff for the last seat: one confirmed, one waits, the flash says who")
    func registerTwoForTheLastSeat() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 30)], capacity: 2)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL)
            let sid = try s.requireID()
            let member = try await f.browser(app, as: .member)
            // MUT
            let form = try await member.get(TrainingURL.register(sid))
            // validate
            #expect(form.status == .ok)
            #expect(form.body.contains("Il reste 1 place : la deuxième personne sera inscrite en liste d&#39;attente.")
                    || form.body.contains("Il reste 1 place : la deuxième personne sera inscrite en liste d'attente."))
            #expect(form.body.contains("Relais Emploi Nantes"))
            #expect(form.body.contains("id=\"trainee_5_email\""))
            // MUT: two rows, the others blank
            let done = try await member.post(TrainingURL.createRegistration(sid),
                                             form: Self.row(1, "Lou", "Martin", "lou.martin@relais.fr") + Self.row(2, "Sam", "Petit", "sam.petit@relais.fr"))
            // validate
            #expect(done.status == .seeOther)
            #expect(done.location == SiteURL.training(.registrations).path)
            let list = try await member.get(SiteURL.training(.registrations))
            #expect(list.body.contains("Inscription confirmée : Lou Martin. En liste d&#39;attente : Sam Petit (1re sur la liste d&#39;attente).")
                    || list.body.contains("Inscription confirmée : Lou Martin. En liste d'attente : Sam Petit (1re sur la liste d'attente)."))
            let mine = try await TrainingRegistration.query(on: app.db).filter(\.$structure.$id == f.inPDL.requireID()).sort(\.$position).all()
            #expect(mine.map(\.statusValue) == [.confirmed, .waiting])
            #expect(mine.map(\.categoryValue) == [.jobseeker, .jobseeker])
            #expect(mine.map(\.fundingValue) == [.employer, .employer])
            #expect(mine[0].registeredByName == "Test member")
        }
    }

    @Test("a refused form: errors next to each field, the summary, 422, what was typed kept, nothing saved")
    func refusedForm() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 30)])
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(TrainingURL.register(try s.requireID()))
            // MUT: row 1 fine, row 3 without e-mail and job, a name too long
            let page = try await member.post(TrainingURL.createRegistration(try s.requireID()),
                                             form: Self.row(1, "Lou", "Martin", "lou@relais.fr")
                                                + [("trainee_3_first_name", "Ana"), ("trainee_3_last_name", String(repeating: "x", count: 101))])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Le formulaire contient 3 erreurs"))
            #expect(page.body.contains("id=\"trainee_3_email-error\""))
            #expect(page.body.contains("Le nom ne peut dépasser 100 caractères."))
            #expect(page.body.contains("Personne 3 : poste"))
            #expect(page.body.contains("value=\"lou@relais.fr\""))
            #expect(try await TrainingRegistration.query(on: app.db).count() == 0)
            // an empty form
            let empty = try await member.post(TrainingURL.createRegistration(try s.requireID()), form: [])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Indiquez au moins une personne à inscrire."))
        }
    }

    @Test("a control character (NUL) in a trainee's name, e-mail or job is refused next to its field: 422, nothing saved")
    func controlCharacters() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 30)])
            let member = try await f.browser(app, as: .member)
            // MUT: the e-mail would otherwise reach the query of those already registered (a 500 on PostgreSQL)
            let page = try await member.post(TrainingURL.createRegistration(try s.requireID()),
                                             form: Self.row(2, "Lou\u{0}", "Mar\u{0}tin", "lou\u{0}@relais.fr", job: "Titre\u{0}piégé"))
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("first_name", "Le prénom"), ("last_name", "Le nom"), ("email", "L&#39;adresse e-mail"), ("job", "Le poste")] {
                #expect(page.body.contains("id=\"trainee_2_\(field)-error\">\(label) contient un caractère de contrôle (invisible), non permis."),
                        "\(field)")
            }
            #expect(try await TrainingRegistration.query(on: app.db).count() == 0)
        }
    }

    @Test("a session past its registration deadline: 200 with a French notice and no form; a post is 409, nothing saved")
    func closedSession() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 3)],
                                                         registrationDeadline: Day.today().adding(days: -1))
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(TrainingURL.register(try s.requireID()))
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"registration-notice\""))
            #expect(page.body.contains("est passée : cette session ne prend plus d"))
            #expect(!page.body.contains("id=\"registration-form\""))
            let post = try await member.post(TrainingURL.createRegistration(try s.requireID()), form: Self.row(1, "Lou", "Martin", "lou@relais.fr"))
            #expect(post.status == .conflict)
            #expect(try await TrainingRegistration.query(on: app.db).count() == 0)
        }
    }

    @Test("A member cannot see another member's registrations or trainees (404), even by id")
    func privacy() async throws {
        try await withMaillage { app in
            // setup: a trainee of each structure in one session, an intra session of the other structure
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 30)])
            let mine = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, firstName: "Lou", lastName: "Mienne")
            let theirs = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL, firstName: "Zoé", lastName: "Autrui")
            let intra = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 40)], kind: .intra,
                                                             structure: f.otherPDL)
            let member = try await f.browser(app, as: .member)
            let other = try await Self.otherMember(app, f)
            let tid = try theirs.requireID()
            // MUT + validate: every route of the other's registration is a 404
            #expect(try await member.get(TrainingURL.registration(tid)).status == .notFound)
            #expect(try await member.get(TrainingURL.convocation(tid)).status == .notFound)
            #expect(try await member.get(TrainingURL.confirmCancelRegistration(tid)).status == .notFound)
            #expect(try await member.post(TrainingURL.cancelRegistration(tid)).status == .notFound)
            #expect(try await TrainingRegistration.find(tid, on: app.db)?.statusValue == .confirmed)
            // an intra session of another structure: neither its form nor a post
            #expect(try await member.get(TrainingURL.register(try intra.requireID())).status == .notFound)
            #expect(try await member.post(TrainingURL.createRegistration(try intra.requireID()),
                                          form: Self.row(1, "Lou", "Martin", "lou@relais.fr")).status == .notFound)
            // the list and its export show only one's own trainees
            let list = try await member.get(SiteURL.training(.registrations))
            #expect(list.body.contains("Lou Mienne"))
            #expect(!list.body.contains("Autrui"))
            #expect(!list.body.contains("Chantier Nature Vendée"))
            let csv = try await member.get(SiteURL.training(.registrations), query: ["format": "csv"])
            #expect(csv.body.contains("Mienne"))
            #expect(!csv.body.contains("Autrui"))
            // the other member sees theirs, not mine
            let otherList = try await other.get(SiteURL.training(.registrations))
            #expect(otherList.body.contains("Zoé Autrui"))
            #expect(!otherList.body.contains("Mienne"))
            #expect(try await other.get(TrainingURL.registration(try mine.requireID())).status == .notFound)
            // a training admin sees both
            let admin = try await f.browser(app, as: .trainingAdmin).get(SiteURL.training(.registrations))
            #expect(admin.body.contains("Lou Mienne") && admin.body.contains("Zoé Autrui"))
        }
    }

    @Test("registration page: waiting rank, convocation details and page, cancel confirmation then cancel; the list filters by status")
    func showConvocationCancel() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day(year: 2027, month: 3, day: 1)!], capacity: 1,
                                                         trainers: [(try #require(f.users[.trainer]), "Félix Formateur")],
                                                         registrationDeadline: Day.today().adding(days: 10),
                                                         cancellationDeadline: Day.today().adding(days: 10))
            let first = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL)
            _ = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL, status: .waiting)
            let r = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, firstName: "Sam", lastName: "Petit",
                                                              status: .waiting, registeredBy: f.users[.member])
            let id = try r.requireID()
            let member = try await f.browser(app, as: .member)
            // MUT + validate: the page
            let page = try await member.get(TrainingURL.registration(id))
            #expect(page.status == .ok)
            #expect(page.body.contains("2e sur la liste d&#39;attente") || page.body.contains("2e sur la liste d'attente"))
            #expect(page.body.contains("lundi 1er mars 2027, matin : 9\u{202F}h – 12\u{202F}h\u{202F}30")
                    || page.body.contains("lundi 1er mars 2027, matin"))
            #expect(page.body.contains("Maison des associations"))
            #expect(page.body.contains("Félix Formateur"))
            #expect(page.body.contains(TrainingURL.confirmCancelRegistration(id).path))
            #expect(!page.body.contains(TrainingURL.certificate(id).path))
            let convocation = try await member.get(TrainingURL.convocation(id))
            #expect(convocation.status == .ok)
            #expect(convocation.body.contains("Convocation à la formation"))
            #expect(convocation.body.contains("Tram 1, arrêt Commerce."))
            // the list filtered by status
            let waiting = try await member.get(SiteURL.training(.registrations), query: ["statut": "waiting"])
            #expect(waiting.body.contains("Sam Petit"))
            #expect(try await member.get(SiteURL.training(.registrations), query: ["statut": "confirmed"]).body.contains("Sam Petit") == false)
            // cancel: confirmation page, then the step
            let confirm = try await member.get(TrainingURL.confirmCancelRegistration(id))
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("id=\"confirm-form\""))
            let done = try await member.post(TrainingURL.cancelRegistration(id), form: [("confirm", "1")])
            #expect(done.status == .seeOther)
            #expect(try await TrainingRegistration.find(id, on: app.db)?.statusValue == .cancelled)
            // once cancelled: the confirmation page says so (200), a second post is 409
            let again = try await member.get(TrainingURL.confirmCancelRegistration(id))
            #expect(again.status == .ok)
            #expect(again.body.contains("Cette inscription est déjà annulée."))
            #expect(try await member.post(TrainingURL.cancelRegistration(id)).status == .conflict)
            // the first (another structure) was never touched
            #expect(try await TrainingRegistration.find(first.requireID(), on: app.db)?.statusValue == .confirmed)
        }
    }

    @Test("after the cancellation deadline the manager gets a notice (200) and 409; the certificate link shows for a done session attended")
    func lateCancelAndCertificateLink() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let soon = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 2)])
            let r = try await TrainingFactory.makeRegistration(on: app.db, session: soon, structure: f.inPDL)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(TrainingURL.confirmCancelRegistration(try r.requireID()))
            #expect(page.status == .ok)
            #expect(page.body.contains("La date limite d&#39;annulation") || page.body.contains("La date limite d'annulation"))
            #expect(!page.body.contains("id=\"confirm-form\""))
            #expect(try await member.post(TrainingURL.cancelRegistration(try r.requireID())).status == .conflict)
            #expect(!(try await member.get(TrainingURL.registration(try r.requireID())).body.contains(TrainingURL.confirmCancelRegistration(try r.requireID()).path)))
            // a done session, attended
            let past = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: -10)], status: .done)
            let attended = try await TrainingFactory.makeRegistration(on: app.db, session: past, structure: f.inPDL)
            try await TrainingFactory.markAttendance(on: app.db, registration: attended)
            let absent = try await TrainingFactory.makeRegistration(on: app.db, session: past, structure: f.inPDL)
            try await TrainingFactory.markAttendance(on: app.db, registration: absent, present: false)
            #expect(try await member.get(TrainingURL.registration(try attended.requireID())).body.contains(TrainingURL.certificate(try attended.requireID()).path))
            #expect(!(try await member.get(TrainingURL.registration(try absent.requireID())).body.contains(TrainingURL.certificate(try absent.requireID()).path)))
        }
    }

    @Test("home: the member manager's training section counts the coming registrations and the waiting list")
    func homeSection() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 20)])
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, status: .waiting)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL, status: .waiting)
            let counts = try await RegistrationHomeTasks.counts(structureIDs: [f.inPDL.requireID()], today: Day.today(), on: app.db)
            #expect(counts.coming == 2 && counts.waiting == 1)
            #expect(counts.nextDay == s.firstDay)
            let home = try await f.browser(app, as: .member).get(SiteURL.home)
            #expect(home.body.contains("Formations de votre personnel"))
            #expect(home.body.contains("personnes de votre personnel sont inscrites à des formations à venir"))
            #expect(home.body.contains("personne attend sur une liste d&#39;attente") || home.body.contains("personne attend sur une liste d'attente"))
            // nobody else gets the section
            #expect(!(try await f.browser(app, as: .jurist).get(SiteURL.home).body.contains("Formations de votre personnel")))
        }
    }
}
