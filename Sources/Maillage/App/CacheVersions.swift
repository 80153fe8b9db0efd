import Fluent
import SQLKit

/// What a cached value can be computed from, each with its version row in `cache_versions`
/// (migration 010 creates one row per source; a new source adds its row in its migration).
enum CacheSource: String, CaseIterable, Sendable {
    /// Structures and membership periods (`RegisterVersionMiddleware` bumps it).
    case register
    /// Delegations and the department map (a migration or an admin change bumps it).
    case networkMap = "network_map"
}

/// The versions of `VersionedCache`'s rule, kept in the database so that every instance
/// reads the same ones. Bump inside the transaction that makes the change.
enum CacheVersions {
    static let schema = "cache_versions"

    static func current(_ source: CacheSource, on db: any Database) async throws -> Int {
        struct Row: Decodable { let version: Int }
        return try await sql(db).select().column("version").from(schema)
            .where("source", .equal, source.rawValue)
            .first(decoding: Row.self)?.version ?? 0
    }

    static func bump(_ source: CacheSource, on db: any Database) async throws {
        try await sql(db).update(schema)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(left: SQLIdentifier("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("source", .equal, source.rawValue)
            .run()
    }

    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
}
