import Crypto
import Fluent
import Foundation
import Vapor

/// A database session (shared by every app instance behind a load balancer).
final class SessionEntry: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    /// SHA-256 of the cookie value: a leaked database does not hand out live sessions.
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "data") var data: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// Sessions in the database, written only when they change (Vapor's Fluent driver rewrites
/// the row on every request: a write per page view), with a 12-hour sliding expiry that is
/// renewed at most once an hour. Kept per instance by the `accounts` version
/// (`RequestCaches`), which every write and delete moves before the answer leaves: a
/// sign-out, a flash or a CSRF token written through one instance is read by the next
/// request on any other, which also never writes back a stale copy.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let lifetime: TimeInterval = 12 * 3600
    static let renewEvery: TimeInterval = 3600

    private struct LoadedKey: StorageKey { typealias Value = Loaded }
    private struct Loaded { let data: [String: String]; let expiresAt: Date }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let key = SecretToken.generate()
        let entry = SessionEntry()
        entry.keyHash = SecretToken.hash(key)
        entry.data = try Self.encode(data.snapshot)
        entry.expiresAt = Date().addingTimeInterval(Self.lifetime)
        try await entry.create(on: request.db)
        if Int.random(in: 0..<Self.pruneOneIn) == 0 { try await Self.prune(on: request.db) }
        if let version = try await request.accountsChanged() {
            request.services.caches.sessions.set(entry.keyHash, CachedSession(data: data.snapshot, expiresAt: entry.expiresAt), at: version)
        }
        return SessionID(string: key)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let hash = SecretToken.hash(sessionID.string)
        let version = try await request.accountsVersions().sessions
        if let cached = request.services.caches.sessions.get(hash, at: version), cached.expiresAt > Date() {
            request.storage[LoadedKey.self] = Loaded(data: cached.data, expiresAt: cached.expiresAt)
            return SessionData(initialData: cached.data)
        }
        guard let entry = try await SessionEntry.query(on: request.db)
            .filter(\.$keyHash == hash).first(), entry.expiresAt > Date() else { return nil }
        let data = (try? JSONDecoder().decode([String: String].self, from: Data(entry.data.utf8))) ?? [:]
        request.storage[LoadedKey.self] = Loaded(data: data, expiresAt: entry.expiresAt)
        request.services.caches.sessions.set(hash, CachedSession(data: data, expiresAt: entry.expiresAt), at: version)
        return SessionData(initialData: data)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let now = Date()
        if let loaded = request.storage[LoadedKey.self], loaded.data == data.snapshot,
           loaded.expiresAt.timeIntervalSince(now) > Self.lifetime - Self.renewEvery {
            return sessionID  // unchanged and recently renewed: no write
        }
        let hash = SecretToken.hash(sessionID.string)
        let expiresAt = now.addingTimeInterval(Self.lifetime)
        try await SessionEntry.query(on: request.db).filter(\.$keyHash == hash)
            .set(\.$data, to: try Self.encode(data.snapshot))
            .set(\.$expiresAt, to: expiresAt)
            .update()
        if let version = try await request.accountsChanged() {
            request.services.caches.sessions.set(hash, CachedSession(data: data.snapshot, expiresAt: expiresAt), at: version)
        }
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        let hash = SecretToken.hash(sessionID.string)
        request.services.caches.sessions.remove(hash)
        try await SessionEntry.query(on: request.db).filter(\.$keyHash == hash).delete()
        _ = try await request.accountsChanged()
    }

    static let pruneOneIn = 200

    /// Expired sessions and old login tries serve nobody: drop them now and then (no version
    /// move: an expired session is refused by its date, cached or not). Failures count
    /// for a day; successes for a month (they tell the throttle which addresses are known).
    static func prune(on db: any Database) async throws {
        let now = Date()
        try await SessionEntry.query(on: db).filter(\.$expiresAt < now).delete()
        try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-LoginThrottle.window))
            .group(.or) { $0.filter(\.$succeeded == false).filter(\.$at < now.addingTimeInterval(-LoginThrottle.knownFor)) }
            .delete()
    }

    private static func encode(_ data: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}

extension Request {
    /// Drops the current session row and starts an empty one under a new id.
    func renewSession() async throws {
        if let id = session.id { try await DatabaseSessionDriver().deleteSession(id, for: self) }
        session.id = nil
        session.data = SessionData()
    }
}
