import Fluent
import SQLKit

/// The `accounts` row of `cache_versions`: sessions and signed-in users are cached per
/// instance by this version, moved by every session write and every account or role change,
/// so that an instance behind the same load balancer sees a change made on another at once.
struct CreateAccountsVersion: AsyncMigration {
    var name: String { "015_CreateAccountsVersion" }

    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: CacheVersions.schema).columns("source", "version")
            .values(SQLBind(CacheSource.accounts.rawValue), SQLBind(1))
            .run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: CacheVersions.schema)
            .where("source", .equal, CacheSource.accounts.rawValue)
            .run()
    }
}
