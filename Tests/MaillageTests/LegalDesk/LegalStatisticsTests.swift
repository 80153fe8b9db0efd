import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #12, item 6: the yearly figures on a hand-built data set, the page, the files, the scope.
@Suite("Legal desk statistics")
struct LegalStatisticsTests {
    static let map = NetworkMap(year: 2026, delegations: [
        .init(delegationID: UUID(), code: "PDL", name: "Pays de la Loire", departments: ["44", "85"]),
        .init(delegationID: UUID(), code: "NOR", name: "Normandie", departments: ["14"]),
    ])

    static func q(_ asked: String, answered: String? = nil, due: String? = nil, category: LegalCategory = .labour,
                  dep: String = "44", types: [StructureType] = [.ai], waits: [LegalDelay.Wait] = []) -> LegalStatQuestion {
        let a = Day(iso: asked)!
        return LegalStatQuestion(askedOn: a, dueOn: due.flatMap { Day(iso: $0) } ?? WorkingDays.add(5, to: a),
                                 firstAnswerOn: answered.flatMap { Day(iso: $0) }, category: category, askedDepartment: dep,
                                 types: types, waits: waits)
    }

    @Test("10 questions in 2025, 12 in 2026: +20 %; median of 1, 2, 5 and 8 working days is 3,5; 3 of 4 in time")
    func figures() {
        // setup: asked Monday 2 March 2026, due Monday 9 March (5 working days)
        var questions = (0..<10).map { _ in Self.q("2025-06-02") }
        questions += [
            Self.q("2026-03-02", answered: "2026-03-03", category: .tax, dep: "14", types: [.ai, .aci]),  // 1 day
            Self.q("2026-03-02", answered: "2026-03-04", category: .tax),                                // 2 days
            Self.q("2026-03-02", answered: "2026-03-09", types: [.aci]),                                 // 5 days, the due day
            Self.q("2026-03-02", answered: "2026-03-12"),                                                // 8 days: late
        ]
        questions += (0..<8).map { _ in Self.q("2026-05-04", dep: "99", types: [.ei]) }
        // MUT
        let s = LegalStatistics.compute(year: 2026, questions: questions, notesPublished: 3, map: Self.map)
        let page = LegalStatisticsPage.figures(s)
        // validate
        #expect(s.count == 12 && s.previous == 10 && s.beforePrevious == 0)
        #expect(s.change == 20 && LegalStatisticsPage.change(s.change) == "+20,0\u{202F}%")
        #expect(s.firstAnswerDays.sorted() == [1, 2, 5, 8] && s.median == Decimal(string: "3.5"))
        #expect(LegalStatisticsPage.days(s.median) == "3,5\u{202F}j ouvrés")
        #expect(s.answered == 4 && s.answeredInTime == 3)
        #expect(page[3].value == "75,0\u{202F}%" && page[3].note == "3 sur 4")
        #expect(s.byCategory == [.init(label: "Droit du travail", count: 10), .init(label: "Fiscalité", count: 2)])
        #expect(s.byDelegation == [.init(label: "Hors délégation", count: 8), .init(label: "Pays de la Loire", count: 3),
                                   .init(label: "Normandie", count: 1)])
        // AI + ACI counts in both types
        #expect(s.byType == [.init(label: StructureType.ei.label, count: 8), .init(label: StructureType.ai.label, count: 3),
                             .init(label: StructureType.aci.label, count: 2)])
        #expect(s.notesPublished == 3 && page[4].value == "3")
        #expect(LegalStatisticsPage.history(s).map(\.share) == ["—", "—", "+20,0\u{202F}%"])
    }

    @Test("no question the year before: the change is « — »; the share of a part is rounded once")
    func noPrevious() {
        let s = LegalStatistics.compute(year: 2026, questions: (0..<3).map { _ in Self.q("2026-01-05") }, notesPublished: 0, map: Self.map)
        #expect(s.change == nil && LegalStatisticsPage.change(s.change) == "—")
        #expect(LegalStatisticsPage.lines(s.byCategory, total: 3)?.first?.share == "100,0\u{202F}%")
        #expect(LegalStatisticsPage.percent(LegalStatistics.share(1, of: 3)) == "33,3\u{202F}%")
        #expect(LegalStatisticsPage.percent(LegalStatistics.share(2, of: 3)) == "66,7\u{202F}%")
        #expect(LegalStatisticsPage.days(s.median) == "—")
    }

    @Test("waiting for the member is not counted and pushes the due day; a later wait does not")
    func waits() {
        // Asked 2 March; waited 3→5 March (2 working days); answered 11 March: 7 − 2 = 5 days, due pushed to 11 March: in time.
        let w = Self.q("2026-03-02", answered: "2026-03-11", due: "2026-03-11", waits: [.init(from: Day(iso: "2026-03-03")!, to: Day(iso: "2026-03-05")!)])
        // Same, but the wait came after the answer (reopened, asked again): it pushed the stored due day to 11 March,
        // but when the answer came the due day was 9 March: late.
        let late = Self.q("2026-03-02", answered: "2026-03-11", due: "2026-03-11", waits: [.init(from: Day(iso: "2026-03-11")!, to: Day(iso: "2026-03-13")!)])
        let s = LegalStatistics.compute(year: 2026, questions: [w, late], notesPublished: 0, map: Self.map)
        #expect(s.firstAnswerDays == [5, 7])
        #expect(s.answeredInTime == 1)
    }

    @Test("waits read from the events: entering and leaving « waiting »")
    func waitsFromEvents() throws {
        let q = UUID()
        func e(_ from: QuestionStatus?, _ to: QuestionStatus, _ day: String, _ n: Int) -> LegalQuestionEvent {
            let e = LegalQuestionEvent()
            e.$question.id = q
            e.fromStatus = from?.rawValue
            e.toStatus = to.rawValue
            e.onDay = day
            e.at = Date(timeIntervalSince1970: Double(n))
            return e
        }
        let waits = LegalStatistics.waits([e(.inProgress, .waiting, "2026-03-03", 2), e(nil, .new, "2026-03-02", 1),
                                           e(.waiting, .inProgress, "2026-03-05", 3), e(.inProgress, .waiting, "2026-03-10", 4)])
        #expect(waits[q] == [.init(from: Day(iso: "2026-03-03")!, to: Day(iso: "2026-03-05")!), .init(from: Day(iso: "2026-03-10")!, to: nil)])
    }

    @Test("page and files from the database: national for a jurist, the delegation's members for a delegate")
    func pageAndFiles() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-12-01")!.noonInParis))
            let f = try await Fixtures.load(on: app)
            for _ in 0..<2 { try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedOn: "2025-03-02") }
            let a = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, status: .answered, askedOn: "2026-03-02")
            a.firstAnswerOn = "2026-03-04"
            try await a.save(on: app.db)
            let b = try await LegalFactory.makeQuestion(on: app.db, structure: f.gesNOR, category: .tax, status: .answered, askedOn: "2026-03-02")
            b.firstAnswerOn = "2026-03-12"
            try await b.save(on: app.db)
            try await LegalFactory.makeQuestion(on: app.db, structure: f.otherPDL, askedOn: "2026-06-01")
            let note = try await LegalFactory.makeNote(on: app.db)
            note.publishedAt = Day(iso: "2026-02-01")!.noonInParis
            try await note.save(on: app.db)
            let old = try await LegalFactory.makeNote(on: app.db, title: "Ancienne fiche")
            old.publishedAt = Day(iso: "2025-12-31")!.noonInParis
            try await old.save(on: app.db)
            // MUT
            let jurist = try await f.browser(app, as: .jurist)
            let page = try await jurist.get(.legal(.statistics), query: ["annee": "2026"])
            let csv = try await jurist.get(LegalURL.statisticsFile(2026, "statistiques.csv"))
            let xlsx = try await jurist.get(LegalURL.statisticsFile(2026, "statistiques.xlsx"))
            let unknown = try await jurist.get(LegalURL.statisticsFile(2026, "statistiques.pdf"))
            let delegate = try await f.browser(app, as: .delegate).get(.legal(.statistics), query: ["annee": "2026"])
            let admin = try await f.browser(app, as: .admin).get(.legal(.statistics), query: ["annee": "bad"])
            let member = try await f.browser(app, as: .member).get(.legal(.statistics))
            // validate: 3 questions in 2026, 2 in 2025 → +50 %; days 2 and 8 → median 5; 1 of 2 in time
            #expect(page.status == .ok)
            #expect(page.body.contains("appui juridique 2026</h1>"))
            #expect(page.body.contains("+50,0\u{202F}%") && page.body.contains("5,0\u{202F}j ouvrés") && page.body.contains("50,0\u{202F}%"))
            #expect(page.body.contains("Normandie") && page.body.contains("Ensemble du réseau"))
            #expect(csv.status == .ok && csv.body.contains("Rubrique;Libellé;Nombre;Part (%)"))
            #expect(csv.body.contains("Ensemble;Questions posées en 2026;3;"))
            #expect(csv.body.contains("Ensemble;Évolution sur 2025 (%);;50\r\n"))
            #expect(csv.body.contains("Ensemble;Délai médian de première réponse (jours ouvrés);;5\r\n"))
            #expect(csv.body.contains("Ensemble;Fiches publiées;1;"))
            #expect(csv.body.contains("Catégorie;Droit du travail;2;66,7"))
            #expect(csv.headers.first(name: .contentDisposition)?.contains("statistiques-juridiques-2026.csv") == true)
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            #expect(unknown.status == .notFound)
            // the delegate (PDL): 2 questions in 2026, none from Normandy
            #expect(delegate.status == .ok && delegate.body.contains("Pays de la Loire") && !delegate.body.contains("Normandie"))
            #expect(delegate.body.contains("<span class=\"tile-value\">2</span> <span class=\"tile-label\">Questions posées en 2026</span>"))
            #expect(admin.status == .ok && admin.body.contains("2026"))
            #expect(member.status == .forbidden)
        }
    }
}
