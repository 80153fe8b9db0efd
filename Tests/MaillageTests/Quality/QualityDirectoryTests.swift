import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// What the register shows of certifications: the public directory the labels held now of
/// standards marked public; the structure page its labels, its lapsed certifications flagged
/// and the link to its quality page when the person may follow it.
@Suite("Quality labels in the register")
struct QualityDirectoryTests {
    @Test("the public directory shows the public labels held now, never a lapsed, suspended or non-public one")
    func publicDirectory() async throws {
        try await withMaillage { app in
            let f = try await CertificationTests.world(app)
            try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "CEDRE", status: .certified,
                                                       certifiedOn: Day(year: 2025, month: 3, day: 12)!)
            try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "QUALIOPI", status: .renewed,
                                                       certifiedOn: Day(year: 2025, month: 6, day: 1)!)
            try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL, standard: "CEDRE", status: .lapsed,
                                                       certifiedOn: Day(year: 2023, month: 3, day: 12)!)
            try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL, standard: "CEDRE-ISO", status: .suspended,
                                                       certifiedOn: Day(year: 2025, month: 3, day: 12)!)
            // A certified one whose expiry passed (not yet taken note of) is not shown either.
            try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL, standard: "QUALIOPI", status: .certified,
                                                       certifiedOn: Day(year: 2023, month: 1, day: 2)!)
            let qualiopi = try await QualityFactory.standard("QUALIOPI", on: app.db)
            qualiopi.publicLabel = false
            try await qualiopi.save(on: app.db)
            // MUT
            let page = try await TestBrowser(app).get(.publicDirectory)
            // validate
            #expect(page.status == .ok)
            let rowA = try #require(page.body.components(separatedBy: "<tr>").first { $0.contains("Relais Emploi Nantes") })
            #expect(rowA.contains("label-quality\">CEDRE<") && !rowA.contains("Qualiopi"))
            let rowC = try #require(page.body.components(separatedBy: "<tr>").first { $0.contains("Chantier Nature Vendée") })
            #expect(!rowC.contains("label-quality"))
            let labels = try await QualityStructureSummary.publicLabels(of: [try f.inPDL.requireID(), try f.otherPDL.requireID()],
                                                                        today: Day(year: 2026, month: 12, day: 6)!, on: app.db)
            #expect(labels == [try f.inPDL.requireID(): ["CEDRE"]])
        }
    }

    @Test("the structure page's « Qualité » section: labels held, a lapsed one flagged, the link when allowed")
    func structurePage() async throws {
        try await withMaillage { app in
            let f = try await CertificationTests.world(app)
            try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "QUALIOPI", status: .certified,
                                                       certifiedOn: Day(year: 2025, month: 6, day: 1)!)
            try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "CEDRE", status: .lapsed,
                                                       certifiedOn: Day(year: 2023, month: 3, day: 11)!)
            // MUT
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(.structure(try f.inPDL.requireID()))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("Qualiopi (jusqu&#39;au 01/06/2028)") || page.body.contains("Qualiopi (jusqu'au 01/06/2028)"))
            #expect(page.body.contains("Certification CEDRE échue depuis le 12/03/2026"))
            #expect(page.body.contains(QualityURL.structure(try f.inPDL.requireID()).path))
            // A jurist sees the structure and its labels, without the quality page's link.
            let jurist = try await f.browser(app, as: .jurist)
            let seen = try await jurist.get(.structure(try f.inPDL.requireID()))
            #expect(seen.status == .ok && seen.body.contains("Certification CEDRE échue"))
            #expect(!seen.body.contains("structure-quality-link"))
            // A structure without certification and a reader without the quality page: no section.
            let plain = try await jurist.get(.structure(try f.otherPDL.requireID()))
            #expect(!plain.body.contains("id=\"quality\""))
        }
    }
}
