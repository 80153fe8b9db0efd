import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The figures page rendered from hand-built trainee records (no database).
@Suite("Training figures page snapshots", .snapshots(record: PageRenderer.record))
struct TrainingFiguresPageSnapshotTests {
    typealias D = SnapshotData

    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

    @Test("a year with trainees, and a bad year's notice on an empty one")
    func figures() async throws {
        let map = NetworkMap(year: 2026, delegations: [D.pdl, D.nor])
        func r(_ n: Int, session: Int, code: String, theme: String, del: String?, year: Int = 2026, cat: TraineeCategory = .privateEmployee,
               fund: TrainingFunding = .skillsOperator, minutes: Int, scores: [Int]? = nil) -> TraineeRecord {
            TraineeRecord(registrationID: Self.uuid(n), sessionID: Self.uuid(100 + session), courseCode: code, theme: theme, delegationCode: del,
                          year: year, category: cat, funding: fund, attendedMinutes: minutes, scores: scores)
        }
        let records = [
            r(1, session: 1, code: "ETI-01", theme: "supervision", del: "PDL", minutes: 840, scores: [5, 4, 4, 5, 5]),
            r(2, session: 1, code: "ETI-01", theme: "supervision", del: "PDL", fund: .employer, minutes: 630, scores: [3, 3, 4, 3, 3]),
            r(3, session: 1, code: "ETI-01", theme: "supervision", del: "PDL", minutes: 0),
            r(4, session: 2, code: "FIN-01", theme: "finance", del: nil, cat: .jobseeker, fund: .other, minutes: 210),
            r(5, session: 3, code: "GOV-01", theme: "governance", del: "NOR", cat: .other, fund: .other, minutes: 420, scores: [4, 4, 4, 4, 4]),
            r(6, session: 4, code: "ETI-01", theme: "supervision", del: "PDL", year: 2025, minutes: 420),
        ]
        let data = TrainingFiguresData(records: records, titles: ["ETI-01": "Encadrant technique d'insertion : les fondamentaux",
                                                                  "FIN-01": "Gestion financière d'une SIAE : lire ses comptes",
                                                                  "GOV-01": "Gouvernance associative : rôles du bureau et du conseil"])
        func years(_ current: Int) -> [TrainingFiguresPage.Year] {
            [2026, 2025].map { .init(label: String($0), href: "/formations/chiffres?annee=\($0)", current: $0 == current) }
        }
        let full = TrainingFiguresPage.build(year: 2026, data: data, map: map, notice: nil, years: years(2026),
                                             downloads: [.init(label: "Chiffres (CSV)", href: "/formations/chiffres/2026/chiffres.csv"),
                                                         .init(label: "Bilan pédagogique et financier (XLSX)", href: "/formations/chiffres/2026/bilan.xlsx")])
        let empty = TrainingFiguresPage.build(year: 2024, data: TrainingFiguresData(records: [], titles: [:]), map: map,
                                              notice: "L'année demandée n'est pas valable (une année entre 2000 et 2100 est attendue) : voici les chiffres de 2024.",
                                              years: years(2024), downloads: [])
        let html1 = try await PageRenderer.render("training/figures", title: full.heading, full, user: D.admin, path: "/formations/chiffres")
        assertSnapshot(of: html1, as: .lines, named: "year")
        let html2 = try await PageRenderer.render("training/figures", title: empty.heading, empty, user: D.admin, path: "/formations/chiffres")
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }
}
