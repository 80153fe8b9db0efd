import Fluent
import Foundation
import Vapor

/// What the session driver keeps of a session row.
struct CachedSession: Sendable {
    let data: [String: String]
    let expiresAt: Date
}

/// A signed-in user as last read, with what validates a session against it.
struct CachedUser: Sendable {
    let isActive: Bool
    let epoch: Int
    let user: CurrentUser
}

/// What is read on every request, kept per instance: sessions and signed-in users by the
/// `accounts` version (and the register's, for the structures a manager answers for), and the
/// directory snapshot by register version.
///
/// Exact across instances: every session write and every change of an account or its roles
/// moves `cache_versions.accounts` (`DatabaseSessionDriver`, `AccountsVersionMiddleware`)
/// before the answer leaves, so the client's next request, on whichever instance, reads the
/// moved version and reloads. Cost: one query per signed-in request (the versions, read once
/// by `Request.accountsVersions`) instead of three or four (session, user, grants, GES entities).
struct RequestCaches: Sendable {
    let sessions = VersionedCache<String, CachedSession>(capacity: 20_000)
    let users = VersionedCache<UUID, CachedUser>(capacity: 20_000)
    let directory = DirectorySnapshots()
}

/// The versions sessions and signed-in users are kept at, as read by one request.
struct AccountsVersions: Sendable {
    var accounts: Int
    var register: Int

    var sessions: CacheVersion { CacheVersion(accounts) }
    /// A `CurrentUser` also holds the entities of a managed GES: the register's version too.
    var users: CacheVersion { CacheVersion(accounts, register) }
}

extension Request {
    private struct AccountsVersionsKey: StorageKey { typealias Value = AccountsVersions }

    /// Read once per request (a request without a session cookie never reads it), before
    /// anything it versions: a change landing meanwhile moves it again for the next reader.
    func accountsVersions() async throws -> AccountsVersions {
        if let read = storage[AccountsVersionsKey.self] { return read }
        let v = try await CacheVersions.current([.accounts, .register], on: db)
        let read = AccountsVersions(accounts: v[.accounts] ?? 0, register: v[.register] ?? 0)
        storage[AccountsVersionsKey.self] = read
        return read
    }

    /// Moves the `accounts` version after a session write by this request, and answers the
    /// version the written value may be kept at.
    func accountsChanged() async throws -> CacheVersion? {
        guard let moved = try await CacheVersions.bump(.accounts, on: db) else { return nil }
        if var read = storage[AccountsVersionsKey.self] {
            read.accounts = moved
            storage[AccountsVersionsKey.self] = read
        }
        return CacheVersion(moved)
    }

    /// The signed-in user `id` as cached at this request's versions, or read and kept.
    func cachedUser(_ id: UUID) async throws -> CachedUser? {
        let version = try await accountsVersions().users
        if let hit = services.caches.users.get(id, at: version) { return hit }
        guard let user = try await User.find(id, on: db) else { return nil }
        let entry = CachedUser(isActive: user.isActive, epoch: user.sessionEpoch, user: try await CurrentUser.load(user, on: db))
        services.caches.users.set(id, entry, at: version)
        return entry
    }
}

/// Every create, update or delete of an account or a role grant (roles, password, activity,
/// session epoch, last sign-in; from a page, an import or a command) moves the `accounts`
/// version, inside the same transaction as the change.
struct AccountsVersionMiddleware<M: FluentKit.Model>: AsyncModelMiddleware {
    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await CacheVersions.bump(.accounts, on: db)
    }

    func update(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await CacheVersions.bump(.accounts, on: db)
    }

    func delete(model: M, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await CacheVersions.bump(.accounts, on: db)
    }
}

/// Serves files of `Public/` for asset paths only: other requests skip the file-system lookup.
struct AssetMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    static let prefixes = ["/css/", "/js/", "/img/", "/favicon"]

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        guard Self.prefixes.contains(where: { path.hasPrefix($0) }) else { return try await next.respond(to: req) }
        return try await files.respond(to: req, chainingTo: next)
    }
}
