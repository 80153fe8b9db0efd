import Fluent
import Foundation
import Vapor

/// The delegation maps, read from the database once per year asked and kept while the
/// network map's version (`CacheSource.networkMap`) does not move: a migration or an admin
/// change of the map bumps it, and every instance reloads at its next read.
final class NetworkMaps: Sendable {
    private let maps = VersionedCache<Int, NetworkMap>(capacity: 64)
    let clock: any WallClock

    init(clock: any WallClock) { self.clock = clock }

    /// The map in force this year (by the services' clock).
    func current(on db: any Database) async throws -> NetworkMap {
        try await forYear(clock.year, on: db)
    }

    /// The map in force in `year`: a campaign's figures place answers by the map of its year.
    func forYear(_ year: Int, on db: any Database) async throws -> NetworkMap {
        let version = CacheVersion(try await CacheVersions.current(.networkMap, on: db))
        return try await maps.value(year, at: version) { try await NetworkMap.load(on: db, year: year) }
    }
}
