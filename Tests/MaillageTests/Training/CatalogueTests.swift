import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The catalogue page through the browser: who sees which course, the filters, the French
/// figures, the sessions to come with their seats, the packs and the buttons.
@Suite("Training catalogue")
struct CatalogueTests {
    /// 6 December 2026, 10:00 in Paris.
    static let now = ISO8601DateFormatter().date(from: "2026-12-06T09:00:00Z")!

    static func fixedClock(_ app: Application) {
        app.services = AppServices(config: app.config, clock: FixedClock(now))
    }

    @Test("a visitor sees the public courses by theme, their price, duration, badges, coming sessions and packs")
    func visitor() async throws {
        try await withMaillage { app in
            Self.fixedClock(app)
            let f = try await Fixtures.load(on: app)
            let eti = try await TrainingFactory.makeCourse(on: app.db, code: "ETI-01", durationMinutes: 210, priceCents: 123_456,
                                                           certifying: true, introducedYear: 2026)
            try await TrainingFactory.makeCourse(on: app.db, code: "RH-02", title: "Le contrat à durée déterminée d'insertion",
                                                 theme: .hr, introducedYear: 2020)
            try await TrainingFactory.makeCourse(on: app.db, code: "GOV-09", title: "Réservé aux adhérents : le bureau", theme: .governance,
                                                 visibility: .members)
            try await TrainingFactory.makeCourse(on: app.db, code: "OLD-01", title: "Ancien cours retiré", active: false)
            let coming = try await TrainingFactory.makeSession(on: app.db, course: eti, days: [Day(year: 2027, month: 1, day: 14)!],
                                                               capacity: 2, status: .planned)
            try await TrainingFactory.makeRegistration(on: app.db, session: coming, structure: f.inPDL)
            try await TrainingFactory.makeSession(on: app.db, course: eti, days: [Day(year: 2026, month: 11, day: 3)!], status: .done)
            try await TrainingFactory.makePack(on: app.db, courses: [eti])
            // MUT
            let page = try await f.browser(app, as: .anonymous).get(.training(.catalogue))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("Encadrement technique"))
            #expect(page.body.contains("Ressources humaines et droit social"))
            #expect(page.body.contains("1\u{202F}234,56"))
            #expect(page.body.contains("3,5\u{202F}h"))
            #expect(page.body.contains(">Nouveau</span>"))
            #expect(page.body.contains(">Certifiant</span>"))
            #expect(page.body.contains("le 14/01/2027"))
            #expect(page.body.contains("1 place restante"))
            #expect(!page.body.contains("03/11/2026"))
            #expect(page.body.contains("Parcours encadrant technique"))
            #expect(!page.body.contains("GOV-09"))
            #expect(!page.body.contains("OLD-01"))
            #expect(!page.body.contains("Nouveau cours"))
            #expect(page.body.contains(TrainingURL.course(try eti.requireID()).path))
        }
    }

    @Test("filters by theme, format, certifying and folded text; role holders see members-only courses; admins get the buttons")
    func filtersAndRoles() async throws {
        try await withMaillage { app in
            Self.fixedClock(app)
            let f = try await Fixtures.load(on: app)
            try await TrainingFactory.makeCourse(on: app.db, code: "ETI-01", certifying: true)
            try await TrainingFactory.makeCourse(on: app.db, code: "RH-02", title: "Le contrat à durée déterminée d'insertion", theme: .hr,
                                                 format: .intra)
            try await TrainingFactory.makeCourse(on: app.db, code: "GOV-09", title: "Le bureau associatif", theme: .governance,
                                                 visibility: .members)
            let visitor = try await f.browser(app, as: .anonymous)
            let hr = try await visitor.get(.training(.catalogue), query: ["theme": "hr"])
            #expect(hr.body.contains("RH-02") && !hr.body.contains("ETI-01"))
            let text = try await visitor.get(.training(.catalogue), query: ["q": "DETERMINEE"])
            #expect(text.body.contains("RH-02") && !text.body.contains("ETI-01"))
            let certifying = try await visitor.get(.training(.catalogue), query: ["certifiant": "1"])
            #expect(certifying.body.contains("ETI-01") && !certifying.body.contains("RH-02"))
            let inter = try await visitor.get(.training(.catalogue), query: ["format": "inter"])
            #expect(inter.body.contains("ETI-01") && !inter.body.contains("RH-02"))
            let member = try await f.browser(app, as: .member).get(.training(.catalogue))
            #expect(member.body.contains("GOV-09"))
            #expect(!member.body.contains("Nouveau cours"))
            let admin = try await f.browser(app, as: .trainingAdmin).get(.training(.catalogue))
            #expect(admin.body.contains("Nouveau cours") && admin.body.contains("Nouveau parcours") && admin.body.contains("Programmer une session"))
        }
    }
}
