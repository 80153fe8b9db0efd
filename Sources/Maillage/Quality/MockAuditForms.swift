import Fluent
import Foundation
import MaillageCore

/// A posted mock audit (« audit blanc »): standard, day, auditor's name, readiness, strengths,
/// findings, recommendations. Every problem at once.
struct MockAuditInput: Sendable {
    var standardID: UUID
    var heldOn: Day
    var auditorName: String
    var readiness: MockAuditReadiness
    var strengths: String
    var findings: String
    var recommendations: String

    static let fields = ["mock_standard", "mock_held_on", "mock_auditor", "mock_readiness", "mock_strengths", "mock_findings",
                         "mock_recommendations"]

    static let labels: [String: String] = [
        "mock_standard": "Référentiel", "mock_held_on": "Date de l'audit blanc", "mock_auditor": "Auditeur ou auditrice",
        "mock_readiness": "Préparation", "mock_strengths": "Points forts", "mock_findings": "Écarts constatés",
        "mock_recommendations": "Recommandations",
    ]

    static func parse(_ v: [String: String], today: Day) -> Result<MockAuditInput, FormRefusal> {
        var errors = FieldErrors()
        let standardID = UUID(uuidString: v["mock_standard", default: ""])
        if standardID == nil { errors.add("mock_standard", "Choisissez un référentiel dans la liste.") }
        let held = CertificationForms.day(v, "mock_held_on", required: "Indiquez la date de l'audit blanc (jj/mm/aaaa).", today: today, errors: &errors)
        if let held, held > today { errors.add("mock_held_on", "L'audit blanc se saisit une fois tenu : la date ne peut être postérieure à aujourd'hui.") }
        let auditor = CertificationForms.text(v, "mock_auditor", label: "Le nom", max: CertificationService.maxText,
                                              required: "Indiquez qui a conduit l'audit blanc.", errors: &errors)
        let readiness = MockAuditReadiness(rawValue: v["mock_readiness", default: ""])
        if readiness == nil { errors.add("mock_readiness", "Choisissez où en est la structure.") }
        let strengths = CertificationForms.text(v, "mock_strengths", label: "Le texte", max: CertificationService.maxNote, required: nil, errors: &errors)
        let findings = CertificationForms.text(v, "mock_findings", label: "Le texte", max: CertificationService.maxNote,
                                               required: "Indiquez les écarts constatés (ou « Aucun écart »).", errors: &errors)
        let recommendations = CertificationForms.text(v, "mock_recommendations", label: "Le texte", max: CertificationService.maxNote,
                                                      required: nil, errors: &errors)
        guard errors.isEmpty, let standardID, let held, let readiness else { return .failure(FormRefusal(errors: errors)) }
        return .success(MockAuditInput(standardID: standardID, heldOn: held, auditorName: auditor, readiness: readiness,
                                       strengths: strengths, findings: findings, recommendations: recommendations))
    }
}

/// Records a mock audit with its audit entry (`quality.mock_audit.create`) in one transaction.
enum MockAuditService {
    static func create(_ input: MockAuditInput, structureID: UUID, by actor: CurrentUser, on db: any Database) async throws -> Result<MockAudit, FormRefusal> {
        try await db.writeTransaction { tx in
            guard let standard = try await QualityStandard.find(input.standardID, on: tx), standard.active else {
                return .failure(.init("mock_standard", "Choisissez un référentiel dans la liste."))
            }
            guard let structure = try await Structure.find(structureID, on: tx) else {
                return .failure(.init("mock_standard", "Cette structure n'existe plus."))
            }
            let m = MockAudit()
            m.$structure.id = structureID
            m.$standard.id = try standard.requireID()
            m.heldOn = input.heldOn.iso
            m.$auditorUser.id = actor.id
            m.auditorName = input.auditorName
            m.readiness = input.readiness.rawValue
            m.strengths = input.strengths
            m.findings = input.findings
            m.recommendations = input.recommendations
            try await m.create(on: tx)
            try await Audit.record(.create, "quality.mock_audit.create", id: try m.requireID().uuidString,
                                   summary: "Audit blanc \(standard.name) du \(input.heldOn.french) — \(structure.name)",
                                   after: snapshot(m, standard: standard), actor: actor, on: tx)
            return .success(m)
        }
    }

    static func snapshot(_ m: MockAudit, standard: QualityStandard) -> [String: String] {
        ["structure": m.$structure.id.uuidString, "referentiel": standard.name, "date": m.heldOn, "auditeur": m.auditorName,
         "preparation": m.readiness, "points_forts": m.strengths, "ecarts": m.findings, "recommandations": m.recommendations]
    }
}
