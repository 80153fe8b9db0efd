import Foundation
import NIOConcurrencyHelpers

/// The version of what a cached value was computed from: one number per source (the
/// register's version, a campaign's answers version, ...), compared whole.
struct CacheVersion: Hashable, Sendable {
    let parts: [Int]

    init(_ parts: Int...) { self.parts = parts }

    /// For what never changes once written (a published release): the version never moves.
    static let immutable = CacheVersion()
}

/// The one way Maillage keeps computed values in memory, with one invalidation rule:
///
/// **An entry is valid while the version of what it was computed from has not moved.**
///
/// - A version lives in the database, next to what it versions: a row of `cache_versions`
///   (`CacheVersions`, one per source: the register, the network map...) or a counter on
///   the record itself when the record is read anyway (`campaigns.answers_version`). It is
///   bumped in the same transaction as the change, so every app instance sees the move at
///   its next read of the version: no message between instances, no time to wait.
/// - Read the version *before* computing the value: a change that lands meanwhile moves the
///   version again, and the next reader recomputes.
/// - A change may instead move its version right after it commits, as long as that happens
///   before the answer leaves: the client's next request, on any instance, reads the moved
///   version. Sessions and signed-in users work so (`RequestCaches`): one read of the
///   `accounts` and register versions per signed-in request replaces the three or four
///   queries the cache saves.
///
/// One entry per key: storing at a newer version replaces the older one. Past `capacity`
/// keys, one entry is dropped to make room.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (version: CacheVersion, value: Value)]>([:])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func get(_ key: Key, at version: CacheVersion) -> Value? {
        entries.withLockedValue { e in e[key].flatMap { $0.version == version ? $0.value : nil } }
    }

    func set(_ key: Key, _ value: Value, at version: CacheVersion) {
        entries.withLockedValue { e in
            if e[key] == nil, e.count >= capacity, let any = e.keys.first { e[any] = nil }
            e[key] = (version, value)
        }
    }

    func remove(_ key: Key) { _ = entries.withLockedValue { $0.removeValue(forKey: key) } }

    /// The value kept for `key` at `version`, or `compute`d and kept. Two requests missing at
    /// once both compute: the engine is deterministic, the second store is the same value.
    func value(_ key: Key, at version: CacheVersion, compute: () async throws -> Value) async rethrows -> Value {
        if let hit = get(key, at: version) { return hit }
        let fresh = try await compute()
        set(key, fresh, at: version)
        return fresh
    }
}
