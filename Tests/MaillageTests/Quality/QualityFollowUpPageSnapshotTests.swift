import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The follow-up list rendered from hand-built items (no database).
@Suite("Quality follow-up page snapshots", .snapshots(record: PageRenderer.record))
struct QualityFollowUpPageSnapshotTests {
    typealias D = SnapshotData

    static func item(_ n: Int, _ structure: String, _ standard: String, _ delegation: String?, _ what: QualityFollowUpItem.What,
                     _ day: String, left: Int, status: CertificationStatus = .certified) -> QualityFollowUpItem {
        QualityFollowUpItem(certificationID: D.uuid(500 + n), structureID: D.uuid(n), structure: structure, siret: "10000000100001",
                            standard: standard, delegation: delegation, what: what, auditKind: what == .audit ? .surveillance : nil,
                            day: Day(iso: day)!, status: status, daysLeft: left)
    }

    @Test("a national admin's list with the delegation filter, and an empty delegate's list")
    func followUp() async throws {
        var items = [
            Self.item(1, "Relais Emploi Nantes", "CEDRE", "Pays de la Loire", .expiry, "2027-03-01", left: 59),
            Self.item(2, "Chantier Nature Vendée", "Qualiopi", "Pays de la Loire", .audit, "2027-05-10", left: 129),
            Self.item(3, "Groupe Solidaire Caen", "CEDRE", "Normandie", .lapsed, "2026-06-30", left: -185, status: .lapsed),
        ]
        let state = ListState([:], columns: QualityFollowUpPage.columns, defaultSort: QualityFollowUpPage.defaultSort)
        QualityFollowUpPage.sort(&items, state.sort)
        let url = SiteURL.quality(.followUp)
        func page(_ items: [QualityFollowUpItem], delegations: [QualityFollowUpPage.Option]?, intro: String) -> QualityFollowUpPage {
            let list = ListView(url, columns: QualityFollowUpPage.columns, state: state, filters: [], total: items.count,
                                exportable: true, noun: ("échéance", "échéances"))
            return QualityFollowUpPage(
                heading: "Échéances des certifications", intro: intro, action: url.path, counts: QualityFollowUpPage.counts(items, months: 6),
                horizons: [3, 6, 12].map { .init(value: String($0), label: "\($0) mois", selected: $0 == 6) },
                whats: QualityFollowUpItem.What.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: false) },
                delegations: delegations,
                rows: items.map { QualityFollowUpPage.row($0, href: QualityURL.certification($0.structureID, $0.certificationID).path) },
                list: list, links: [HomePage.Link(label: "Chiffres des certifications", href: "/qualite/chiffres", note: nil)])
        }
        let national = page(items, delegations: [.init(value: "NOR", label: "Normandie", selected: false),
                                                 .init(value: "PDL", label: "Pays de la Loire", selected: false)],
                            intro: "Les certifications du réseau qui arrivent à échéance ou attendent un audit d'ici 6 mois, et celles échues ces douze derniers mois.")
        let empty = page([], delegations: nil,
                         intro: "Les certifications de la délégation Pays de la Loire qui arrivent à échéance ou attendent un audit d'ici 6 mois, et celles échues ces douze derniers mois.")
        let html1 = try await PageRenderer.render("quality/follow-up", title: national.heading, national, user: D.admin, path: "/qualite/echeances")
        assertSnapshot(of: html1, as: .lines, named: "national")
        let html2 = try await PageRenderer.render("quality/follow-up", title: empty.heading, empty, user: D.delegate, path: "/qualite/echeances")
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }
}
