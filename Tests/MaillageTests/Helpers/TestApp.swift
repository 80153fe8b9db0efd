import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Runs a test against a fresh, migrated database: an in-memory SQLite per test by default,
/// or, when `DATABASE_URL` is set, a PostgreSQL database of its own with its schema recreated
/// (`TestSlots.postgres`: a few tests at once, each in its slot's database). On SQLite, at most
/// `TestSlots.sqliteApps` applications are alive at once.
func withMaillage(_ test: (Application) async throws -> Void) async throws {
    let baseURL = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    let slots = baseURL != nil ? TestSlots.postgres : TestSlots.sqliteApps
    let slot = await slots.acquire()
    defer { Task { await slots.release(slot) } }
    let postgresURL = try await baseURL.asyncMap { try await PostgresTestDatabases.url(slot: slot, base: $0) }

    let app = try await Application.make(.testing)
    do {
        var config = AppConfig.fromEnvironment()
        config.databaseURL = postgresURL
        config.databasePath = ":memory:"
        config.rootDirectory = TestPaths.root
        // Each test app stores its uploads in its own temporary directory, removed at the end.
        config.filesDirectory = NSTemporaryDirectory() + "maillage-test-files-" + UUID().uuidString
        try await configure(app, config: config)
        app.passwords.use(.bcrypt(cost: 4))  // bcrypt still, but fast enough for hundreds of logins
        if postgresURL != nil, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await app.autoMigrate()
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: app.config.filesDirectory)
}

enum TestPaths {
    /// The package root (Resources/ and Public/ live there), found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path + "/" }
        }
        return FileManager.default.currentDirectoryPath + "/"
    }()
}

/// At most `limit` holders at once, each with its slot's number; the others wait, in order of arrival.
actor TestSlots {
    /// PostgreSQL tests at once, each in its slot's database (`PostgresTestDatabases`): one at a
    /// time took 16 minutes of the test command.
    static let postgres = TestSlots(limit: 3)
    /// Test applications alive at once on SQLite. Swift Testing starts every test at once: with
    /// hundreds of applications alive, each database's statements queued behind all the others'
    /// on a slow machine until connection requests timed out (10 s) and tests failed at random.
    static let sqliteApps = TestSlots(limit: 8)

    private var free: [Int]
    private var waiting: [CheckedContinuation<Int, Never>] = []

    init(limit: Int) { free = Array(0..<limit) }

    /// A free slot's number (0..<limit), once one is free.
    func acquire() async -> Int {
        if !free.isEmpty { return free.removeFirst() }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the first waiting, if any.
    func release(_ slot: Int) {
        if waiting.isEmpty { free.append(slot) } else { waiting.removeFirst().resume(returning: slot) }
    }
}

/// One PostgreSQL database per slot, beside the one `DATABASE_URL` names (same server and
/// account): `maillage_test_<slot>`, created on first use.
actor PostgresTestDatabases {
    private static let shared = PostgresTestDatabases()
    private var made: Set<Int> = []

    static func url(slot: Int, base: String) async throws -> String {
        let name = "maillage_test_\(slot)"
        try await shared.ensure(slot, name: name, base: base)
        guard var parts = URLComponents(string: base) else { throw Abort(.internalServerError, reason: "DATABASE_URL unreadable") }
        parts.path = "/" + name
        return parts.string ?? base
    }

    private func ensure(_ slot: Int, name: String, base: String) async throws {
        guard !made.contains(slot) else { return }
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: base)), as: .psql)
            let sql = app.db as! any SQLDatabase
            if try await sql.raw("SELECT 1 AS one FROM pg_database WHERE datname = \(bind: name)").first() == nil {
                try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        made.insert(slot)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
