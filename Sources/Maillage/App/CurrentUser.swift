import Fluent
import Foundation
import Vapor

/// The signed-in person and the roles they hold, as the policy sees them.
struct CurrentUser: Sendable {
    struct Grant: Sendable, Hashable {
        let role: Role
        let delegationID: UUID?
        let structureID: UUID?
    }

    let id: UUID
    let email: String
    let displayName: String
    let grants: [Grant]
    /// Structures a member manager answers for: their own and, for a GES, its entities.
    let managedStructureIDs: Set<UUID>

    func has(_ role: Role) -> Bool { grants.contains { $0.role == role } }
    var isNationalAdmin: Bool { has(.nationalAdmin) }
    var delegatedDelegationIDs: [UUID] { grants.filter { $0.role == .regionalDelegate }.compactMap(\.delegationID) }

    static func load(_ user: User, on db: any Database) async throws -> CurrentUser {
        let grants = try await RoleGrant.query(on: db).filter(\.$user.$id == user.requireID()).all()
        let managed = grants.filter { $0.role == Role.memberManager.rawValue }.compactMap { $0.$structure.id }
        var managedIDs = Set(managed)
        if !managed.isEmpty {
            let entities = try await Structure.query(on: db).filter(\.$gesParent.$id ~~ managed).all(\.$id)
            managedIDs.formUnion(entities.compactMap { $0 })
        }
        return CurrentUser(
            id: try user.requireID(), email: user.email, displayName: user.displayName,
            grants: grants.compactMap { g in
                Role(rawValue: g.role).map { Grant(role: $0, delegationID: g.$delegation.id, structureID: g.$structure.id) }
            },
            managedStructureIDs: managedIDs)
    }
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }
    private struct ViaTokenKey: StorageKey { typealias Value = Bool }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// True when the request was authenticated by an API token rather than a session.
    var authenticatedByToken: Bool {
        get { storage[ViaTokenKey.self] ?? false }
        set { storage[ViaTokenKey.self] = newValue }
    }

    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Resolves the current user from the session cookie (pages) or a bearer token (API).
struct CurrentUserMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization {
                try await authenticate(token: bearer.token, req)
            }
        } else if req.hasSession, let raw = req.session.data["uid"], let uid = UUID(uuidString: raw) {
            if let cached = try await req.cachedUser(uid), cached.isActive,
               req.session.data["epoch"] == String(cached.epoch) {
                req.currentUser = cached.user
            } else {
                // Logged out elsewhere, deactivated or deleted: forget this session's identity.
                req.session.data["uid"] = nil
                req.session.data["epoch"] = nil
            }
        }
        return try await next.respond(to: req)
    }

    private func authenticate(token: String, _ req: Request) async throws {
        guard let record = try await APIToken.query(on: req.db)
            .filter(\.$tokenHash == SecretToken.hash(token)).filter(\.$revokedAt == nil)
            .with(\.$user).first(), record.user.isActive else { return }
        req.currentUser = try await CurrentUser.load(record.user, on: req.db)
        req.authenticatedByToken = true
        let now = Date()
        // Write the last use at most once a minute: a read-heavy API should not write every call.
        if record.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            record.lastUsedAt = now
            try await record.save(on: req.db)
        }
    }
}
