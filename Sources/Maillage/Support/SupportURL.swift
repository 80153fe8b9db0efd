import Foundation
import Vapor

/// The routes of the delegations' support of their members (`/accompagnement`), inside the one
/// route table as `SiteURL.support(_)`.
enum SupportURL: Sendable {
    // The supports followed (national or a delegation's), intervention days, yearly figures.
    case home, days, createDays, figures, figuresFile(Parameter<Int>, Parameter<String>)
    // Programmes (national admins).
    case programmes, newProgramme, createProgramme, editProgramme(Parameter<UUID>), updateProgramme(Parameter<UUID>)
    // A structure's supports.
    case structure(Parameter<UUID>), newSupport(Parameter<UUID>), createSupport(Parameter<UUID>)
    case support(Parameter<UUID>, Parameter<UUID>), editSupport(Parameter<UUID>, Parameter<UUID>), updateSupport(Parameter<UUID>, Parameter<UUID>)
}

extension SupportURL {
    var method: HTTPMethod {
        switch self {
        case .createDays, .createProgramme, .updateProgramme, .createSupport, .updateSupport: .POST
        default: .GET
        }
    }

    var rule: Rule {
        switch self {
        case .home, .days, .createDays: .supervise
        case .figures, .figuresFile: .supportFigures
        case .programmes, .newProgramme, .createProgramme, .editProgramme, .updateProgramme: .administer
        case .structure, .support: .seeMemberProgress
        case .newSupport, .createSupport, .editSupport, .updateSupport: .supervise
        }
    }

    var segments: [String] {
        let root = "accompagnement"
        switch self {
        case .home: return [root]
        case .days, .createDays: return [root, "journees"]
        case .figures: return [root, "chiffres"]
        case .figuresFile(let y, let f): return [root, "chiffres", y.segment("year"), f.segment("file")]
        case .programmes: return [root, "programmes"]
        case .newProgramme, .createProgramme: return [root, "programmes", "nouveau"]
        case .editProgramme(let p), .updateProgramme(let p): return [root, "programmes", p.segment("programmeID"), "modifier"]
        case .structure(let s): return [root, "structures", s.segment("structureID")]
        case .newSupport(let s), .createSupport(let s): return [root, "structures", s.segment("structureID"), "nouveau"]
        case .support(let s, let a): return [root, "structures", s.segment("structureID"), "suivis", a.segment("supportID")]
        case .editSupport(let s, let a), .updateSupport(let s, let a):
            return [root, "structures", s.segment("structureID"), "suivis", a.segment("supportID"), "modifier"]
        }
    }
}

// Links with values.
extension SupportURL {
    static var start: SiteURL { .support(.home) }
    static func figuresFile(_ year: Int, _ file: String) -> SiteURL { .support(.figuresFile(.value(year), .value(file))) }
    static func editProgramme(_ id: UUID) -> SiteURL { .support(.editProgramme(.value(id))) }
    static func updateProgramme(_ id: UUID) -> SiteURL { .support(.updateProgramme(.value(id))) }
    static func structure(_ id: UUID) -> SiteURL { .support(.structure(.value(id))) }
    static func newSupport(_ s: UUID) -> SiteURL { .support(.newSupport(.value(s))) }
    static func createSupport(_ s: UUID) -> SiteURL { .support(.createSupport(.value(s))) }
    static func support(_ s: UUID, _ a: UUID) -> SiteURL { .support(.support(.value(s), .value(a))) }
    static func editSupport(_ s: UUID, _ a: UUID) -> SiteURL { .support(.editSupport(.value(s), .value(a))) }
    static func updateSupport(_ s: UUID, _ a: UUID) -> SiteURL { .support(.updateSupport(.value(s), .value(a))) }
}
