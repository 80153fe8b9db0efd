import Fluent
import Foundation
import MaillageCore
import Vapor

/// Mock audits (« audits blancs »): a delegate (or a national admin) records one held with a
/// member; the member's managers, its delegate and admins read it.
enum MockAuditController {
    static func new(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        let user = try await req.authorize(structure)
        let today = Day.today(now: req.services.clock.now)
        let standards = try await activeStandards(req)
        var form = ["mock_held_on": today.french, "mock_auditor": user.displayName]
        form["mock_standard"] = standards.first?.id?.uuidString
        return try await renderNew(req, structure, standards: standards, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        let user = try await req.authorize(structure)
        let sid = try structure.requireID()
        let values = CertificationForms.values(from: (try? req.content.decode([String: String].self)) ?? [:], fields: MockAuditInput.fields)
        let outcome: Result<Maillage.MockAudit, FormRefusal>
        switch MockAuditInput.parse(values, today: Day.today(now: req.services.clock.now)) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await MockAuditService.create(input, structureID: sid, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal):
            return try await renderNew(req, structure, standards: try await activeStandards(req), form: values, errors: refusal.errors,
                                       status: .unprocessableEntity)
        case .success(let m):
            req.flash("Audit blanc enregistré.")
            return req.redirect(to: QualityURL.mockAudit(sid, try m.requireID()).path, redirectType: .normal)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        try await req.authorize(structure)
        let sid = try structure.requireID()
        guard let id = req.parameters.get("mockAuditID", as: UUID.self),
              let m = try await Maillage.MockAudit.query(on: req.db).filter(\.$id == id).filter(\.$structure.$id == sid).first(),
              let standard = try await QualityStandard.find(m.$standard.id, on: req.db) else { throw Abort(.notFound) }
        let page = MockAuditPage(
            structureName: structure.name, qualityHref: try await req.link(to: QualityURL.structure(sid), on: structure),
            standardName: standard.name, day: m.heldOnValue?.french ?? m.heldOn, auditor: m.auditorName,
            readiness: m.readinessValue.label, readinessCode: m.readinessValue.rawValue,
            strengths: TextParagraphs.split(m.strengths).nonEmpty, findings: TextParagraphs.split(m.findings).nonEmpty,
            recommendations: TextParagraphs.split(m.recommendations).nonEmpty)
        return try await req.renderPage("quality/mock-audit", title: "Audit blanc \(standard.name) — \(structure.name)", page)
    }

    private static func activeStandards(_ req: Request) async throws -> [QualityStandard] {
        try await QualityStandard.query(on: req.db).filter(\.$active == true).all().sorted { ($0.position, $0.code) < ($1.position, $1.code) }
    }

    private static func renderNew(_ req: Request, _ structure: Structure, standards: [QualityStandard], form: [String: String],
                                  errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let sid = try structure.requireID()
        let page = MockAuditNewPage(
            structureName: structure.name, qualityHref: try await req.link(to: QualityURL.structure(sid), on: structure),
            action: try await req.link(to: QualityURL.createMockAudit(sid), on: structure), form: form, errors: errors,
            standards: standards.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id?.uuidString == form["mock_standard"]) },
            readiness: MockAuditReadiness.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["mock_readiness"]) })
        return try await req.renderPage("quality/mock-audit-new", title: "Audit blanc — \(structure.name)", page, status: status)
    }
}
