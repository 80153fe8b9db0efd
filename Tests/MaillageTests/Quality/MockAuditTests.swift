import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Mock audits (« audits blancs »): the delegate records one (French errors by field, the
/// auditor's name defaulting to theirs), it is audited and listed on the structure's quality
/// page; the member reads it; nobody else's structure.
@Suite("Quality mock audits")
struct MockAuditTests {
    @Test("the delegate records a mock audit; a bad form is refused by field; the member reads it; other structures' are 404")
    func create() async throws {
        try await withMaillage { app in
            let f = try await CertificationTests.world(app)
            let sid = try f.inPDL.requireID()
            let cedre = try await QualityFactory.standard("CEDRE", on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            let form = try await delegate.get(QualityURL.newMockAudit(sid))
            #expect(form.status == .ok && form.body.contains("value=\"Test delegate\"") && form.body.contains("value=\"06/12/2026\""))
            let bad = try await delegate.post(QualityURL.createMockAudit(sid), form: [
                ("mock_standard", try cedre.requireID().uuidString), ("mock_held_on", "07/12/2026"), ("mock_auditor", ""),
                ("mock_findings", "")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["ne peut être postérieure à aujourd", "Indiquez qui a conduit l", "Choisissez où en est la structure.", "Indiquez les écarts constatés"] {
                #expect(bad.body.contains(message), "\(message)")
            }
            #expect(try await MockAudit.query(on: app.db).count() == 0)
            // MUT
            let good = try await delegate.post(QualityURL.createMockAudit(sid), form: [
                ("mock_standard", try cedre.requireID().uuidString), ("mock_held_on", "02/12/2026"), ("mock_auditor", "Test delegate"),
                ("mock_readiness", "almost"), ("mock_strengths", "Accueil structuré."), ("mock_findings", "Livret d'accueil à jour ?\nSuivi des entretiens."),
                ("mock_recommendations", "")])
            // validate
            #expect(good.status == .seeOther)
            let m = try #require(try await MockAudit.query(on: app.db).first())
            #expect(m.heldOn == "2026-12-02" && m.readinessValue == .almost && m.$auditorUser.id == f.users[.delegate])
            #expect(good.location == QualityURL.mockAudit(sid, try m.requireID()).path)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "quality.mock_audit.create").count() == 1)
            #expect(AuditPresentation.kindLabel("quality.mock_audit.create") == "Audit blanc enregistré")
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(QualityURL.mockAudit(sid, try m.requireID()))
            #expect(page.status == .ok && page.body.contains("Quelques écarts à lever") && page.body.contains("Suivi des entretiens."))
            let quality = try await member.get(QualityURL.structure(sid))
            #expect(quality.body.contains("02/12/2026") && !quality.body.contains("mock-audit-new"))
            #expect(try await member.get(QualityURL.newMockAudit(sid)).status == .forbidden)
            let other = try await QualityFactory.makeMockAudit(on: app.db, structure: f.otherPDL)
            #expect(try await delegate.get(QualityURL.mockAudit(sid, try other.requireID())).status == .notFound)
            #expect(try await member.get(QualityURL.mockAudit(try f.otherPDL.requireID(), try other.requireID())).status == .notFound)
            let normandy = try await QualityFactory.makeMockAudit(on: app.db, structure: f.gesNOR)
            #expect(try await delegate.get(QualityURL.mockAudit(try f.gesNOR.requireID(), try normandy.requireID())).status == .notFound)
            #expect(try await delegate.post(QualityURL.createMockAudit(try f.gesNOR.requireID()), form: []).status == .notFound)
        }
    }
}
