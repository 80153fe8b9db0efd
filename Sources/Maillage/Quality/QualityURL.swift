import Foundation
import Vapor

/// The quality routes (`/qualite`), inside the one route table as `SiteURL.quality(_)`. Routes about
/// one structure carry its `structureID` first, so `req.authorize(structure)` decides them.
enum QualityURL: Sendable {
    // Overview, follow-up of expiries and audits, yearly figures.
    case home, followUp, figures
    // Standards (national admins).
    case standards, newStandard, createStandard, editStandard(Parameter<UUID>), updateStandard(Parameter<UUID>)
    // A structure's quality page, its certifications, their steps and documents, mock audits.
    case structure(Parameter<UUID>)
    case newCertification(Parameter<UUID>), createCertification(Parameter<UUID>)
    case certification(Parameter<UUID>, Parameter<UUID>)
    case certificationStep(Parameter<UUID>, Parameter<UUID>, Parameter<String>)
    case submitCertificationStep(Parameter<UUID>, Parameter<UUID>, Parameter<String>)
    case uploadCertificationDocument(Parameter<UUID>, Parameter<UUID>)
    case certificationDocument(Parameter<UUID>, Parameter<UUID>, Parameter<UUID>)
    case newMockAudit(Parameter<UUID>), createMockAudit(Parameter<UUID>)
    case mockAudit(Parameter<UUID>, Parameter<UUID>)
    // The CAP self-assessment: questionnaires per year (admins), a structure's assessment and
    // results for a year, its action plan.
    case questionnaires, createQuestionnaire
    case questionnaire(Parameter<Int>), updateQuestionnaire(Parameter<Int>)
    case assessment(Parameter<UUID>, Parameter<Int>), saveAssessment(Parameter<UUID>, Parameter<Int>)
    case assessmentResults(Parameter<UUID>, Parameter<Int>)
    case actionPlan(Parameter<UUID>), createAction(Parameter<UUID>), updateAction(Parameter<UUID>, Parameter<UUID>)
}

extension QualityURL {
    /// The largest request carrying a certification document: the file (12 MB at most,
    /// `CertificationForms`) and the form's other fields.
    static let maxUpload: ByteCount = ByteCount(value: 13 * 1024 * 1024)

    var method: HTTPMethod {
        switch self {
        case .createStandard, .updateStandard, .createCertification, .submitCertificationStep, .uploadCertificationDocument,
             .createMockAudit, .createQuestionnaire, .updateQuestionnaire, .saveAssessment, .createAction, .updateAction:
            .POST
        default:
            .GET
        }
    }

    var rule: Rule {
        switch self {
        case .home: .followQuality
        case .followUp: .supervise
        case .figures: .holdsRole
        case .standards, .newStandard, .createStandard, .editStandard, .updateStandard,
             .questionnaires, .createQuestionnaire, .questionnaire, .updateQuestionnaire:
            .administer
        case .structure, .certification, .certificationDocument, .mockAudit, .assessment, .assessmentResults,
             .actionPlan, .createAction, .updateAction:
            .seeMemberProgress
        case .newCertification, .createCertification, .certificationStep, .submitCertificationStep,
             .uploadCertificationDocument, .newMockAudit, .createMockAudit:
            .supervise
        case .saveAssessment: .fillSelfAssessment
        }
    }

    var uploadLimit: ByteCount? {
        switch self {
        case .uploadCertificationDocument: Self.maxUpload
        default: nil
        }
    }

    var segments: [String] {
        let root = "qualite"
        switch self {
        case .home: return [root]
        case .followUp: return [root, "echeances"]
        case .figures: return [root, "chiffres"]
        case .standards: return [root, "referentiels"]
        case .newStandard, .createStandard: return [root, "referentiels", "nouveau"]
        case .editStandard(let s), .updateStandard(let s): return [root, "referentiels", s.segment("standardID"), "modifier"]
        case .structure(let s): return [root, "structures", s.segment("structureID")]
        case .newCertification(let s), .createCertification(let s):
            return [root, "structures", s.segment("structureID"), "certifications", "nouvelle"]
        case .certification(let s, let c):
            return [root, "structures", s.segment("structureID"), "certifications", c.segment("certificationID")]
        case .certificationStep(let s, let c, let step), .submitCertificationStep(let s, let c, let step):
            return [root, "structures", s.segment("structureID"), "certifications", c.segment("certificationID"), "etapes", step.segment("step")]
        case .uploadCertificationDocument(let s, let c):
            return [root, "structures", s.segment("structureID"), "certifications", c.segment("certificationID"), "documents"]
        case .certificationDocument(let s, let c, let d):
            return [root, "structures", s.segment("structureID"), "certifications", c.segment("certificationID"), "documents", d.segment("documentID")]
        case .newMockAudit(let s), .createMockAudit(let s):
            return [root, "structures", s.segment("structureID"), "audits-blancs", "nouveau"]
        case .mockAudit(let s, let m):
            return [root, "structures", s.segment("structureID"), "audits-blancs", m.segment("mockAuditID")]
        case .questionnaires, .createQuestionnaire: return [root, "cap", "questionnaires"]
        case .questionnaire(let y), .updateQuestionnaire(let y): return [root, "cap", "questionnaires", y.segment("year")]
        case .assessment(let s, let y), .saveAssessment(let s, let y):
            return [root, "structures", s.segment("structureID"), "cap", y.segment("year")]
        case .assessmentResults(let s, let y):
            return [root, "structures", s.segment("structureID"), "cap", y.segment("year"), "resultats"]
        case .actionPlan(let s), .createAction(let s): return [root, "structures", s.segment("structureID"), "plan-actions"]
        case .updateAction(let s, let a): return [root, "structures", s.segment("structureID"), "plan-actions", a.segment("actionID")]
        }
    }
}

/// The steps of a certification as they appear in its URLs.
enum CertificationStepName: String, CaseIterable, Sendable {
    case planAudit = "programmer-audit", certify = "certifier", recordSurveillance = "surveillance", renew = "renouveler",
         suspend = "suspendre", reinstate = "retablir", withdraw = "retirer", lapse = "constater-echeance"
}

// Links with values: `QualityURL.certification(s, c)` → `SiteURL.quality(.certification(.value(s), .value(c)))`.
extension QualityURL {
    static var start: SiteURL { .quality(.home) }
    static func editStandard(_ id: UUID) -> SiteURL { .quality(.editStandard(.value(id))) }
    static func updateStandard(_ id: UUID) -> SiteURL { .quality(.updateStandard(.value(id))) }
    static func structure(_ id: UUID) -> SiteURL { .quality(.structure(.value(id))) }
    static func newCertification(_ s: UUID) -> SiteURL { .quality(.newCertification(.value(s))) }
    static func createCertification(_ s: UUID) -> SiteURL { .quality(.createCertification(.value(s))) }
    static func certification(_ s: UUID, _ c: UUID) -> SiteURL { .quality(.certification(.value(s), .value(c))) }
    static func certificationStep(_ s: UUID, _ c: UUID, _ step: CertificationStepName) -> SiteURL {
        .quality(.certificationStep(.value(s), .value(c), .value(step.rawValue)))
    }
    static func submitCertificationStep(_ s: UUID, _ c: UUID, _ step: CertificationStepName) -> SiteURL {
        .quality(.submitCertificationStep(.value(s), .value(c), .value(step.rawValue)))
    }
    static func uploadCertificationDocument(_ s: UUID, _ c: UUID) -> SiteURL { .quality(.uploadCertificationDocument(.value(s), .value(c))) }
    static func certificationDocument(_ s: UUID, _ c: UUID, _ d: UUID) -> SiteURL { .quality(.certificationDocument(.value(s), .value(c), .value(d))) }
    static func newMockAudit(_ s: UUID) -> SiteURL { .quality(.newMockAudit(.value(s))) }
    static func createMockAudit(_ s: UUID) -> SiteURL { .quality(.createMockAudit(.value(s))) }
    static func mockAudit(_ s: UUID, _ m: UUID) -> SiteURL { .quality(.mockAudit(.value(s), .value(m))) }
    static func questionnaire(_ year: Int) -> SiteURL { .quality(.questionnaire(.value(year))) }
    static func updateQuestionnaire(_ year: Int) -> SiteURL { .quality(.updateQuestionnaire(.value(year))) }
    static func assessment(_ s: UUID, _ year: Int) -> SiteURL { .quality(.assessment(.value(s), .value(year))) }
    static func saveAssessment(_ s: UUID, _ year: Int) -> SiteURL { .quality(.saveAssessment(.value(s), .value(year))) }
    static func assessmentResults(_ s: UUID, _ year: Int) -> SiteURL { .quality(.assessmentResults(.value(s), .value(year))) }
    static func actionPlan(_ s: UUID) -> SiteURL { .quality(.actionPlan(.value(s))) }
    static func createAction(_ s: UUID) -> SiteURL { .quality(.createAction(.value(s))) }
    static func updateAction(_ s: UUID, _ a: UUID) -> SiteURL { .quality(.updateAction(.value(s), .value(a))) }
}
