import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, item 2: the follow-up list of expiries and audits in the next months and of the
/// lapses of the last twelve; national with a delegation filter, a delegate's own delegation only.
@Suite("Quality follow-up")
struct QualityFollowUpTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func certification(_ app: Application, _ structure: Structure, _ code: String, status: CertificationStatus = .certified,
                              expiresOn: String?, auditOn: String? = nil) async throws {
        let standard = try await QualityStandard.query(on: app.db).filter(\.$code == code).first()!
        let c = Certification(structureID: try structure.requireID(), standardID: try standard.requireID(), engagedOn: day("2023-01-10"))
        c.status = status.rawValue
        c.expiresOn = expiresOn
        c.auditOn = auditOn
        c.auditKind = auditOn == nil ? nil : AuditKind.surveillance.rawValue
        try await c.create(on: app.db)
    }

    /// Today 1 January 2027: an expiry in two months (PDL), an audit in four months (PDL), an expiry
    /// in one month (NOR), a lapse in June 2026 (NOR), a withdrawn one and an old lapse (not listed).
    static func example(_ app: Application) async throws -> Fixtures {
        app.services = AppServices(config: app.config, clock: FixedClock(day("2027-01-01").noonInParis))
        let f = try await Fixtures.load(on: app)
        try await certification(app, f.inPDL, "CEDRE", expiresOn: "2027-03-01")
        try await certification(app, f.otherPDL, "QUALIOPI", expiresOn: "2029-05-01", auditOn: "2027-05-10")
        try await certification(app, f.entityNOR, "CEDRE", expiresOn: "2027-02-01")
        try await certification(app, f.gesNOR, "CEDRE", status: .lapsed, expiresOn: "2026-06-30")
        try await certification(app, f.gesNOR, "QUALIOPI", status: .withdrawn, expiresOn: "2027-01-20")
        try await certification(app, f.otherPDL, "CEDRE", status: .lapsed, expiresOn: "2025-06-30")
        return f
    }

    static func rows(_ body: String) -> Int { body.components(separatedBy: "<tr").count - 2 }

    @Test("national: every delegation, the horizon, the kind and the delegation filters; CSV of every row")
    func national() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.example(app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let all = try await admin.get(.quality(.followUp))
            let three = try await admin.get(.quality(.followUp), query: ["mois": "3"])
            let nor = try await admin.get(.quality(.followUp), query: ["delegation": "NOR"])
            let lapsed = try await admin.get(.quality(.followUp), query: ["quoi": "echue"])
            let bad = try await admin.get(.quality(.followUp), query: ["mois": "7", "quoi": "x", "delegation": "ZZZ", "sort": "nope"])
            let csv = try await admin.get(.quality(.followUp), query: ["format": "csv"])
            let xlsx = try await admin.get(.quality(.followUp), query: ["format": "xlsx", "delegation": "NOR"])
            // validate
            #expect(all.status == .ok && Self.rows(all.body) == 4)
            for text in ["Échéances des certifications", "Relais Emploi Nantes", "Chantier Nature Vendée", "Tempo Emploi Caen",
                         "Groupe Solidaire Caen", "Audit de surveillance", "Certification échue", "01/03/2027", "(dans 59 jours)",
                         "4 échéances", "id=\"follow-up-delegation\""] {
                #expect(all.body.contains(text), "\(text)")
            }
            #expect(Self.rows(three.body) == 3 && !three.body.contains("Audit de surveillance</td>"))
            #expect(Self.rows(nor.body) == 2 && !nor.body.contains("Relais Emploi Nantes"))
            #expect(Self.rows(lapsed.body) == 1 && lapsed.body.contains("Groupe Solidaire Caen"))
            #expect(bad.status == .ok && Self.rows(bad.body) == 4)
            #expect(csv.status == .ok && csv.body.hasPrefix("\u{FEFF}"))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Date;Structure;SIRET;Référentiel;Échéance;Délégation;État;Jours restants")
            #expect(lines.count == 5)
            #expect(lines[1].hasPrefix("30/06/2026;Groupe Solidaire Caen;") || lines[1].hasPrefix("2026-06-30;Groupe Solidaire Caen;"))
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains("echeances-qualite-delegation-nor") == true)
        }
    }

    @Test("a delegate sees their delegation only, whatever the filter; a member and a board member are refused")
    func delegate() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.example(app)
            // MUT
            let own = try await f.browser(app, as: .delegate).get(.quality(.followUp))
            let other = try await f.browser(app, as: .delegate).get(.quality(.followUp), query: ["delegation": "NOR"])
            let member = try await f.browser(app, as: .member).get(.quality(.followUp))
            let board = try await f.browser(app, as: .board).get(.quality(.followUp))
            // validate
            #expect(own.status == .ok && Self.rows(own.body) == 2)
            #expect(own.body.contains("de la délégation Pays de la Loire") && !own.body.contains("id=\"follow-up-delegation\""))
            for body in [own.body, other.body] { #expect(!body.contains("Caen")) }
            #expect(Self.rows(other.body) == 2)
            #expect(member.status == .forbidden && board.status == .forbidden)
        }
    }
}
