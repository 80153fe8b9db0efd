import Foundation
import Vapor

// TEMPORARY (issue #8 refactor in progress): the former policy API, kept while callers move
// to `req.authorize(_:)`, `req.may(_:on:)` and `req.link(to:)`. Deleted before landing.
extension Rule {
    static var readRegister: Rule { .holdsRole }
    static var readFigures: Rule { .holdsRole }
    static var manageRegister: Rule { .supervise }
    static var followSurvey: Rule { .supervise }
}

extension Policy {
    static func canView(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        allows(.seeStructure, user, relation(of: user, to: structure.id, department: structure.departmentCode, map: map))
    }
    static func canEdit(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        allows(.supervise, user, relation(of: user, to: structure.id, department: structure.departmentCode, map: map))
    }
    static func canManage(department code: String, by user: CurrentUser, map: NetworkMap) -> Bool {
        allows(.supervise, user, relation(of: user, to: nil, department: code, map: map))
    }
    static func canAnswer(for structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        allows(.answerSurvey, user, relation(of: user, to: structure.id, department: structure.departmentCode, map: map))
    }
    static func canValidate(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        canEdit(structure, by: user, map: map)
    }
    static func require(view structure: Structure, _ req: Request) async throws -> CurrentUser {
        try await req.authorize(structure, .seeStructure)
    }
    static func require(edit structure: Structure, _ req: Request) async throws -> CurrentUser {
        try await req.authorize(structure, .supervise)
    }
}
