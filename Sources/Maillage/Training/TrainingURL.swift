import Foundation
import Vapor

/// The training body's routes (`/formations`), inside the one route table as `SiteURL.training(_)`.
enum TrainingURL: Sendable {
    // The catalogue: courses and packs.
    case catalogue
    case newCourse, createCourse
    case course(Parameter<UUID>), editCourse(Parameter<UUID>), updateCourse(Parameter<UUID>)
    case newPack, createPack
    case pack(Parameter<UUID>), editPack(Parameter<UUID>), updatePack(Parameter<UUID>)
    // Sessions and their steps (`step`: confirmer, annuler, terminer, rouvrir).
    case sessions, newSession, createSession
    case session(Parameter<UUID>), editSession(Parameter<UUID>), updateSession(Parameter<UUID>)
    case confirmSessionStep(Parameter<UUID>, Parameter<String>), sessionStep(Parameter<UUID>, Parameter<String>)
    // Registrations.
    case register(Parameter<UUID>), createRegistration(Parameter<UUID>)
    case registrations, registration(Parameter<UUID>), convocation(Parameter<UUID>)
    case confirmCancelRegistration(Parameter<UUID>), cancelRegistration(Parameter<UUID>)
    // Attendance, certificates, satisfaction.
    case attendance(Parameter<UUID>), saveAttendance(Parameter<UUID>)
    case attendanceSheet(Parameter<UUID>), attendanceSheetPDF(Parameter<UUID>)
    case certificate(Parameter<UUID>), certificatePDF(Parameter<UUID>)
    case survey(Parameter<String>), submitSurvey(Parameter<String>)
    // Figures.
    case figures, figuresFile(Parameter<Int>, Parameter<String>)
}

extension TrainingURL {
    var method: HTTPMethod {
        switch self {
        case .createCourse, .updateCourse, .createPack, .updatePack, .createSession, .updateSession, .sessionStep,
             .createRegistration, .cancelRegistration, .saveAttendance, .submitSurvey:
            .POST
        default:
            .GET
        }
    }

    var rule: Rule {
        switch self {
        case .catalogue, .course, .pack, .session, .survey, .submitSurvey: .everyone
        case .newCourse, .createCourse, .editCourse, .updateCourse, .newPack, .createPack, .editPack, .updatePack,
             .newSession, .createSession:
            .manageCatalogue
        case .sessions, .editSession, .updateSession, .confirmSessionStep, .sessionStep,
             .attendance, .saveAttendance, .attendanceSheet, .attendanceSheetPDF:
            .runSessions
        case .register, .createRegistration: .registerTrainees
        case .registrations: .followRegistrations
        case .registration, .convocation, .certificate, .certificatePDF: .seeRegistration
        case .confirmCancelRegistration, .cancelRegistration: .cancelRegistration
        case .figures, .figuresFile: .trainingFigures
        }
    }

    var segments: [String] {
        let root = "formations"
        switch self {
        case .catalogue: return [root]
        case .newCourse, .createCourse: return [root, "cours", "nouveau"]
        case .course(let c): return [root, "cours", c.segment("courseID")]
        case .editCourse(let c), .updateCourse(let c): return [root, "cours", c.segment("courseID"), "modifier"]
        case .newPack, .createPack: return [root, "parcours", "nouveau"]
        case .pack(let p): return [root, "parcours", p.segment("packID")]
        case .editPack(let p), .updatePack(let p): return [root, "parcours", p.segment("packID"), "modifier"]
        case .sessions: return [root, "sessions"]
        case .newSession, .createSession: return [root, "sessions", "nouvelle"]
        case .session(let s): return [root, "sessions", s.segment("sessionID")]
        case .editSession(let s), .updateSession(let s): return [root, "sessions", s.segment("sessionID"), "modifier"]
        case .confirmSessionStep(let s, let step), .sessionStep(let s, let step):
            return [root, "sessions", s.segment("sessionID"), "etapes", step.segment("step")]
        case .register(let s), .createRegistration(let s): return [root, "sessions", s.segment("sessionID"), "inscription"]
        case .attendance(let s), .saveAttendance(let s): return [root, "sessions", s.segment("sessionID"), "emargement"]
        case .attendanceSheet(let s): return [root, "sessions", s.segment("sessionID"), "feuille-emargement"]
        case .attendanceSheetPDF(let s): return [root, "sessions", s.segment("sessionID"), "feuille-emargement.pdf"]
        case .registrations: return [root, "inscriptions"]
        case .registration(let r): return [root, "inscriptions", r.segment("registrationID")]
        case .convocation(let r): return [root, "inscriptions", r.segment("registrationID"), "convocation"]
        case .confirmCancelRegistration(let r), .cancelRegistration(let r): return [root, "inscriptions", r.segment("registrationID"), "annuler"]
        case .certificate(let r): return [root, "inscriptions", r.segment("registrationID"), "attestation"]
        case .certificatePDF(let r): return [root, "inscriptions", r.segment("registrationID"), "attestation.pdf"]
        case .survey(let t), .submitSurvey(let t): return [root, "avis", t.segment("token")]
        case .figures: return [root, "chiffres"]
        case .figuresFile(let y, let f): return [root, "chiffres", y.segment("year"), f.segment("file")]
        }
    }
}

/// The steps of a session as they appear in its URLs.
enum SessionStepName: String, CaseIterable, Sendable {
    case confirm = "confirmer", cancel = "annuler", finish = "terminer", reopen = "rouvrir"

    var action: SessionAction {
        switch self {
        case .confirm: .confirm
        case .cancel: .cancel
        case .finish: .finish
        case .reopen: .reopen
        }
    }
}

// Links with values: `TrainingURL.session(id)` → `SiteURL.training(.session(.value(id)))`.
extension TrainingURL {
    static var start: SiteURL { .training(.catalogue) }
    static func course(_ id: UUID) -> SiteURL { .training(.course(.value(id))) }
    static func editCourse(_ id: UUID) -> SiteURL { .training(.editCourse(.value(id))) }
    static func updateCourse(_ id: UUID) -> SiteURL { .training(.updateCourse(.value(id))) }
    static func pack(_ id: UUID) -> SiteURL { .training(.pack(.value(id))) }
    static func editPack(_ id: UUID) -> SiteURL { .training(.editPack(.value(id))) }
    static func updatePack(_ id: UUID) -> SiteURL { .training(.updatePack(.value(id))) }
    static func session(_ id: UUID) -> SiteURL { .training(.session(.value(id))) }
    static func editSession(_ id: UUID) -> SiteURL { .training(.editSession(.value(id))) }
    static func updateSession(_ id: UUID) -> SiteURL { .training(.updateSession(.value(id))) }
    static func confirmSessionStep(_ id: UUID, _ step: SessionStepName) -> SiteURL { .training(.confirmSessionStep(.value(id), .value(step.rawValue))) }
    static func sessionStep(_ id: UUID, _ step: SessionStepName) -> SiteURL { .training(.sessionStep(.value(id), .value(step.rawValue))) }
    static func register(_ id: UUID) -> SiteURL { .training(.register(.value(id))) }
    static func createRegistration(_ id: UUID) -> SiteURL { .training(.createRegistration(.value(id))) }
    static func attendance(_ id: UUID) -> SiteURL { .training(.attendance(.value(id))) }
    static func saveAttendance(_ id: UUID) -> SiteURL { .training(.saveAttendance(.value(id))) }
    static func attendanceSheet(_ id: UUID) -> SiteURL { .training(.attendanceSheet(.value(id))) }
    static func attendanceSheetPDF(_ id: UUID) -> SiteURL { .training(.attendanceSheetPDF(.value(id))) }
    static func registration(_ id: UUID) -> SiteURL { .training(.registration(.value(id))) }
    static func convocation(_ id: UUID) -> SiteURL { .training(.convocation(.value(id))) }
    static func confirmCancelRegistration(_ id: UUID) -> SiteURL { .training(.confirmCancelRegistration(.value(id))) }
    static func cancelRegistration(_ id: UUID) -> SiteURL { .training(.cancelRegistration(.value(id))) }
    static func certificate(_ id: UUID) -> SiteURL { .training(.certificate(.value(id))) }
    static func certificatePDF(_ id: UUID) -> SiteURL { .training(.certificatePDF(.value(id))) }
    static func survey(_ token: String) -> SiteURL { .training(.survey(.value(token))) }
    static func submitSurvey(_ token: String) -> SiteURL { .training(.submitSurvey(.value(token))) }
    /// `file`: chiffres.csv | chiffres.xlsx | bilan.csv | bilan.xlsx.
    static func figuresFile(_ year: Int, _ file: String) -> SiteURL { .training(.figuresFile(.value(year), .value(file))) }
}
