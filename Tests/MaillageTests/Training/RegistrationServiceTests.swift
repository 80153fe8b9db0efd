import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The registration steps through `RegistrationService`: seats and the waiting list, the move up
/// on a cancellation, the deadlines, duplicates and intra sessions; and the guarantee that
/// concurrent registrations never confirm more than the capacity (SQLite: one writer; PostgreSQL:
/// the session's row lock — run this suite with `DATABASE_URL` too).
@Suite("Training registrations: service")
struct RegistrationServiceTests {
    static func manager(_ f: Fixtures) throws -> RegistrationService.Actor {
        let user = CurrentUser(id: try #require(f.users[.member]), email: Fixtures.Who.member.email, displayName: "Test member",
                               grants: [.init(role: .memberManager, delegationID: nil, structureID: f.inPDL.id)],
                               managedStructureIDs: [f.inPDL.id!])
        return .init(user: user, parties: [.manager])
    }

    static func admin(_ f: Fixtures) throws -> RegistrationService.Actor {
        let user = CurrentUser(id: try #require(f.users[.trainingAdmin]), email: Fixtures.Who.trainingAdmin.email, displayName: "Test admin",
                               grants: [.init(role: .trainingAdmin, delegationID: nil, structureID: nil)], managedStructureIDs: [])
        return .init(user: user, parties: [.trainingAdmin])
    }

    static func context(_ app: Application, today: Day = Day.today()) -> RegistrationService.Context {
        .init(now: ParisTime.instant(today, LocalTime(hour: 10, minute: 0)!), baseURL: "http://maillage.test", outbox: app.services.outbox)
    }

    static func trainee(_ n: Int, _ first: String = "Lou") -> RegistrationService.Trainee {
        .init(firstName: first, lastName: "Stagiaire \(n)", email: "stagiaire\(n)@relais.fr", job: "Encadrant technique",
              category: .privateEmployee, funding: .skillsOperator)
    }

    static func session(_ app: Application, capacity: Int, kind: SessionKind = .inter, structure: Structure? = nil,
                        in days: Int = 30, registrationDeadline: Day? = nil, cancellationDeadline: Day? = nil) async throws -> TrainingSession {
        let course = try await TrainingFactory.makeCourse(on: app.db, code: "T-" + UUID().uuidString.prefix(8))
        return try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day.today().adding(days: days)], kind: kind,
                                                     structure: structure, capacity: capacity,
                                                     registrationDeadline: registrationDeadline, cancellationDeadline: cancellationDeadline)
    }

    @Test("A session with capacity 2: three registrations, the third waits; one cancels, the third is confirmed and has an outbox message")
    func waitingListMovesUp() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let s = try await Self.session(app, capacity: 2)
            let sid = try s.requireID()
            let actor = try Self.manager(f)
            // MUT: three registrations, one at a time
            var outcomes: [RegistrationService.Outcome] = []
            for n in 1...3 {
                outcomes.append(try await RegistrationService.register(session: sid, structure: f.inPDL.requireID(), trainees: [Self.trainee(n)],
                                                                       by: actor, context: Self.context(app), on: app.db))
            }
            // validate: two confirmed, the third waits, first on the list
            #expect(outcomes.map(\.confirmed.count) == [1, 1, 0])
            let third = try #require(outcomes[2].waiting.first)
            #expect(third.statusValue == .waiting)
            #expect(third.position == 3)
            #expect(try await RegistrationService.waitingRank(of: third, on: app.db) == 1)
            let waitingMail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "stagiaire3@relais.fr").all()
            #expect(waitingMail.map(\.subject) == ["Liste d'attente : \(try #require(try await TrainingCourse.find(s.$course.id, on: app.db)).title) (\(FrenchFormat.date(s.firstDay)))"])
            // MUT: the first cancels
            let (cancelled, promoted) = try await RegistrationService.cancel(registration: outcomes[0].confirmed[0].requireID(), by: actor,
                                                                            context: Self.context(app), on: app.db)
            // validate: the third is confirmed, with a message to them and to the manager
            #expect(cancelled.statusValue == .cancelled)
            #expect(promoted.map(\.email) == ["stagiaire3@relais.fr"])
            let now = try #require(try await TrainingRegistration.find(third.requireID(), on: app.db))
            #expect(now.statusValue == .confirmed)
            #expect(now.confirmedAt != nil)
            let toTrainee = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "stagiaire3@relais.fr").all().map(\.subject)
            #expect(toTrainee.contains { $0.hasPrefix("Place libérée, inscription confirmée : ") })
            let toManager = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.member.email).all().map(\.subject)
            #expect(toManager.contains { $0.hasPrefix("Place libérée, inscription confirmée : ") })
            let counts = try await SessionQueries.counts(of: [sid], on: app.db)[sid] ?? (0, 0)
            #expect(counts.confirmed == 2 && counts.waiting == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.registration.promote").count() == 1)
        }
    }

    @Test("Twenty concurrent registrations for the last seat: exactly one is confirmed, the others wait in distinct positions")
    func twentyForTheLastSeat() async throws {
        try await withMaillage { app in
            // setup: capacity 3, two seats taken
            let f = try await Fixtures.load(on: app)
            let s = try await Self.session(app, capacity: 3)
            let sid = try s.requireID()
            for n in 1...2 { try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, email: "deja\(n)@relais.fr") }
            let actor = try Self.manager(f)
            let structureID = try f.inPDL.requireID()
            let context = Self.context(app)
            let db = app.db
            // MUT: twenty managers' requests at once
            let confirmed = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 100..<120 {
                    group.addTask {
                        try await RegistrationService.register(session: sid, structure: structureID, trainees: [Self.trainee(n)],
                                                               by: actor, context: context, on: db).confirmed.count
                    }
                }
                var total = 0
                for try await c in group { total += c }
                return total
            }
            // validate
            #expect(confirmed == 1)
            let all = try await TrainingRegistration.query(on: app.db).filter(\.$session.$id == sid).all()
            #expect(all.filter { $0.statusValue == .confirmed }.count == 3)
            #expect(all.filter { $0.statusValue == .waiting }.count == 19)
            #expect(Set(all.map(\.position)).count == 22)
            #expect(Set(all.map(\.position)) == Set(1...22))
        }
    }

    @Test("Twenty concurrent HTTP registrations for the last seat: exactly one is confirmed")
    func twentyThroughTheApp() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let s = try await Self.session(app, capacity: 1)
            let sid = try s.requireID()
            // twenty managers' browsers (the same account, twenty sessions), each on the form
            var browsers: [TestBrowser] = []
            for _ in 0..<20 {
                let b = try await f.browser(app, as: .member)
                _ = try await b.get(TrainingURL.register(sid))
                browsers.append(b)
            }
            let all = browsers
            // MUT
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        try await all[n].post(TrainingURL.createRegistration(sid), form: [
                            ("trainee_1_first_name", "Alex"), ("trainee_1_last_name", "Numéro \(n)"),
                            ("trainee_1_email", "alex\(n)@relais.fr"), ("trainee_1_job", "Accompagnateur"),
                        ]).status.code
                    }
                }
                var all: [UInt] = []
                for try await c in group { all.append(c) }
                return all
            }
            // validate
            #expect(statuses.allSatisfy { $0 == 303 }, "\(statuses)")
            let counts = try await SessionQueries.counts(of: [sid], on: app.db)[sid] ?? (0, 0)
            #expect(counts.confirmed == 1)
            #expect(counts.waiting == 19)
        }
    }

    @Test("deadlines: no registration after the registration deadline; a manager cannot cancel after the cancellation deadline, a training admin can")
    func deadlines() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let today = Day.today()
            let closed = try await Self.session(app, capacity: 5, in: 10, registrationDeadline: today.adding(days: -1))
            let late = try await Self.session(app, capacity: 5, in: 10, cancellationDeadline: today.adding(days: -1))
            let r = try await TrainingFactory.makeRegistration(on: app.db, session: late, structure: f.inPDL)
            // MUT + validate: registering after the deadline
            await #expect(throws: RegistrationService.Refusal.closed(
                "La date limite d'inscription (\(today.adding(days: -1).french)) est passée : cette session ne prend plus d'inscriptions.")) {
                try await RegistrationService.register(session: closed.requireID(), structure: f.inPDL.requireID(), trainees: [Self.trainee(1)],
                                                       by: try Self.manager(f), context: Self.context(app), on: app.db)
            }
            #expect(try await TrainingRegistration.query(on: app.db).filter(\.$session.$id == closed.requireID()).count() == 0)
            // a manager after the cancellation deadline
            do {
                try await RegistrationService.cancel(registration: r.requireID(), by: try Self.manager(f), context: Self.context(app), on: app.db)
                Issue.record("cancelled after the deadline")
            } catch let refusal as RegistrationService.Refusal {
                #expect(refusal.message.hasPrefix("La date limite d'annulation"))
            }
            #expect(try await TrainingRegistration.find(r.requireID(), on: app.db)?.statusValue == .confirmed)
            // a training admin at any time
            let (done, _) = try await RegistrationService.cancel(registration: r.requireID(), by: try Self.admin(f), context: Self.context(app), on: app.db)
            #expect(done.statusValue == .cancelled)
            #expect(done.cancelledByName == "Test admin")
            // a cancelled session takes none
            closed.status = SessionStatus.cancelled.rawValue
            try await closed.save(on: app.db)
            #expect(RegistrationService.closedReason(closed, today: today) == "Cette session est annulée : elle ne prend plus d'inscriptions.")
        }
    }

    @Test("the same e-mail live in the session, twice in the form, and an intra session of another structure are refused by field; nothing saved")
    func refusals() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let s = try await Self.session(app, capacity: 5)
            try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, email: "Stagiaire2@relais.fr")
            let intra = try await Self.session(app, capacity: 5, kind: .intra, structure: f.otherPDL)
            let actor = try Self.manager(f)
            func refusal(_ body: () async throws -> Void) async -> FieldErrors? {
                do { try await body(); return nil } catch RegistrationService.Refusal.invalid(let e) { return e } catch { return nil }
            }
            // MUT + validate: the e-mail is already registered by the same structure (case ignored; another
            // structure's registrations are not compared: TrainingPrivacyTests)
            let duplicate = await refusal {
                _ = try await RegistrationService.register(session: s.requireID(), structure: f.inPDL.requireID(),
                                                           trainees: [Self.trainee(1), Self.trainee(2)], by: actor, context: Self.context(app), on: app.db)
            }
            #expect(duplicate?["trainee_2_email"] == "stagiaire2@relais.fr est déjà inscrit·e à cette session (ou en liste d'attente).")
            #expect(duplicate?["trainee_1_email"] == nil)
            // twice in the form, and bad fields
            var bad = Self.trainee(3)
            bad.email = "pas-une-adresse"
            bad.firstName = ""
            let twice = await refusal {
                _ = try await RegistrationService.register(session: s.requireID(), structure: f.inPDL.requireID(),
                                                           trainees: [Self.trainee(4), Self.trainee(4), bad], by: actor, context: Self.context(app), on: app.db)
            }
            #expect(twice?["trainee_2_email"] == "Cette adresse est déjà donnée pour une autre personne du formulaire.")
            #expect(twice?["trainee_3_email"]?.hasPrefix("Cette adresse e-mail n'est pas valide") == true)
            #expect(twice?["trainee_3_first_name"] == "Indiquez le prénom.")
            // an intra session of another structure
            let other = await refusal {
                _ = try await RegistrationService.register(session: intra.requireID(), structure: f.inPDL.requireID(),
                                                           trainees: [Self.trainee(5)], by: actor, context: Self.context(app), on: app.db)
            }
            #expect(other?["structure"]?.hasPrefix("Cette session intra est réservée à une autre structure") == true)
            // nothing saved, nothing queued
            #expect(try await TrainingRegistration.query(on: app.db).count() == 1)
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
            // six at once are refused before the database
            let six = await refusal {
                _ = try await RegistrationService.register(session: s.requireID(), structure: f.inPDL.requireID(),
                                                           trainees: (10..<16).map { Self.trainee($0) }, by: actor, context: Self.context(app), on: app.db)
            }
            #expect(six?["trainee_6_last_name"] == "Cinq personnes au plus par envoi du formulaire.")
        }
    }

    @Test("cancelAll cancels every live registration with a message; promoteWaiting fills a larger capacity in order")
    func cancelAllAndPromote() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let s = try await Self.session(app, capacity: 1)
            let course = try #require(try await TrainingCourse.find(s.$course.id, on: app.db))
            let a = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, email: "a@relais.fr")
            let b = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, email: "b@relais.fr", status: .waiting)
            let c = try await TrainingFactory.makeRegistration(on: app.db, session: s, structure: f.inPDL, email: "c@relais.fr", status: .waiting)
            // MUT: capacity raised to 2
            s.capacity = 2
            try await s.save(on: app.db)
            let promoted = try await app.db.writeTransaction { tx in
                try await RegistrationService.promoteWaiting(in: s, course: course, by: nil, at: Date(), outbox: app.services.outbox,
                                                       baseURL: "https://maillage.test", on: tx)
            }
            // validate: the first waiting only
            #expect(try promoted.map { try $0.requireID() } == [try b.requireID()])
            #expect(try await TrainingRegistration.find(c.requireID(), on: app.db)?.statusValue == .waiting)
            // MUT: the session is cancelled
            let n = try await app.db.writeTransaction { tx in
                try await RegistrationService.cancelAll(of: s, course: course, reason: "trop peu d'inscrits", by: nil, at: Date(),
                                                        outbox: app.services.outbox, baseURL: "https://maillage.test", on: tx)
            }
            // validate
            #expect(n == 3)
            for r in [a, b, c] { #expect(try await TrainingRegistration.find(r.requireID(), on: app.db)?.statusValue == .cancelled) }
            let subjects = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "c@relais.fr").all().map(\.subject)
            #expect(subjects.contains { $0.hasPrefix("Inscription annulée : ") })
        }
    }
}
