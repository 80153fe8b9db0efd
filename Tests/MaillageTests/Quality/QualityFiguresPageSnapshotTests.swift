import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The certification figures page rendered from hand-built events (no database).
@Suite("Quality figures page snapshots", .snapshots(record: PageRenderer.record))
struct QualityFiguresPageSnapshotTests {
    typealias D = SnapshotData

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func data() -> QualityFiguresData {
        typealias E = CertificationFigures.Event
        func record(_ n: Int, _ department: String, _ standard: String, _ events: [E]) -> CertificationFigures.Record {
            .init(id: D.uuid(500 + n), structureID: D.uuid(n), department: department, standard: standard, events: events)
        }
        let records = [
            record(1, "44", "CEDRE", [E(action: "create", to: .engaged, day: day("2024-05-01")),
                                      E(action: "certify", to: .certified, day: day("2025-03-01"), expiresOn: day("2028-03-01"))]),
            record(2, "85", "CEDRE-ISO", [E(action: "certify", to: .certified, day: day("2022-06-01"), expiresOn: day("2025-06-01")),
                                          E(action: "renew", to: .renewed, day: day("2025-05-20"), expiresOn: day("2028-06-01"))]),
            record(3, "14", "CEDRE", [E(action: "create", to: .engaged, day: day("2025-02-01"))]),
        ]
        let members = (1...4).map { CertificationFigures.Member(structureID: D.uuid($0), department: ["44", "85", "14", "50"][$0 - 1]) }
        let map = NetworkMap(year: 2025, delegations: [D.pdl, D.nor])
        return QualityFiguresData(records: records, members: [2023: Array(members.prefix(2)), 2024: members, 2025: members],
                                  maps: [2023: map, 2024: map, 2025: map],
                                  standards: [("CEDRE", "CEDRE"), ("CEDRE-ISO", "CEDRE ISO 9001"), ("QUALIOPI", "Qualiopi")],
                                  names: [D.uuid(1): "Relais Emploi Nantes", D.uuid(2): "Chantier Nature Vendée"])
    }

    static func years(_ current: Int) -> [YearLink] {
        [2026, 2025, 2024].map { .init(label: String($0), href: "/qualite/chiffres?annee=\($0)", current: $0 == current) }
    }

    @Test("the network's year, and a delegation's with a notice")
    func figures() async throws {
        let options = [QualityFiguresPage.Option(value: "NOR", label: "Normandie", selected: false),
                       .init(value: "PDL", label: "Pays de la Loire", selected: false)]
        let links = [HomePage.Link(label: "Échéances à suivre", href: "/qualite/echeances", note: nil)]
        let network = QualityFiguresPage.build(year: 2025, delegation: nil, data: Self.data(), notice: nil, years: Self.years(2025),
                                               delegations: options, action: "/qualite/chiffres", links: links)
        let nor = QualityFiguresPage.build(year: 2025, delegation: D.nor, data: Self.data(),
                                           notice: "Cette délégation n'existe pas en 2025 : voici les chiffres du réseau.",
                                           years: Self.years(2025), delegations: options, action: "/qualite/chiffres", links: [])
        let html1 = try await PageRenderer.render("quality/figures", title: network.heading, network, user: D.admin, path: "/qualite/chiffres")
        assertSnapshot(of: html1, as: .lines, named: "network")
        let html2 = try await PageRenderer.render("quality/figures", title: nor.heading, nor, user: D.delegate, path: "/qualite/chiffres")
        assertSnapshot(of: html2, as: .lines, named: "delegation")
    }
}
