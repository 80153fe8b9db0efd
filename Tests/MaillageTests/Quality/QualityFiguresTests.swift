import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, item 3: the yearly certification figures read from the events in the database, for
/// the network and a delegation; members active at 31 December from their membership periods.
@Suite("Quality figures")
struct QualityFiguresTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A certification with its events (action, status reached, day, expiry), written directly.
    static func certification(_ app: Application, _ structure: Structure, _ code: String,
                              _ events: [(String, CertificationStatus, String, String?)]) async throws {
        let standard = try await QualityStandard.query(on: app.db).filter(\.$code == code).first()!
        let c = Certification(structureID: try structure.requireID(), standardID: try standard.requireID(), engagedOn: day(events[0].2))
        c.status = events.last!.1.rawValue
        c.expiresOn = events.compactMap(\.3).last
        try await c.create(on: app.db)
        var from: CertificationStatus? = nil
        for (action, to, on, expires) in events {
            try await CertificationEvent(certificationID: c.requireID(), action: action, from: from, to: to, on: day(on),
                                         expiresOn: expires.map(day), actorID: nil).create(on: app.db)
            from = to
        }
    }

    /// 2025, four active members (two in PDL, two in NOR): Relais Emploi Nantes newly certified
    /// CEDRE, Chantier Nature Vendée renewed CEDRE ISO, Tempo Emploi Caen engaged in CEDRE, the
    /// Caen GES's Qualiopi lapsed on 1 January; a structure that left in 2024 is certified.
    static func example(_ app: Application, _ f: Fixtures) async throws {
        try await certification(app, f.inPDL, "CEDRE", [("create", .engaged, "2024-05-01", nil), ("plan_audit", .auditPlanned, "2024-11-01", nil),
                                                        ("certify", .certified, "2025-03-01", "2028-03-01")])
        try await certification(app, f.otherPDL, "CEDRE-ISO", [("create", .engaged, "2021-01-01", nil), ("certify", .certified, "2022-06-01", "2025-06-01"),
                                                                ("renew", .renewed, "2025-05-20", "2028-06-01")])
        try await certification(app, f.entityNOR, "CEDRE", [("create", .engaged, "2025-02-01", nil)])
        try await certification(app, f.gesNOR, "QUALIOPI", [("create", .engaged, "2021-01-01", nil), ("certify", .certified, "2021-12-31", "2024-12-31"),
                                                            ("lapse", .lapsed, "2025-01-01", nil)])
        let gone = try await MembersFactory.makeStructure(on: app.db, name: "Ancienne Régie Angers", department: "49", membership: nil)
        try await MembersFactory.makeMembership(on: app.db, structure: gone, joinedOn: "2015-01-01", leftOn: "2024-06-30")
        try await certification(app, gone, "CEDRE", [("create", .engaged, "2022-01-01", nil), ("certify", .certified, "2023-01-10", "2026-01-10")])
    }

    @Test("2025 from the events: by standard, share over active members at 31 December, by delegation, the list")
    func figures() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await Self.example(app, f)
            let map = try await NetworkMap.load(on: app.db, year: 2025)
            // MUT
            let records = try await QualityFiguresQueries.records(through: 2025, on: app.db)
            let members = try await QualityFiguresQueries.members(at: 2025, on: app.db)
            let y = CertificationFigures.year(2025, records: records, members: members, standards: ["CEDRE", "CEDRE-ISO", "QUALIOPI"])
            let pdl = CertificationFigures.year(2025, records: records, members: members, delegation: "PDL",
                                                delegationOf: { map.delegation(ofDepartment: $0)?.code })
            // validate
            #expect(members.count == 4)
            #expect(y.row("CEDRE") == .init(key: "CEDRE", certified: 2, newlyCertified: 1, renewed: 0, engaged: 3))
            #expect(y.row("CEDRE-ISO") == .init(key: "CEDRE-ISO", certified: 1, newlyCertified: 0, renewed: 1, engaged: 1))
            #expect(y.row("QUALIOPI") == .init(key: "QUALIOPI"))
            #expect(y.total == .init(key: "total", certified: 3, newlyCertified: 1, renewed: 1, engaged: 4))
            #expect(y.certifiedMembers == 2 && y.shareText() == "50\u{202F}%")
            #expect(pdl.members == 2 && pdl.total.certified == 3 && pdl.certifiedMembers == 2 && pdl.shareText() == "100\u{202F}%")
            #expect(CertificationFigures.listed(2025, records: records).count == 2)
        }
    }

    @Test("the page: counts, share, delegations, three years, the list by delegation; a delegation; bad values fall back")
    func page() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Self.day("2026-12-01").noonInParis))
            let f = try await Fixtures.load(on: app)
            try await Self.example(app, f)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.quality(.figures), query: ["annee": "2025"])
            let nor = try await admin.get(.quality(.figures), query: ["annee": "2025", "delegation": "NOR"])
            let bad = try await admin.get(.quality(.figures), query: ["annee": "2099", "delegation": "XYZ"])
            let member = try await f.browser(app, as: .member).get(.quality(.figures), query: ["annee": "2025"])
            let anonymous = try await f.browser(app, as: .anonymous).get(.quality(.figures))
            // validate
            #expect(page.status == .ok)
            for text in ["Certifications 2025 — Réseau", "Adhérents certifiés au 31/12/2025", "Part des adhérents certifiés", "50\u{202F}%",
                         "2 sur 4 adhérents actifs au 31/12/2025", "dont 1 en démarche", "CEDRE ISO 9001", "Pays de la Loire", "Normandie",
                         "100\u{202F}%", "Adhérents certifiés ou renouvelés en 2025", "Relais Emploi Nantes", "Chantier Nature Vendée",
                         "Certifiée", "Renouvelée", "01/03/2025", "20/05/2025", "id=\"figures-history\"", "<th scope=\"row\">2023</th>"] {
                #expect(page.body.contains(text.replacingOccurrences(of: "'", with: "&#39;")), "\(text)")
            }
            #expect(!page.body.contains("Tempo Emploi Caen"))   // engaged only: not in the list
            #expect(nor.status == .ok && nor.body.contains("Certifications 2025 — Délégation Normandie"))
            #expect(!nor.body.contains("id=\"figures-delegations\"") && !nor.body.contains("Relais Emploi Nantes"))
            #expect(nor.body.contains("0\u{202F}%"))
            #expect(bad.status == .ok && bad.body.contains("id=\"figures-notice\"") && bad.body.contains("Certifications 2026 — Réseau"))
            #expect(bad.body.contains("Cette délégation n&#39;existe pas en 2026"))
            #expect(member.status == .ok && member.body.contains("50\u{202F}%"))
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
        }
    }
}
