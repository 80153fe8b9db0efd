import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The questions list rendered from page models built by hand (no database).
@Suite("Legal desk home page snapshots", .snapshots(record: PageRenderer.record))
struct LegalHomePageSnapshotTests {
    typealias D = SnapshotData

    static func page(rows: [LegalHomePage.Row], jurist: Bool, ask: Bool) -> LegalHomePage {
        let state = ListState([:], columns: LegalHomePage.columns, defaultSort: ListSort("asked", descending: true))
        let list = ListView(.legal(.home), columns: LegalHomePage.columns, state: state, filters: [], total: rows.count,
                            exportable: true, noun: ("question", "questions"))
        return LegalHomePage(
            heading: "Appui juridique", intro: "Les questions de votre structure aux juristes du réseau, et leurs réponses.", action: "/juridique",
            statuses: QuestionStatus.allCases.map { .init(value: $0.rawValue, label: jurist ? $0.label : $0.memberLabel, selected: false) },
            categories: LegalCategory.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .labour) },
            delegations: jurist ? [.init(value: "NOR", label: "Normandie", selected: false), .init(value: "PDL", label: "Pays de la Loire", selected: true)] : nil,
            assignees: jurist ? [.init(value: "aucun", label: "Non attribuée", selected: false)] : nil,
            overdue: jurist, list: list, rows: rows, askHref: ask ? "/juridique/questions/nouvelle" : nil,
            links: [.init(label: "Fiches juridiques", href: "/juridique/fiches"), .init(label: "Ressources", href: "/ressources")])
    }

    static let rows = [
        LegalHomePage.Row(askedOn: "01/04/2026", structure: "Relais Emploi Nantes", category: "Droit du travail",
                          subject: "Rupture conventionnelle en CDDI", hidden: false, href: "/juridique/questions/\(D.uuid(1))",
                          status: "En cours", statusKey: "in_progress", assignee: "Jordan Juriste", dueOn: "09/04/2026", overdue: true),
        LegalHomePage.Row(askedOn: "02/03/2026", structure: "Chantier Nature Vendée", category: "Fiscalité",
                          subject: LegalHomePage.hiddenSubject, hidden: true, href: "/juridique/questions/\(D.uuid(2))",
                          status: "En attente de l'adhérent", statusKey: "waiting", assignee: "—", dueOn: "09/03/2026", overdue: false),
    ]

    @Test("a jurist's queue with an overdue question and a delegate's hidden subject; a member's empty list")
    func home() async throws {
        let html1 = try await PageRenderer.render("legal/home", title: "Appui juridique", Self.page(rows: Self.rows, jurist: true, ask: false),
                                                  user: D.admin, path: "/juridique")
        assertSnapshot(of: html1, as: .lines, named: "queue")
        let html2 = try await PageRenderer.render("legal/home", title: "Appui juridique", Self.page(rows: [], jurist: false, ask: true),
                                                  user: D.manager, path: "/juridique")
        assertSnapshot(of: html2, as: .lines, named: "member-empty")
    }
}
