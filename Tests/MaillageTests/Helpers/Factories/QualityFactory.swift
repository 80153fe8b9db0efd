import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Quality records for app tests, written straight to the database with defaults (the standards
/// are seeded by migration 020), so that a test states only what matters to it. Steps under test
/// go through `CertificationService`.
enum QualityFactory {
    /// A seeded standard by its code (CEDRE, CEDRE-ISO, QUALIOPI, CAP-RSE).
    static func standard(_ code: String = "CEDRE", on db: any Database) async throws -> QualityStandard {
        guard let s = try await QualityStandard.query(on: db).filter(\.$code == code).first() else {
            throw QualityFactoryError.unknownStandard(code)
        }
        return s
    }

    enum QualityFactoryError: Error { case unknownStandard(String) }

    /// One step of a made history: the action, its day, and the expiry it sets (certify, renew).
    struct Step: Sendable {
        var action: CertificationAction
        var on: Day
        var expiresOn: Day? = nil
        var auditKind: AuditKind? = nil
        var note: String = ""
    }

    /// A certification in `status` with its events at the given days. Without `steps`, the history
    /// is made from `engagedOn`, `certifiedOn` and `expiresOn` as the status needs it.
    @discardableResult
    static func makeCertification(on db: any Database, structure: Structure, standard code: String = "CEDRE",
                                  status: CertificationStatus = .certified, engagedOn: Day = Day(year: 2022, month: 9, day: 1)!,
                                  certifiedOn: Day? = Day(year: 2023, month: 3, day: 12)!, expiresOn: Day? = nil,
                                  auditOn: Day? = nil, auditKind: AuditKind? = nil, renewals: Int = 0,
                                  body: String = "AFNOR Certification", auditor: String = "Claire Audit",
                                  steps: [Step]? = nil) async throws -> Certification {
        let standard = try await standard(code, on: db)
        let c = Certification(structureID: try structure.requireID(), standardID: try standard.requireID(), engagedOn: engagedOn,
                              body: body, auditor: auditor)
        let holds: Set<CertificationStatus> = [.certified, .renewed, .suspended, .lapsed]
        let expiry = expiresOn ?? certifiedOn.map { CertificationDates.expiry(decision: $0, cycleYears: standard.cycleYears) }
        if holds.contains(status) || (status == .withdrawn && certifiedOn != nil) {
            c.certifiedOn = certifiedOn?.iso
            c.decisionOn = certifiedOn?.iso
            c.expiresOn = expiry?.iso
        }
        c.status = status.rawValue
        c.auditOn = auditOn?.iso
        c.auditKind = auditKind?.rawValue
        c.renewals = renewals
        try await c.create(on: db)
        let id = try c.requireID()
        let history = steps ?? defaultSteps(status: status, engagedOn: engagedOn, certifiedOn: certifiedOn, expiresOn: expiry)
        var from: CertificationStatus? = nil
        var state = CertificationStatus.engaged
        try await CertificationEvent(certificationID: id, action: CertificationAction.create.rawValue, from: nil, to: .engaged,
                                     on: engagedOn, actorID: nil).create(on: db)
        from = .engaged
        for step in history where step.action != .create {
            let to = CertificationWorkflow.target(step.action, from: state, renewals: 0)
            try await CertificationEvent(certificationID: id, action: step.action.rawValue, from: from, to: to, on: step.on,
                                         expiresOn: step.expiresOn, auditKind: step.auditKind, note: step.note, actorID: nil).create(on: db)
            from = to
            state = to
        }
        return c
    }

    static func defaultSteps(status: CertificationStatus, engagedOn: Day, certifiedOn: Day?, expiresOn: Day?) -> [Step] {
        guard let certifiedOn else {
            return status == .auditPlanned ? [Step(action: .planAudit, on: engagedOn, auditKind: .initial)] : []
        }
        var steps = [Step(action: .planAudit, on: engagedOn, auditKind: .initial), Step(action: .certify, on: certifiedOn, expiresOn: expiresOn)]
        switch status {
        case .suspended: steps.append(Step(action: .suspend, on: certifiedOn.adding(days: 30), note: "Écart majeur"))
        case .lapsed: if let e = expiresOn { steps.append(Step(action: .lapse, on: e.adding(days: 1), expiresOn: e)) }
        case .withdrawn: steps.append(Step(action: .withdraw, on: certifiedOn.adding(days: 60), note: "Fin de la démarche"))
        default: break
        }
        return steps
    }

    @discardableResult
    static func makeMockAudit(on db: any Database, structure: Structure, standard code: String = "CEDRE",
                              heldOn: Day = Day(year: 2026, month: 10, day: 5)!, auditorID: UUID? = nil,
                              auditorName: String = "Test delegate", readiness: MockAuditReadiness = .almost,
                              strengths: String = "Accueil structuré.", findings: String = "Livret d'accueil à mettre à jour.",
                              recommendations: String = "Formaliser les entretiens de suivi.") async throws -> MockAudit {
        let standard = try await standard(code, on: db)
        let m = MockAudit()
        m.$structure.id = try structure.requireID()
        m.$standard.id = try standard.requireID()
        m.heldOn = heldOn.iso
        m.$auditorUser.id = auditorID
        m.auditorName = auditorName
        m.readiness = readiness.rawValue
        m.strengths = strengths
        m.findings = findings
        m.recommendations = recommendations
        try await m.create(on: db)
        return m
    }
}
