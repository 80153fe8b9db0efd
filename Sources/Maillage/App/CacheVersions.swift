import Fluent
import SQLKit

/// What a cached value can be computed from, each with its version row in `cache_versions`
/// (migration 010 creates one row per source; a new source adds its row in its migration).
enum CacheSource: String, CaseIterable, Sendable {
    /// Structures and membership periods (`RegisterVersionMiddleware` bumps it).
    case register
    /// Delegations and the department map (a migration or an admin change bumps it).
    case networkMap = "network_map"
    /// Sessions, accounts and their role grants (`DatabaseSessionDriver` and
    /// `AccountsVersionMiddleware` bump it; row added by 015).
    case accounts
    /// Agenda events and training sessions as the agenda and its iCalendar feeds show them
    /// (the feeds' ETag; row added by 019).
    case agenda
}

/// The versions of `VersionedCache`'s rule, kept in the database so that every instance
/// reads the same ones. Bump inside the transaction that makes the change, or right after it
/// commits (before answering): a reader that sees the new version then sees the change.
enum CacheVersions {
    static let schema = "cache_versions"

    private struct Row: Decodable { let source: String; let version: Int }

    static func current(_ source: CacheSource, on db: any Database) async throws -> Int {
        try await current([source], on: db)[source] ?? 0
    }

    /// Several versions in one query (0 for a source without its row).
    static func current(_ sources: [CacheSource], on db: any Database) async throws -> [CacheSource: Int] {
        let rows = try await sql(db).select().column("source").column("version").from(schema)
            .where("source", .in, sources.map(\.rawValue))
            .all(decoding: Row.self)
        var versions = Dictionary(uniqueKeysWithValues: sources.map { ($0, 0) })
        for row in rows { if let s = CacheSource(rawValue: row.source) { versions[s] = row.version } }
        return versions
    }

    /// Moves `source` and answers its new version (nil without its row). The version answered
    /// is this bump's own: a concurrent bump elsewhere gets the next one.
    @discardableResult
    static func bump(_ source: CacheSource, on db: any Database) async throws -> Int? {
        struct Version: Decodable { let version: Int }
        return try await sql(db).update(schema)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(left: SQLIdentifier("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("source", .equal, source.rawValue)
            .returning("version")
            .first(decoding: Version.self)?.version
    }

    private static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
}
