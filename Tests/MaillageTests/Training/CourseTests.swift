import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// A course's page (who sees a members-only one) and its editor: French errors by field,
/// hours and euros typed the French way, the unique code, the audit.
@Suite("Training courses")
struct CourseTests {
    static let form: [(String, String)] = [
        ("course_code", "eti-02"), ("course_title", "Accompagner vers l'emploi"), ("course_theme", "support"),
        ("course_objectives", "Construire un parcours."), ("course_prerequisites", ""), ("course_audience", "Accompagnateurs"),
        ("course_hours", "3,5"), ("course_price", "1 450,50"), ("course_intra_price", ""), ("course_format", "both"),
        ("course_certifying", "1"), ("course_visibility", "members"), ("course_active", "1"), ("course_year", "2026"),
    ]

    static func replacing(_ form: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        form.map { ($0.0, changes[$0.0] ?? $0.1) }
    }

    @Test("a members-only course: a visitor is sent to sign in, a person without role gets 404, a role holder 200")
    func membersOnly() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db, code: "GOV-09", visibility: .members)
            let url = TrainingURL.course(try course.requireID())
            let visitor = try await f.browser(app, as: .anonymous).get(url)
            #expect(visitor.status.code / 100 == 3)
            #expect(visitor.location?.hasPrefix(SiteURL.login.path) == true)
            try await AccountsFactory.makeUser(on: app, email: "sans.role@test.maillage.test", role: nil)
            let nobody = TestBrowser(app)
            try await nobody.login("sans.role@test.maillage.test")
            #expect(try await nobody.get(url).status == .notFound)
            let member = try await f.browser(app, as: .member).get(url)
            #expect(member.status == .ok)
            #expect(member.body.contains("GOV-09"))
            #expect(!member.body.contains("Modifier le cours"))
            let publicCourse = try await TrainingFactory.makeCourse(on: app.db, code: "PUB-01")
            let page = try await f.browser(app, as: .anonymous).get(TrainingURL.course(try publicCourse.requireID()))
            #expect(page.status == .ok)
            #expect(page.body.contains("Aucune session inter-structures"))
        }
    }

    @Test("a bad form is refused by field (422, nothing saved); a good one is stored in minutes and cents and audited")
    func create() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .trainingAdmin)
            #expect(try await admin.get(.training(.newCourse)).status == .ok)
            let bad = try await admin.post(.training(.createCourse), form: Self.replacing(Self.form, [
                "course_code": "ÉTI 02", "course_title": "", "course_hours": "3,333", "course_price": "12,345",
                "course_intra_price": "100000000", "course_year": "1999", "course_objectives": String(repeating: "a", count: 2001)]))
            #expect(bad.status == .unprocessableEntity)
            for message in ["lettres A à Z", "Indiquez l'intitulé", "Indiquez la durée en heures", "au plus deux décimales",
                            "de 2000 à 2100", "2\u{202F}000 caractères", "Le formulaire contient 7 erreurs"] {
                #expect(bad.body.contains(SessionTests.html(message)), "\(message)")
            }
            #expect(try await TrainingCourse.query(on: app.db).count() == 0)
            // MUT
            let good = try await admin.post(.training(.createCourse), form: Self.form)
            // validate
            #expect(good.status == .seeOther)
            let course = try #require(try await TrainingCourse.query(on: app.db).first())
            #expect(course.code == "ETI-02")
            #expect(course.durationMinutes == 210)
            #expect(course.priceCents == 145_050)
            #expect(course.intraDayPriceCents == nil)
            #expect(course.certifying && course.active && course.visibilityValue == .members)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.course").count() == 1)
            let again = try await admin.post(.training(.createCourse), form: Self.form)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains(SessionTests.html(CourseService.codeTaken)))
            let page = try await admin.get(TrainingURL.course(try course.requireID()))
            #expect(page.body.contains("1\u{202F}450,50") && page.body.contains("3,5\u{202F}h"))
        }
    }

    @Test("the editor shows the stored values the French way and saves a change; a member may not open it")
    func update() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db, durationMinutes: 14 * 60, priceCents: 45_000)
            let id = try course.requireID()
            let admin = try await f.browser(app, as: .admin)
            let edit = try await admin.get(TrainingURL.editCourse(id))
            #expect(edit.status == .ok)
            #expect(edit.body.contains("value=\"14\"") && edit.body.contains("value=\"450,00\""))
            #expect(try await f.browser(app, as: .member).get(TrainingURL.editCourse(id)).status == .forbidden)
            let saved = try await admin.post(TrainingURL.updateCourse(id), form: Self.replacing(Self.form, ["course_code": "ETI-01", "course_hours": "7"]))
            #expect(saved.status == .seeOther)
            let reread = try #require(try await TrainingCourse.find(id, on: app.db))
            #expect(reread.durationMinutes == 420 && reread.title == "Accompagner vers l'emploi")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.course").filter(\.$action == "update").count() == 1)
        }
    }

    @Test("a control character (NUL) in any text of the course is refused next to its field: 422, nothing saved")
    func controlCharacters() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .trainingAdmin)
            // MUT
            let page = try await admin.post(.training(.createCourse), form: Self.replacing(Self.form, [
                "course_code": "ETI\u{0}02", "course_title": "Titre\u{0}piégé", "course_objectives": "Objectifs\u{1}",
                "course_prerequisites": "Aucun\u{0}", "course_audience": "Public\u{7F}visé"]))
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("course_code", "Le code"), ("course_title", "L'intitulé"), ("course_objectives", "Le texte des objectifs"),
                                   ("course_prerequisites", "Le texte des prérequis"), ("course_audience", "Le public visé")] {
                #expect(page.body.contains("id=\"\(field)-error\">\(SessionTests.html(label)) contient un caractère de contrôle (invisible), non permis."),
                        "\(field)")
            }
            #expect(try await TrainingCourse.query(on: app.db).count() == 0)
        }
    }

    @Test("hours typed the French way")
    func hours() {
        #expect(CourseInput.hoursAsMinutes("14") == 840)
        #expect(CourseInput.hoursAsMinutes("3,5") == 210)
        #expect(CourseInput.hoursAsMinutes("3.25 h") == 195)
        #expect(CourseInput.hoursAsMinutes("0") == nil)
        #expect(CourseInput.hoursAsMinutes("400,01") == nil)
        #expect(CourseInput.hoursAsMinutes("-2") == nil)
        #expect(CourseInput.hoursAsMinutes("1,33") == nil)
        #expect(CourseInput.hoursText(210) == "3,5")
        #expect(CourseInput.hoursText(840) == "14")
    }
}
