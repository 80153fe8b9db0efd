import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The statistics page rendered from figures computed on a hand-built set (no database).
@Suite("Legal desk statistics page snapshots", .snapshots(record: PageRenderer.record))
struct LegalStatisticsPageSnapshotTests {
    typealias D = SnapshotData

    @Test("a year with questions, and an empty one")
    func statistics() async throws {
        let map = NetworkMap(year: 2026, delegations: [D.pdl, D.nor])
        let q = { (asked: String, answered: String?, cat: LegalCategory, dep: String) in
            LegalStatQuestion(askedOn: Day(iso: asked)!, dueOn: WorkingDays.add(5, to: Day(iso: asked)!), firstAnswerOn: answered.flatMap { Day(iso: $0) },
                              category: cat, askedDepartment: dep, types: [.ai, .aci], waits: [])
        }
        let questions = [q("2025-03-02", nil, .labour, "44"), q("2026-03-02", "2026-03-04", .labour, "44"),
                         q("2026-03-02", "2026-03-12", .tax, "14"), q("2026-06-01", nil, .iae, "85")]
        func page(_ s: LegalStatistics) -> LegalStatisticsPage {
            LegalStatisticsPage(heading: "Statistiques de l'appui juridique \(s.year)", perimeter: "Ensemble du réseau.",
                                years: [.init(label: "2026", href: "/juridique/statistiques?annee=2026", current: s.year == 2026),
                                        .init(label: "2025", href: "/juridique/statistiques?annee=2025", current: s.year == 2025)],
                                figures: LegalStatisticsPage.figures(s), history: LegalStatisticsPage.history(s),
                                byCategory: LegalStatisticsPage.lines(s.byCategory, total: s.count),
                                byDelegation: LegalStatisticsPage.lines(s.byDelegation, total: s.count),
                                byType: LegalStatisticsPage.lines(s.byType, total: s.count),
                                downloads: [.init(label: "Télécharger (CSV)", href: "/juridique/statistiques/\(s.year)/statistiques.csv")],
                                homeHref: "/juridique")
        }
        let full = LegalStatistics.compute(year: 2026, questions: questions, notesPublished: 2, map: map)
        let empty = LegalStatistics.compute(year: 2024, questions: [], notesPublished: 0, map: map)
        let html1 = try await PageRenderer.render("legal/statistics", title: "Statistiques", page(full), user: D.admin, path: "/juridique/statistiques")
        assertSnapshot(of: html1, as: .lines, named: "year")
        let html2 = try await PageRenderer.render("legal/statistics", title: "Statistiques", page(empty), user: D.admin, path: "/juridique/statistiques")
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }
}
