import Fluent
import FluentSQLiteDriver
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Runs a test against a fresh, migrated database: an in-memory SQLite per test by default,
/// or, when `DATABASE_URL` is set, the PostgreSQL database with its schema recreated
/// (tests then take turns: one schema, one test at a time). On SQLite, at most
/// `TestSlots.sqliteApps` applications are alive at once.
func withMaillage(_ test: (Application) async throws -> Void) async throws {
    let postgresURL = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    let slots = postgresURL != nil ? TestSlots.postgres : TestSlots.sqliteApps
    await slots.acquire()
    defer { Task { await slots.release() } }

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

/// At most `limit` holders at once; the others wait, in order of arrival.
actor TestSlots {
    /// One PostgreSQL schema shared by every test: they take turns.
    static let postgres = TestSlots(limit: 1)
    /// Test applications alive at once on SQLite. Swift Testing starts every test at once: with
    /// hundreds of applications alive, each database's statements queued behind all the others'
    /// on a slow machine until connection requests timed out (10 s) and tests failed at random.
    static let sqliteApps = TestSlots(limit: 8)

    private let limit: Int
    private var held = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if held < limit { held += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the first waiting, if any.
    func release() {
        if waiting.isEmpty { held -= 1 } else { waiting.removeFirst().resume() }
    }
}
