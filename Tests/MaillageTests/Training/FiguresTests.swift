import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 5: the training body's figures on a worked example read from the database
/// (absences counted out, hours = attended half-days × their minutes, satisfaction from the
/// ratings), the yearly declaration, the page and the four files, the year bounds.
@Suite("Training figures")
struct FiguresTests {
    /// 2026: ETI-01 in PDL, two days (4 half-days of 210 min): Anne present all along (rated 23/25,
    /// satisfied), Bruno absent one half-day (rated 16/25, not satisfied), Chloé present all along
    /// (rated 4 × 5 = 20/25: a mean of exactly 4 is satisfied), Denis absent all along (not counted),
    /// Emma cancelled (not counted). FIN-01 national, one day: Fanny present the morning only, not rated.
    /// A confirmed (not done) session with attendance and a 2025 session complete the set.
    static func workedExample(_ app: Application, _ f: Fixtures) async throws {
        let db = app.db
        let map = try await NetworkMap.load(on: db, year: 2026)
        let eti = try await TrainingFactory.makeCourse(on: db)
        let fin = try await TrainingFactory.makeCourse(on: db, code: "FIN-01", title: "Gestion financière d'une SIAE : lire ses comptes", theme: .finance)
        let a = try await TrainingFactory.makeSession(on: db, course: eti, days: [Day(iso: "2026-03-10")!, Day(iso: "2026-03-11")!],
                                                      delegationID: map.delegation(code: "PDL")?.delegationID, status: .done)
        let halfDays = try await TrainingHalfDay.query(on: db).filter(\.$session.$id == a.requireID()).sort(\.$day).sort(\.$period).all()
        let anne = try await TrainingFactory.makeRegistration(on: db, session: a, structure: f.inPDL, firstName: "Anne", lastName: "Présente")
        try await TrainingFactory.markAttendance(on: db, registration: anne)
        try await TrainingFactory.makeRating(on: db, registration: anne, scores: [5, 4, 4, 5, 5])
        let bruno = try await TrainingFactory.makeRegistration(on: db, session: a, structure: f.otherPDL, firstName: "Bruno", lastName: "Partiel",
                                                               funding: .employer)
        try await TrainingFactory.markAttendance(on: db, registration: bruno, only: Array(halfDays.prefix(3)))
        try await TrainingFactory.markAttendance(on: db, registration: bruno, present: false, only: [halfDays[3]])
        try await TrainingFactory.makeRating(on: db, registration: bruno, scores: [3, 3, 4, 3, 3])
        let chloe = try await TrainingFactory.makeRegistration(on: db, session: a, structure: f.gesNOR, firstName: "Chloé", lastName: "Moyenne",
                                                               category: .other, funding: .other)
        try await TrainingFactory.markAttendance(on: db, registration: chloe)
        try await TrainingFactory.makeRating(on: db, registration: chloe, scores: [4, 4, 4, 4, 4])
        let denis = try await TrainingFactory.makeRegistration(on: db, session: a, structure: f.inPDL, firstName: "Denis", lastName: "Absent")
        try await TrainingFactory.markAttendance(on: db, registration: denis, present: false)
        let emma = try await TrainingFactory.makeRegistration(on: db, session: a, structure: f.inPDL, firstName: "Emma", lastName: "Annulée", status: .cancelled)
        try await TrainingFactory.markAttendance(on: db, registration: emma)

        let b = try await TrainingFactory.makeSession(on: db, course: fin, days: [Day(iso: "2026-05-05")!], status: .done)
        let bMorning = try await TrainingHalfDay.query(on: db).filter(\.$session.$id == b.requireID()).filter(\.$period == "am").all()
        let fanny = try await TrainingFactory.makeRegistration(on: db, session: b, structure: f.entityNOR, firstName: "Fanny", lastName: "Matin",
                                                               category: .jobseeker, funding: .other)
        try await TrainingFactory.markAttendance(on: db, registration: fanny, only: bMorning)

        let c = try await TrainingFactory.makeSession(on: db, course: eti, days: [Day(iso: "2026-06-02")!], status: .confirmed)
        let gaby = try await TrainingFactory.makeRegistration(on: db, session: c, structure: f.inPDL, firstName: "Gaby", lastName: "Pasfinie")
        try await TrainingFactory.markAttendance(on: db, registration: gaby)

        let old = try await TrainingFactory.makeSession(on: db, course: eti, days: [Day(iso: "2025-10-07")!], status: .done)
        let hugo = try await TrainingFactory.makeRegistration(on: db, session: old, structure: f.inPDL, firstName: "Hugo", lastName: "Ancien")
        try await TrainingFactory.markAttendance(on: db, registration: hugo)
    }

    static let names = ["Présente", "Partiel", "Moyenne", "Absent", "Annulée", "Matin", "Pasfinie", "Ancien", "Anne", "Bruno", "Fanny"]

    @Test("worked example: absences counted out, hours of the attended half-days, satisfaction ≥ 4 of 5, the declaration")
    func workedExampleFigures() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await Self.workedExample(app, f)
            let map = try await NetworkMap.load(on: app.db, year: 2026)
            // MUT
            let data = try await TrainingFiguresQueries.load(years: 2024...2026, map: map, on: app.db)
            let year = data.of(year: 2026)
            let total = TrainingFigures.total(year)
            let declaration = TrainingFigures.declaration(data.records, year: 2026)
            // validate: Denis (absent all along), Emma (cancelled), Gaby (session not done) are out
            #expect(year.count == 5)   // Anne, Bruno, Chloé, Denis (0 min), Fanny
            #expect(year.first { $0.attendedMinutes == 0 } != nil)
            #expect(total == .init(key: "total", sessions: 2, trainees: 4, minutes: 840 + 630 + 840 + 210, rated: 3, satisfied: 2))
            #expect(FrenchFormat.minutesAsHours(total.minutes) == "42\u{202F}h")
            #expect(TrainingFiguresPage.rate(total) == "66,7\u{202F}%")
            let byTheme = TrainingFigures.rows(year, by: \.theme)
            #expect(byTheme.map(\.key) == ["finance", "supervision"])
            #expect(byTheme[1] == .init(key: "supervision", sessions: 1, trainees: 3, minutes: 2310, rated: 3, satisfied: 2))
            let byDelegation = TrainingFiguresPage.delegations(year, map: map)
            #expect(byDelegation.map(\.label) == ["Pays de la Loire", "National / à distance"])
            #expect(declaration.byCategory.map { [$0.trainees, $0.minutes] } == [[2, 1470], [1, 210], [1, 840]])
            #expect(declaration.byFunding.map { [$0.trainees, $0.minutes] } == [[1, 840], [1, 630], [2, 1050]])
            #expect(declaration.total == .init(trainees: 4, minutes: 2520))
            #expect(TrainingFigures.total(data.of(year: 2025)) == .init(key: "total", sessions: 1, trainees: 1, minutes: 420))
            #expect(TrainingFiguresPage.rate(TrainingFigures.total(data.of(year: 2025))) == "—")
        }
    }

    @Test("the page: key figures, tables, three years, declaration; a bad year falls back with a notice; no trainee named")
    func page() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-12-01")!.noonInParis))
            let f = try await Fixtures.load(on: app)
            try await Self.workedExample(app, f)
            let browser = try await f.browser(app, as: .trainingAdmin)
            // MUT
            let page = try await browser.get(.training(.figures), query: ["annee": "2026"])
            let byDefault = try await browser.get(.training(.figures))
            let bad = try await browser.get(.training(.figures), query: ["annee": "1999"])
            let garbage = try await browser.get(.training(.figures), query: ["annee": "deux-mille"])
            let empty = try await browser.get(.training(.figures), query: ["annee": "2024"])
            let trainer = try await f.browser(app, as: .trainer).get(.training(.figures), query: ["annee": "2026"])
            // validate
            #expect(page.status == .ok)
            for text in ["Chiffres de la formation 2026", "Sessions réalisées", "42\u{202F}h", "66,7\u{202F}%", "2 avis satisfaits sur 3",
                         "Encadrement technique", "Gestion et finances", "ETI-01 — Encadrant technique d'insertion : les fondamentaux",
                         "Pays de la Loire", "National / à distance", "Bilan pédagogique et financier", "Salariés d'employeurs privés",
                         "24,5\u{202F}h", "Opérateur de compétences (OPCO)", "17,5\u{202F}h", "/formations/chiffres/2026/bilan.xlsx"] {
                #expect(page.body.contains(text.replacingOccurrences(of: "'", with: "&#39;")), "\(text)")
            }
            #expect(page.body.contains("id=\"figures-history\""))
            #expect(page.body.contains("<th scope=\"row\">2025</th><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">7\u{202F}h</td>"))
            for name in Self.names { #expect(!page.body.contains(name), "\(name)") }
            #expect(byDefault.status == .ok && byDefault.body.contains("Chiffres de la formation 2026") && !byDefault.body.contains("figures-notice"))
            #expect(bad.status == .ok && bad.body.contains("id=\"figures-notice\"") && bad.body.contains("Chiffres de la formation 2026"))
            #expect(garbage.status == .ok && garbage.body.contains("id=\"figures-notice\""))
            #expect(empty.status == .ok && empty.body.contains("Aucune session réalisée cette année.") && empty.body.contains("—"))
            #expect(trainer.status == .ok && trainer.body.contains("42\u{202F}h"))
        }
    }

    @Test("the four files: CSV (French dialect, BOM) and XLSX, by theme, course, delegation, and the declaration; unknown → 404")
    func files() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-12-01")!.noonInParis))
            let f = try await Fixtures.load(on: app)
            try await Self.workedExample(app, f)
            let browser = try await f.browser(app, as: .admin)
            // MUT
            let csv = try await browser.get(TrainingURL.figuresFile(2026, "chiffres.csv"))
            let xlsx = try await browser.get(TrainingURL.figuresFile(2026, "chiffres.xlsx"))
            let bilan = try await browser.get(TrainingURL.figuresFile(2026, "bilan.csv"))
            let bilanX = try await browser.get(TrainingURL.figuresFile(2026, "bilan.xlsx"))
            let pdf = try await browser.get(TrainingURL.figuresFile(2026, "chiffres.pdf"))
            let early = try await browser.get(TrainingURL.figuresFile(1999, "chiffres.csv"))
            let late = try await browser.get(TrainingURL.figuresFile(2101, "bilan.csv"))
            let word = try await browser.get("/formations/chiffres/annee/chiffres.csv")
            // validate
            #expect(csv.status == .ok && csv.body.hasPrefix("\u{FEFF}"))
            #expect(csv.headers.first(name: .contentDisposition)?.contains("chiffres-formation-2026.csv") == true)
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Rubrique;Clé;Libellé;Sessions;Stagiaires;Heures;Avis;Satisfaits;Taux de satisfaction (%)")
            #expect(lines.contains("Thème;supervision;Encadrement technique;1;3;38,5;3;2;66,7"))
            #expect(lines.contains("Thème;finance;Gestion et finances;1;1;3,5;0;0;"))
            #expect(lines.contains("Formation;ETI-01;Encadrant technique d'insertion : les fondamentaux;1;3;38,5;3;2;66,7"))
            #expect(lines.contains("Délégation;PDL;Pays de la Loire;1;3;38,5;3;2;66,7"))
            #expect(lines.contains("Délégation;national;National / à distance;1;1;3,5;0;0;"))
            #expect(lines.last == "Ensemble;total;Total 2026;2;4;42;3;2;66,7")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("chiffres-formation-2026.xlsx") == true)
            let bilanLines = bilan.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(bilanLines == [
                "Rubrique;Clé;Libellé;Stagiaires;Heures",
                "Catégorie de stagiaires;private_employee;Salariés d'employeurs privés;2;24,5",
                "Catégorie de stagiaires;jobseeker;Demandeurs d'emploi;1;3,5",
                "Catégorie de stagiaires;other;Autres stagiaires;1;14",
                "Catégorie de stagiaires;total;Total;4;42",
                "Financement;opco;Opérateur de compétences (OPCO);1;14",
                "Financement;employer;Employeur;1;10,5",
                "Financement;other;Autres financements;2;17,5",
                "Financement;total;Total;4;42",
            ])
            #expect(bilanX.status == .ok && bilanX.headers.first(name: .contentDisposition)?.contains("bilan-pedagogique-financier-2026.xlsx") == true)
            for body in [csv.body, bilan.body] { for name in Self.names { #expect(!body.contains(name), "\(name)") } }
            #expect(pdf.status == .notFound && early.status == .notFound && late.status == .notFound && word.status == .notFound)
        }
    }

    @Test("the XLSX cells are typed: integers and decimal hours as numbers")
    func typedCells() {
        let data = TrainingFiguresData(records: [
            TraineeRecord(registrationID: UUID(), sessionID: UUID(), courseCode: "ETI-01", theme: "supervision", year: 2026,
                          category: .privateEmployee, funding: .skillsOperator, attendedMinutes: 20, scores: [5, 5, 5, 5, 5]),
        ], titles: ["ETI-01": "Encadrant technique"])
        let t = TrainingFiguresFiles.figures(year: 2026, data: data, map: NetworkMap(year: 2026, delegations: []))
        guard case .integer(1) = t.rows[0][4], case .number("0.33") = t.rows[0][5], case .number("100") = t.rows[0][8] else {
            Issue.record("\(t.rows[0])")
            return
        }
        #expect(TrainingFiguresController.year("2100") == 2100 && TrainingFiguresController.year("2101") == nil
                && TrainingFiguresController.year("1999") == nil && TrainingFiguresController.year(" 2026 ") == 2026)
    }
}
