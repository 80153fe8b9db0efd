import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Review fixes of issue #13 (training): what a manager learns of other structures' trainees, and
/// the agenda's cache version and sequences moved by every change the feeds show.
@Suite("Training: privacy and agenda versions")
struct TrainingPrivacyTests {
    static func session(_ app: Application, capacity: Int, code: String = "PRIV-01") async throws -> (TrainingCourse, TrainingSession) {
        let course = try await TrainingFactory.makeCourse(on: app.db, code: code)
        let s = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: 30)], capacity: capacity)
        return (course, s)
    }

    @Test("a manager cancelling sees no name of another structure's promoted trainee (flash, e-mails); a training admin does")
    func promotedNamesStayInTheirStructure() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let (_, s) = try await Self.session(app, capacity: 1)
            let mine = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, firstName: "Lou", lastName: "Martin",
                                                                  email: "lou@relais.fr", registeredBy: f.users[.member])
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL, firstName: "Sam", lastName: "Autrestructure",
                                                       email: "sam@chantier.fr", status: .waiting)
            let member = try await f.browser(app, as: .member)
            let done = try await member.post(TrainingURL.cancelRegistration(mine.requireID()), form: [("confirm", "1")])
            #expect(done.status == .seeOther)
            let page = try await member.get(TrainingURL.registration(mine.requireID()))
            #expect(page.body.contains("la première personne de la liste d&#39;attente obtient la place"))
            #expect(!page.body.contains("Autrestructure"))
            let toManager = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.member.email).all()
            #expect(!toManager.isEmpty)
            for m in toManager { #expect(!m.subject.contains("Autrestructure") && !m.body.contains("Autrestructure")) }
            // the promoted trainee is told (their own message)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "sam@chantier.fr").count() > 0)

            // a training admin cancelling is told who moved up
            let (_, s2) = try await Self.session(app, capacity: 1, code: "PRIV-02")
            let first = try await TrainingFactory.makeRegistration(on: app.db, session: s2, structure: f.inPDL, email: "a@relais.fr")
            try await TrainingFactory.makeRegistration(on: app.db, session: s2, structure: f.otherPDL, firstName: "Noa", lastName: "Suivante",
                                                       email: "noa@chantier.fr", status: .waiting)
            let admin = try await f.browser(app, as: .trainingAdmin)
            #expect(try await admin.post(TrainingURL.cancelRegistration(first.requireID()), form: [("confirm", "1")]).status == .seeOther)
            #expect(try await admin.get(TrainingURL.registration(first.requireID())).body.contains("Noa Suivante"))
        }
    }

    @Test("the registration form does not reveal another structure's registered e-mail; the same structure's still refused")
    func duplicateEmailOnlyWithinTheStructure() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let (_, s) = try await Self.session(app, capacity: 10)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.otherPDL, email: "stagiaire1@relais.fr")
            let outcome = try await RegistrationService.register(session: s.requireID(), structure: f.inPDL.requireID(),
                                                                 trainees: [RegistrationServiceTests.trainee(1)],
                                                                 by: try RegistrationServiceTests.manager(f),
                                                                 context: RegistrationServiceTests.context(app), on: app.db)
            #expect(outcome.confirmed.count == 1)
            do {
                _ = try await RegistrationService.register(session: s.requireID(), structure: f.inPDL.requireID(),
                                                           trainees: [RegistrationServiceTests.trainee(1)],
                                                           by: try RegistrationServiceTests.manager(f),
                                                           context: RegistrationServiceTests.context(app), on: app.db)
                Issue.record("the same structure registered the same e-mail twice")
            } catch let refusal as RegistrationService.Refusal {
                guard case .invalid(let errors) = refusal else { Issue.record("wrong refusal \(refusal)"); return }
                #expect(errors.messages["trainee_1_email"]?.contains("déjà inscrit") == true)
            }
        }
    }

    static func input(_ c: TrainingCourse) -> CourseInput {
        CourseInput(code: c.code, title: c.title, theme: c.themeValue, objectives: c.objectives, prerequisites: c.prerequisites,
                    audience: c.audience, durationMinutes: c.durationMinutes, priceCents: c.priceCents,
                    intraDayPriceCents: c.intraDayPriceCents, format: c.formatValue, certifying: c.certifying,
                    visibility: c.visibilityValue, active: c.active, introducedYear: c.introducedYear)
    }

    @Test("a course's code, visibility or active flag changed: the agenda's version and the sessions' sequence move")
    func courseChangesSeenByTheAgenda() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try #require(try await User.find(f.users[.trainingAdmin], on: app.db))
            let actor = try await CurrentUser.load(admin, on: app.db)
            let (course, s) = try await Self.session(app, capacity: 5)
            let cid = try course.requireID()
            var input = Self.input(course)
            var expectedSequence = s.sequence
            for change in ["code", "visibility", "active"] {
                switch change {
                case "code": input.code = "PRIV-99"
                case "visibility": input.visibility = .members
                default: input.active = false
                }
                let before = try await CacheVersions.current(.agenda, on: app.db)
                guard case .success = try await CourseService.update(cid, input, by: actor, on: app.db) else { Issue.record("refused"); return }
                expectedSequence += 1
                #expect(try await CacheVersions.current(.agenda, on: app.db) > before, "\(change)")
                #expect(try await TrainingSession.find(s.requireID(), on: app.db)?.sequence == expectedSequence, "\(change)")
            }
            // a change the agenda does not show moves nothing
            input.objectives = "Autre chose."
            let before = try await CacheVersions.current(.agenda, on: app.db)
            _ = try await CourseService.update(cid, input, by: actor, on: app.db)
            #expect(try await CacheVersions.current(.agenda, on: app.db) == before)
        }
    }

    static func sessionInput(_ s: TrainingSession, on db: any Database) async throws -> SessionInput {
        let halfDays = try await SessionQueries.halfDays(of: s.requireID(), on: db).map {
            SessionInput.HalfDay(day: Day(iso: $0.day)!, period: $0.periodValue, starts: LocalTime(typed: $0.starts)!, ends: LocalTime(typed: $0.ends)!)
        }
        let trainers = try await TrainingSessionTrainer.query(on: db).filter(\.$session.$id == s.requireID()).all()
        return SessionInput(courseID: s.$course.id, kind: s.kindValue, structureID: s.$structure.id, delegationID: s.$delegation.id,
                            placeName: s.placeName, address: s.address, accessInfo: s.accessInfo, remoteURL: s.remoteURL,
                            capacity: s.capacity, registrationDays: 7, cancellationDays: 7,
                            trainers: trainers.map { (id: $0.userID, name: $0.trainerName) }, halfDays: halfDays)
    }

    @Test("a session edit bumps the agenda's version (the feed's bytes change); inter → intra refused while other structures hold seats")
    func sessionEdits() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try #require(try await User.find(f.users[.trainingAdmin], on: app.db))
            let actor = try await CurrentUser.load(admin, on: app.db)
            let (_, s) = try await Self.session(app, capacity: 5)
            let sid = try s.requireID()
            var input = try await Self.sessionInput(s, on: app.db)
            input.capacity = 6
            let before = try await CacheVersions.current(.agenda, on: app.db)
            guard case .success(let saved) = try await SessionService.update(sid, version: s.version, input, by: actor, now: Date(),
                                                                             outbox: app.services.outbox, baseURL: "", on: app.db) else { Issue.record("refused"); return }
            #expect(try await CacheVersions.current(.agenda, on: app.db) > before)
            // another structure holds a seat: the session cannot become intra for inPDL
            try await TrainingFactory.makeRegistration(on: app.db, session: saved, structure: f.otherPDL, email: "x@chantier.fr")
            input.kind = .intra
            input.structureID = try f.inPDL.requireID()
            let outcome = try await SessionService.update(sid, version: saved.version, input, by: actor, now: Date(),
                                                          outbox: app.services.outbox, baseURL: "", on: app.db)
            guard case .failure(.form(let errors)) = outcome else { Issue.record("switched to intra: \(outcome)"); return }
            #expect(errors.messages["session_kind"]?.contains("autres structures") == true)
            #expect(try await TrainingSession.find(sid, on: app.db)?.kindValue == .inter)
        }
    }
}
