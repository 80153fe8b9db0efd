import Fluent
import SQLKit

/// The versions of what instances cache (`VersionedCache`, `CacheVersions`): one row per
/// source, bumped in the transaction of each change. The register's version moves here from
/// `register_version` (007), which is dropped. A later migration that changes the network
/// map bumps `network_map`; a new cached source inserts its row in its own migration.
struct CreateCacheVersions: AsyncMigration {
    var name: String { "010_CreateCacheVersions" }

    func prepare(on db: any Database) async throws {
        struct Row: Decodable { let version: Int }
        let sql = db as! any SQLDatabase
        try await db.schema(CacheVersions.schema)
            .field("source", .string, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        let register = try await sql.select().column("version").from("register_version").first(decoding: Row.self)?.version ?? 1
        try await sql.insert(into: CacheVersions.schema).columns("source", "version")
            .values(SQLBind(CacheSource.register.rawValue), SQLBind(register))
            .values(SQLBind(CacheSource.networkMap.rawValue), SQLBind(1))
            .run()
        try await db.schema("register_version").delete()
    }

    func revert(on db: any Database) async throws {
        struct Row: Decodable { let version: Int }
        let sql = db as! any SQLDatabase
        let register = try await sql.select().column("version").from(CacheVersions.schema)
            .where("source", .equal, CacheSource.register.rawValue).first(decoding: Row.self)?.version ?? 1
        try await db.schema("register_version")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        try await sql.insert(into: "register_version").columns("id", "version").values(SQLBind(1), SQLBind(register)).run()
        try await db.schema(CacheVersions.schema).delete()
    }
}
