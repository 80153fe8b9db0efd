import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The map only changes through migrations, so each process reads it once per year it needs.
final class NetworkMapCache: Sendable {
    private let maps = NIOLockedValueBox<[Int: NetworkMap]>([:])

    func current(on db: any Database) async throws -> NetworkMap {
        try await forYear(NetworkMap.currentYear(), on: db)
    }

    func forYear(_ year: Int, on db: any Database) async throws -> NetworkMap {
        if let map = maps.withLockedValue({ $0[year] }) { return map }
        let map = try await NetworkMap.load(on: db, year: year)
        maps.withLockedValue { $0[year] = map }
        return map
    }
}

extension Application {
    private struct NetworkMapCacheKey: StorageKey { typealias Value = NetworkMapCache }
    var networkMaps: NetworkMapCache {
        if let cache = storage[NetworkMapCacheKey.self] { return cache }
        let cache = NetworkMapCache()
        storage[NetworkMapCacheKey.self] = cache
        return cache
    }
}
