import Fluent
import Foundation
import MaillageCore
import Vapor

extension Request {
    /// The campaign of the `:year` parameter, or 404.
    func campaign() async throws -> Campaign {
        guard let year = parameters.get("year", as: Int.self), (2000...2100).contains(year),
              let campaign = try await Campaign.find(year: year, on: db) else { throw Abort(.notFound) }
        return campaign
    }

    /// The structure of the `:structureID` parameter, or 404.
    func structureParameter() async throws -> Structure {
        guard let id = parameters.get("structureID", as: UUID.self),
              let structure = try await Structure.find(id, on: db) else { throw Abort(.notFound) }
        return structure
    }
}

/// Who hears of an answer's progress: its regional delegates, and the managers of the
/// structure (or of its GES). Messages go to the outbox, like every e-mail of Maillage.
enum AnswerMail {
    static func delegates(of structure: Structure, on db: any Database) async throws -> [String] {
        let map = try await NetworkMap.load(on: db)
        guard let delegation = map.delegation(ofDepartment: structure.departmentCode) else { return [] }
        let grants = try await RoleGrant.query(on: db).filter(\.$role == Role.regionalDelegate.rawValue)
            .filter(\.$delegation.$id == delegation.delegationID).with(\.$user).all()
        return grants.filter { $0.user.isActive }.map(\.user.email)
    }

    static func managers(of structure: Structure, on db: any Database) async throws -> [String] {
        try await managers(of: [structure], on: db)[structure.id!] ?? []
    }

    /// The active managers of each structure (its own, and its GES's), in one query.
    static func managers(of structures: [Structure], on db: any Database) async throws -> [UUID: [String]] {
        let ids = Set(structures.flatMap { [$0.id, $0.$gesParent.id].compactMap { $0 } })
        let grants = try await RoleGrant.query(on: db).filter(\.$role == Role.memberManager.rawValue)
            .filter(\.$structure.$id ~~ Array(ids)).with(\.$user).all()
        var byStructure: [UUID: [String]] = [:]
        for g in grants where g.user.isActive { if let id = g.$structure.id { byStructure[id, default: []].append(g.user.email) } }
        var out: [UUID: [String]] = [:]
        for s in structures {
            out[s.id!] = [s.id, s.$gesParent.id].compactMap { $0 }.flatMap { byStructure[$0] ?? [] }
        }
        return out
    }

    static func send(to recipients: [String], subject: String, body: String, via outbox: Outbox = Outbox(), on db: any Database) async throws {
        try await outbox.queue(to: recipients, subject: subject, body: body, on: db)
    }
}
