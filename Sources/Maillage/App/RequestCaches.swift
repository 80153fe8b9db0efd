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

/// What is read on every request, kept per instance: sessions and signed-in users for two
/// seconds (three queries per page saved; see `RecentCache` for why a time window and not a
/// database version), and the directory snapshot by register version.
struct RequestCaches: Sendable {
    static let window: TimeInterval = 2
    let sessions: RecentCache<String, CachedSession>
    let users: RecentCache<UUID, CachedUser>
    let directory = DirectorySnapshots()

    init(clock: any WallClock) {
        sessions = RecentCache(window: Self.window, clock: clock)
        users = RecentCache(window: Self.window, clock: clock)
    }
}

extension Request {
    /// Call after changing a user's roles, password, activity or session epoch.
    func forgetCachedUser(_ id: UUID) { services.caches.users.remove(id) }
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
