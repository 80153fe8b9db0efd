import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Sessions through the browser: the editor (French errors, half-days, trainers, intra structure),
/// who sees and runs which session, the stale form, sequence and version, the agenda's version.
@Suite("Training sessions")
struct SessionTests {
    static let now = CatalogueTests.now

    /// A French text as Leaf writes it in a page (the apostrophe escaped).
    static func html(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "&#39;") }

    struct World {
        let f: Fixtures
        let course: TrainingCourse
        let session: TrainingSession
        var id: UUID { session.id! }
    }

    /// A coming inter session (14–15 January 2027) run by the fixtures' trainer.
    static func world(_ app: Application, status: SessionStatus = .planned) async throws -> World {
        app.services = AppServices(config: app.config, clock: FixedClock(now))
        let f = try await Fixtures.load(on: app)
        let course = try await TrainingFactory.makeCourse(on: app.db)
        let session = try await TrainingFactory.makeSession(
            on: app.db, course: course, days: [Day(year: 2027, month: 1, day: 14)!, Day(year: 2027, month: 1, day: 15)!],
            capacity: 2, status: status, trainers: [(f.users[.trainer]!, "Test trainer")])
        return World(f: f, course: course, session: session)
    }

    static func form(course: TrainingCourse, trainer: UUID, extra: [String: String] = [:]) throws -> [(String, String)] {
        var fields: [String: String] = [
            "session_course": try course.requireID().uuidString, "session_kind": "inter", "session_structure": "",
            "session_delegation": "", "session_place": "Maison des associations", "session_address": "12 rue de la Paix, Nantes",
            "session_access": "Tram 1", "session_remote": "", "session_capacity": "10", "session_registration_days": "7",
            "session_cancellation_days": "3", "trainer_\(trainer.uuidString)": "1",
            "hd_day_1": "02/02/2027", "hd_period_1": "am", "hd_starts_1": "9h", "hd_ends_1": "12 h 30",
            "hd_day_2": "02/02/2027", "hd_period_2": "pm", "hd_starts_2": "13:30", "hd_ends_2": "17:00",
        ]
        for (k, v) in extra { fields[k] = v }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    @Test("a bad session form is refused by field (422, nothing saved); a good one stores half-days, trainers and bumps the agenda")
    func create() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            let admin = try await w.f.browser(app, as: .trainingAdmin)
            #expect(try await admin.get(.training(.newSession)).status == .ok)
            let before = try await TrainingSession.query(on: app.db).count()
            let bad = try await admin.post(.training(.createSession), form: try Self.form(course: w.course, trainer: w.f.users[.trainer]!, extra: [
                "session_kind": "intra", "session_structure": "Inconnue", "session_capacity": "501",
                "session_remote": "http://visio.exemple.fr", "hd_day_1": "31/02/2027", "hd_starts_2": "11:00",
                "hd_ends_2": "10:00", "trainer_\(w.f.users[.trainer]!.uuidString)": ""]))
            #expect(bad.status == .unprocessableEntity)
            for message in ["Aucune structure du registre ne porte ce nom", "de 1 à 500", "doit commencer par https://",
                            "Ligne 1 : date invalide", "Ligne 2 : la fin doit venir après le début",
                            "Ligne 2 : un après-midi commence à partir de 12 h", "Cochez au moins un formateur"] {
                #expect(bad.body.contains(message), "\(message)")
            }
            #expect(try await TrainingSession.query(on: app.db).count() == before)
            let agenda = try await CacheVersions.current(.agenda, on: app.db)
            // MUT
            let good = try await admin.post(.training(.createSession), form: try Self.form(course: w.course, trainer: w.f.users[.trainer]!, extra: [
                "session_kind": "intra", "session_structure": w.f.inPDL.siret, "hd_day_3": "01/02/2027", "hd_period_3": "pm",
                "hd_starts_3": "14h", "hd_ends_3": "16h"]))
            // validate
            #expect(good.status == .seeOther)
            let created = try #require(try await TrainingSession.query(on: app.db).filter(\.$id != w.id).first())
            #expect(created.firstDay == "2027-02-01" && created.lastDay == "2027-02-02")
            #expect(created.registrationDeadline == "2027-01-25" && created.cancellationDeadline == "2027-01-29")
            #expect(created.kindValue == .intra && created.$structure.id == w.f.inPDL.id)
            #expect(created.statusValue == .planned && created.version == 1 && created.sequence == 0)
            let halfDays = try await SessionQueries.halfDays(of: created.requireID(), on: app.db)
            #expect(halfDays.map(\.minutes) == [120, 210, 210])
            #expect(halfDays[1].starts == "09:00" && halfDays[1].ends == "12:30")
            #expect(try await TrainingAccess.trainerIDs(of: created.requireID(), on: app.db) == [w.f.users[.trainer]!])
            #expect(try await CacheVersions.current(.agenda, on: app.db) > agenda)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.session").count() == 1)
        }
    }

    @Test("the session page: public for an inter session, with half-days in French, seats and the waiting count")
    func show() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            for _ in 0..<2 { try await TrainingFactory.makeRegistration(on: app.db, session: w.session, structure: w.f.otherPDL) }
            try await TrainingFactory.makeRegistration(on: app.db, session: w.session, structure: w.f.inPDL, firstName: "Mia",
                                                       status: .waiting)
            let visitor = try await w.f.browser(app, as: .anonymous).get(TrainingURL.session(w.id))
            #expect(visitor.status == .ok)
            #expect(visitor.body.contains("14/01/2027") && visitor.body.contains("9\u{202F}h – 12\u{202F}h\u{202F}30"))
            #expect(visitor.body.contains(Self.html("Complet (1 en liste d'attente)")))
            #expect(!visitor.body.contains("Lou Martin") && !visitor.body.contains("S'inscrire"))
            let member = try await w.f.browser(app, as: .member).get(TrainingURL.session(w.id))
            #expect(member.body.contains("S'inscrire") && member.body.contains("Mia Martin") && !member.body.contains("Lou Martin"))
            let trainer = try await w.f.browser(app, as: .trainer).get(TrainingURL.session(w.id))
            #expect(trainer.body.contains("Lou Martin") && trainer.body.contains("Mia Martin") && trainer.body.contains("Émargement"))
            let lou = try #require(trainer.body.range(of: "Lou Martin")), mia = try #require(trainer.body.range(of: "Mia Martin"))
            #expect(lou.lowerBound < mia.lowerBound)
        }
    }

    @Test("an intra session of another structure is 404 for a member; its own structure's manager sees it")
    func intra() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            let other = try await TrainingFactory.makeSession(on: app.db, course: w.course, days: [Day(year: 2027, month: 3, day: 1)!],
                                                              kind: .intra, structure: w.f.otherPDL)
            let own = try await TrainingFactory.makeSession(on: app.db, course: w.course, days: [Day(year: 2027, month: 3, day: 2)!],
                                                            kind: .intra, structure: w.f.inPDL)
            let member = try await w.f.browser(app, as: .member)
            #expect(try await member.get(TrainingURL.session(try other.requireID())).status == .notFound)
            #expect(try await member.get(TrainingURL.session(try own.requireID())).status == .ok)
            #expect(try await w.f.browser(app, as: .anonymous).get(TrainingURL.session(try own.requireID())).status.code / 100 == 3)
        }
    }

    @Test("editing: a trainer of another session gets 403; a stale form 409; a change raises version, sequence and the agenda")
    func edit() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            let otherTrainer = try await AccountsFactory.makeUser(on: app, email: "autre.formateur@test.maillage.test", role: .trainer)
            let other = TestBrowser(app)
            try await other.login("autre.formateur@test.maillage.test")
            #expect(try await other.get(TrainingURL.editSession(w.id)).status == .forbidden)
            #expect(try await other.get(TrainingURL.confirmSessionStep(w.id, .confirm)).status == .forbidden)
            _ = otherTrainer
            let trainer = try await w.f.browser(app, as: .trainer)
            let page = try await trainer.get(TrainingURL.editSession(w.id))
            #expect(page.status == .ok && page.body.contains("name=\"version\" value=\"1\"") && page.body.contains("value=\"14/01/2027\""))
            let agenda = try await CacheVersions.current(.agenda, on: app.db)
            // MUT: only the capacity (the agenda does not show it), then a new place.
            let form = try Self.form(course: w.course, trainer: w.f.users[.trainer]!, extra: ["version": "1", "session_capacity": "2",
                "hd_day_1": "14/01/2027", "hd_day_2": "14/01/2027", "session_place": "Maison des associations",
                "session_address": "12 rue de la Paix, 44000 Nantes"])
            #expect(try await trainer.post(TrainingURL.updateSession(w.id), form: form).status == .seeOther)
            var s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.version == 2 && s.lastDay == "2027-01-14")
            let afterDays = s.sequence
            #expect(afterDays == 1)
            let stale = try await trainer.post(TrainingURL.updateSession(w.id), form: form)
            #expect(stale.status == .conflict && stale.body.contains("modifiée entre-temps"))
            let moved = form.map { $0.0 == "version" ? ($0.0, "2") : $0.0 == "session_place" ? ($0.0, "Salle des fêtes") : $0 }
            #expect(try await trainer.post(TrainingURL.updateSession(w.id), form: moved).status == .seeOther)
            s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.version == 3 && s.sequence == 2 && s.placeName == "Salle des fêtes")
            #expect(try await CacheVersions.current(.agenda, on: app.db) >= agenda + 2)
            let capacityOnly = moved.map { $0.0 == "version" ? ($0.0, "3") : $0.0 == "session_capacity" ? ($0.0, "1") : $0 }
            #expect(try await trainer.post(TrainingURL.updateSession(w.id), form: capacityOnly).status == .seeOther)
            s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.version == 4 && s.sequence == 2)
        }
    }

    @Test("steps: the confirmation page, confirm raises the sequence; finish before the end is 409; cancel needs a reason")
    func steps() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            let trainer = try await w.f.browser(app, as: .trainer)
            let page = try await trainer.get(TrainingURL.confirmSessionStep(w.id, .confirm))
            #expect(page.status == .ok && page.body.contains("Ce qui va se passer"))
            let agenda = try await CacheVersions.current(.agenda, on: app.db)
            // MUT
            #expect(try await trainer.post(TrainingURL.sessionStep(w.id, .confirm)).status == .seeOther)
            // validate
            let s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.statusValue == .confirmed && s.sequence == 1 && s.version == 2)
            #expect(try await CacheVersions.current(.agenda, on: app.db) == agenda + 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.session.confirm").count() == 1)
            let again = try await trainer.post(TrainingURL.sessionStep(w.id, .confirm))
            #expect(again.status == .conflict)
            let early = try await trainer.post(TrainingURL.sessionStep(w.id, .finish))
            #expect(early.status == .conflict && early.body.contains(Self.html("La session n'est pas encore terminée")))
            let reopen = try await trainer.get(TrainingURL.confirmSessionStep(w.id, .reopen))
            #expect(reopen.status == .ok && reopen.body.contains(Self.html("Seule l'administration de la formation")))
            let noReason = try await trainer.post(TrainingURL.sessionStep(w.id, .cancel), form: [("cancel_reason", " ")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.contains("Indiquez le motif"))
            #expect(try await TrainingSession.find(w.id, on: app.db)?.statusValue == .confirmed)
            #expect(try await trainer.get(TrainingURL.sessionStep(w.id, .cancel).path.replacingOccurrences(of: "annuler", with: "inconnue")).status == .notFound)
        }
    }

    /// Depends on `RegistrationService.cancelAll` (REGISTRATIONS helper).
    @Test("cancel: the session is cancelled with its reason and its live registrations are cancelled")
    func cancel() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app, status: .confirmed)
            let r = try await TrainingFactory.makeRegistration(on: app.db, session: w.session, structure: w.f.inPDL)
            let admin = try await w.f.browser(app, as: .trainingAdmin)
            let done = try await admin.post(TrainingURL.sessionStep(w.id, .cancel), form: [("cancel_reason", "Formateur malade")])
            #expect(done.status == .seeOther)
            let s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.statusValue == .cancelled && s.cancelReason == "Formateur malade" && s.sequence == 1)
            #expect(try await TrainingRegistration.find(r.requireID(), on: app.db)?.statusValue == .cancelled)
        }
    }

    /// Depends on `SatisfactionService.issueTokens` (ATTENDANCE helper).
    @Test("finish after the last day: the session is done; reopen by a training admin")
    func finish() async throws {
        try await withMaillage { app in
            app.services = AppServices(config: app.config, clock: FixedClock(Self.now))
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let past = try await TrainingFactory.makeSession(on: app.db, course: course, days: [Day(year: 2026, month: 12, day: 1)!],
                                                             trainers: [(f.users[.trainer]!, "Test trainer")])
            let id = try past.requireID()
            #expect(try await f.browser(app, as: .trainer).post(TrainingURL.sessionStep(id, .finish)).status == .seeOther)
            #expect(try await TrainingSession.find(id, on: app.db)?.statusValue == .done)
            #expect(try await f.browser(app, as: .trainer).post(TrainingURL.sessionStep(id, .reopen)).status == .forbidden)
            #expect(try await f.browser(app, as: .trainingAdmin).post(TrainingURL.sessionStep(id, .reopen)).status == .seeOther)
            let s = try #require(try await TrainingSession.find(id, on: app.db))
            #expect(s.statusValue == .confirmed && s.sequence == 2)
            // A done session's edit page answers 200 with a notice, its POST 409.
        }
    }

    @Test("a control character (NUL) in a session's texts or in the cancel reason is refused next to its field: 422, nothing saved")
    func controlCharacters() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app, status: .confirmed)
            let admin = try await w.f.browser(app, as: .trainingAdmin)
            let before = try await TrainingSession.query(on: app.db).count()
            // MUT
            let page = try await admin.post(.training(.createSession), form: try Self.form(course: w.course, trainer: w.f.users[.trainer]!, extra: [
                "session_kind": "intra", "session_structure": "Relais\u{0}Emploi", "session_place": "Titre\u{0}piégé",
                "session_address": "12 rue\u{0}de la Paix", "session_access": "Tram\u{1B}1", "session_remote": "https://visio.exemple.fr/\u{0}"]))
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("session_structure", "Le SIRET ou le nom de la structure"), ("session_place", "Le lieu"),
                                   ("session_address", "L'adresse"), ("session_access", "Le texte sur l'accès"),
                                   ("session_remote", "Le lien de connexion")] {
                #expect(page.body.contains("id=\"\(field)-error\">\(Self.html(label)) contient un caractère de contrôle (invisible), non permis."),
                        "\(field)")
            }
            #expect(try await TrainingSession.query(on: app.db).count() == before)
            let cancel = try await admin.post(TrainingURL.sessionStep(w.id, .cancel), form: [("cancel_reason", "Formateur\u{0}malade")])
            #expect(cancel.status == .unprocessableEntity)
            #expect(cancel.body.contains("id=\"cancel_reason-error\">Le motif contient un caractère de contrôle (invisible), non permis."))
            let s = try #require(try await TrainingSession.find(w.id, on: app.db))
            #expect(s.statusValue == .confirmed && s.cancelReason == nil && s.sequence == 0)
        }
    }

    @Test("the sessions list: a plain trainer sees only theirs, admins all; filters; CSV")
    func list() async throws {
        try await withMaillage { app in
            let w = try await Self.world(app)
            let rh = try await TrainingFactory.makeCourse(on: app.db, code: "RH-02", title: "Droit social")
            try await TrainingFactory.makeSession(on: app.db, course: rh, days: [Day(year: 2026, month: 5, day: 4)!], status: .done)
            let trainer = try await w.f.browser(app, as: .trainer).get(.training(.sessions))
            #expect(trainer.status == .ok && trainer.body.contains("ETI-01") && !trainer.body.contains("04/05/2026"))
            let admin = try await w.f.browser(app, as: .trainingAdmin)
            let all = try await admin.get(.training(.sessions))
            #expect(all.body.contains("ETI-01") && all.body.contains("RH-02") && all.body.contains("2 sessions"))
            let done = try await admin.get(.training(.sessions), query: ["statut": "done", "annee": "2026"])
            #expect(done.body.contains("RH-02") && !done.body.contains("14/01/2027"))
            // A NUL in a filter is an unknown value: every session, never a 500 (PostgreSQL refuses a NUL).
            let nul = try await admin.get(.training(.sessions), query: ["cours": "\u{0}", "delegation": "a\u{0}", "statut": "\u{0}", "annee": "2026\u{0}"])
            #expect(nul.status == .ok && nul.body.contains("2 sessions"))
            let csv = try await admin.get(.training(.sessions), query: ["format": "csv"])
            #expect(csv.status == .ok && csv.body.contains("Droit social"))
            #expect(try await w.f.browser(app, as: .member).get(.training(.sessions)).status == .forbidden)
        }
    }
}
