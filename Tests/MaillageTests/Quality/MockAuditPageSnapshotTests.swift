import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The mock audit form and page, from page models built by hand (no database).
@Suite("Quality mock audit page snapshots", .snapshots(record: PageRenderer.record))
struct MockAuditPageSnapshotTests {
    typealias D = SnapshotData

    @Test("recording a mock audit, with errors")
    func new() async throws {
        var errors = FieldErrors()
        errors.add("mock_readiness", "Choisissez où en est la structure.")
        errors.add("mock_findings", "Indiquez les écarts constatés (ou « Aucun écart »).")
        let page = MockAuditNewPage(
            structureName: "Relais Emploi Nantes", qualityHref: "/qualite/structures/\(D.uuid(1))",
            action: "/qualite/structures/\(D.uuid(1))/audits-blancs/nouveau",
            form: ["mock_held_on": "06/12/2026", "mock_auditor": "Dominique Leroy", "mock_standard": D.uuid(50).uuidString], errors: errors,
            standards: [.init(value: D.uuid(50).uuidString, label: "CEDRE", selected: true)],
            readiness: MockAuditReadiness.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: false) })
        let html = try await PageRenderer.render("quality/mock-audit-new", title: "Audit blanc", page, user: D.delegate)
        assertSnapshot(of: html, as: .lines, named: "errors")
    }

    @Test("a mock audit's page")
    func show() async throws {
        let page = MockAuditPage(
            structureName: "Relais Emploi Nantes", qualityHref: "/qualite/structures/\(D.uuid(1))", standardName: "CEDRE",
            day: "02/12/2026", auditor: "Dominique Leroy", readiness: "Quelques écarts à lever", readinessCode: "almost",
            strengths: ["Accueil structuré."], findings: ["Livret d'accueil à mettre à jour.", "Suivi des entretiens irrégulier."],
            recommendations: nil)
        let html = try await PageRenderer.render("quality/mock-audit", title: "Audit blanc", page, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "member")
    }
}
