import Fluent
import Foundation
import MaillageCore
import Vapor

/// A structure's quality page (`/qualite/structures/:id`): its certifications (state, dates, next
/// audit, expiry, lapsed flagged), its mock audits, its CAP self-assessments by year, its action
/// plan and supports — each link only when the person may follow it.
enum QualityStructureController {
    static func show(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        try await req.authorize(structure)
        let page = try await QualityStructurePage.build(req, structure)
        return try await req.renderPage("quality/structure", title: "Qualité — \(structure.name)", page)
    }
}

struct QualityStructurePage: Encodable, Sendable {
    struct Certification: Encodable, Sendable, Equatable {
        let standard: String
        let status: String
        let engaged: String
        let nextAudit: String
        let expiry: String
        /// « Échue depuis le 13/03/2026 ».
        let lapsed: String?
        let href: String?
    }
    struct MockAudit: Encodable, Sendable, Equatable {
        let day: String
        let standard: String
        let readiness: String
        let auditor: String
        let href: String?
    }
    struct CapYear: Encodable, Sendable, Equatable {
        let year: String
        let status: String
        let assessmentHref: String?
        let resultsHref: String?
    }

    let name: String
    let registerHref: String?
    let homeHref: String?
    let certifications: [Certification]?
    let newCertificationHref: String?
    let mockAudits: [MockAudit]?
    let newMockAuditHref: String?
    let capYears: [CapYear]?
    /// « Remplir l'auto-diagnostic CAP 2026 », when this year's questionnaire exists and nothing was started.
    let capStart: QualityLink?
    let actionPlanHref: String?
    let supportsHref: String?

    static func build(_ req: Request, _ structure: Structure) async throws -> QualityStructurePage {
        let sid = try structure.requireID()
        let today = Day.today(now: req.services.clock.now)
        let certifications = try await Maillage.Certification.query(on: req.db).filter(\.$structure.$id == sid).all()
        let mocks = try await Maillage.MockAudit.query(on: req.db).filter(\.$structure.$id == sid).all()
            .sorted { $0.heldOn > $1.heldOn }
        let standardIDs = Array(Set(certifications.map(\.$standard.id) + mocks.map(\.$standard.id)))
        let standards = standardIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await QualityStandard.query(on: req.db).filter(\.$id ~~ standardIDs).all().map { ($0.id!, $0) })
        // Live ones first, then by the standards' order.
        let ordered = certifications.sorted {
            ($0.statusValue.isLive ? 0 : 1, standards[$0.$standard.id]?.position ?? 0, $1.engagedOn)
                < ($1.statusValue.isLive ? 0 : 1, standards[$1.$standard.id]?.position ?? 0, $0.engagedOn)
        }
        let assessments = try await CapAssessment.query(on: req.db).filter(\.$structure.$id == sid).all().sorted { $0.year > $1.year }
        let thisYear = try await CapQuestionnaire.query(on: req.db).filter(\.$year == today.year).first()
        var capStart: QualityLink?
        // Offered to who may fill it (the structure's managers): a delegate or an admin only reads it.
        if thisYear != nil, !assessments.contains(where: { $0.year == today.year }),
           try await req.may(.fillSelfAssessment, on: structure),
           let href = try await req.link(to: QualityURL.assessment(sid, today.year), on: structure) {
            capStart = QualityLink(href: href, label: "Remplir l'auto-diagnostic CAP \(today.year)")
        }
        var capYears: [CapYear] = []
        for a in assessments {
            let submitted = a.status == CapAssessmentStatus.submitted.rawValue
            capYears.append(CapYear(
                year: String(a.year), status: CapAssessmentStatus(rawValue: a.status)?.label ?? a.status,
                assessmentHref: try await req.link(to: QualityURL.assessment(sid, a.year), on: structure),
                resultsHref: submitted ? try await req.link(to: QualityURL.assessmentResults(sid, a.year), on: structure) : nil))
        }
        var rows: [Certification] = []
        for c in ordered {
            let name = standards[c.$standard.id]?.name ?? ""
            rows.append(Certification(
                standard: name, status: c.statusValue.label, engaged: c.engagedOnValue?.french ?? c.engagedOn,
                nextAudit: c.auditOnValue.map { $0.french + (c.auditKindValue.map { " (\($0.label.lowercased()))" } ?? "") } ?? "—",
                expiry: c.expiresOnValue?.french ?? "—",
                lapsed: c.statusValue == .lapsed ? c.expiresOnValue.map { "Échue depuis le \($0.adding(days: 1).french)" } ?? "Échue" : nil,
                href: try await req.link(to: QualityURL.certification(sid, c.id!), on: structure)))
        }
        var mockRows: [MockAudit] = []
        for m in mocks {
            mockRows.append(MockAudit(day: m.heldOnValue?.french ?? m.heldOn, standard: standards[m.$standard.id]?.name ?? "",
                                      readiness: m.readinessValue.label, auditor: m.auditorName,
                                      href: try await req.link(to: QualityURL.mockAudit(sid, m.id!), on: structure)))
        }
        return QualityStructurePage(
            name: structure.name, registerHref: try await req.link(to: .structure(sid), on: structure),
            homeHref: req.link(to: QualityURL.start),
            certifications: rows.isEmpty ? nil : rows,
            newCertificationHref: try await req.link(to: QualityURL.newCertification(sid), on: structure),
            mockAudits: mockRows.isEmpty ? nil : mockRows,
            newMockAuditHref: try await req.link(to: QualityURL.newMockAudit(sid), on: structure),
            capYears: capYears.isEmpty ? nil : capYears, capStart: capStart,
            actionPlanHref: try await req.link(to: QualityURL.actionPlan(sid), on: structure),
            supportsHref: try await req.link(to: SupportURL.structure(sid), on: structure))
    }
}
