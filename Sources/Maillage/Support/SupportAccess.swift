import Fluent
import Foundation
import MaillageCore
import Vapor

/// Loading what a support route is about, with its record-level checks: the structure of the
/// path (404 if absent, then `req.authorize`: 404 out of sight, 403 in sight but refused), then
/// the support BY ITS ID AND the structure's (another structure's support is 404).
enum SupportAccess {
    static func structure(_ req: Request) async throws -> Structure {
        guard let id = req.parameters.get("structureID", as: UUID.self), let structure = try await Structure.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        try await req.authorize(structure)
        return structure
    }

    static func support(_ req: Request, of structure: Structure) async throws -> MemberSupport {
        guard let id = req.parameters.get("supportID", as: UUID.self),
              let support = try await MemberSupport.query(on: req.db).filter(\.$id == id)
                .filter(\.$structure.$id == structure.requireID()).first() else {
            throw Abort(.notFound)
        }
        return support
    }

    /// The delegations a person records supports and days for: every one for a national admin
    /// (nil), their own for a regional delegate.
    static func delegationScope(_ user: CurrentUser) -> Set<UUID>? {
        user.isNationalAdmin ? nil : Set(user.delegatedDelegationIDs)
    }

    static func inScope(_ id: UUID, _ scope: Set<UUID>?) -> Bool { scope?.contains(id) ?? true }

    /// The people who may be named as a support's delegate: the regional delegates of the
    /// delegation, and the person recording it (first), each once.
    static func delegates(of delegationID: UUID?, recorder: CurrentUser, on db: any Database) async throws -> [(id: UUID, name: String)] {
        var out: [(id: UUID, name: String)] = [(recorder.id, recorder.displayName)]
        guard let delegationID else { return out }
        let grants = try await RoleGrant.query(on: db).filter(\.$role == Role.regionalDelegate.rawValue)
            .filter(\.$delegation.$id == delegationID).with(\.$user).all()
        let others = grants.map(\.user).filter { $0.isActive && $0.id != recorder.id }
            .sorted { FrenchSortKey($0.displayName) < FrenchSortKey($1.displayName) }
        for u in others where !out.contains(where: { $0.id == u.id }) { out.append((try u.requireID(), u.displayName)) }
        return out
    }
}
