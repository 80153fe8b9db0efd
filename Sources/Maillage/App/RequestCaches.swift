import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A tiny time-limited cache. Sessions and signed-in users are read on every request;
/// keeping them two seconds removes three queries per page. Changes made by this instance
/// update or drop the entry at once; another instance sees them within `ttl`.
final class ShortCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (value: Value, at: Date)]>([:])
    let ttl: TimeInterval
    private let capacity: Int

    init(ttl: TimeInterval, capacity: Int = 20_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    func get(_ key: Key) -> Value? {
        entries.withLockedValue { e in
            guard let hit = e[key], Date().timeIntervalSince(hit.at) < ttl else { return nil }
            return hit.value
        }
    }

    func set(_ key: Key, _ value: Value) {
        entries.withLockedValue { e in
            if e.count >= capacity { e.removeAll(keepingCapacity: true) }
            e[key] = (value, Date())
        }
    }

    func remove(_ key: Key) { _ = entries.withLockedValue { $0.removeValue(forKey: key) } }
}

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

struct RequestCaches: Sendable {
    let sessions = ShortCache<String, CachedSession>(ttl: 2)
    let users = ShortCache<UUID, CachedUser>(ttl: 2)
    let directory = DirectorySnapshots()
}

extension Application {
    private struct RequestCachesKey: StorageKey { typealias Value = RequestCaches }
    var caches: RequestCaches {
        get { storage[RequestCachesKey.self]! }
        set { storage[RequestCachesKey.self] = newValue }
    }
}

extension Request {
    /// Call after changing a user's roles, password, activity or session epoch.
    func forgetCachedUser(_ id: UUID) { application.caches.users.remove(id) }
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
