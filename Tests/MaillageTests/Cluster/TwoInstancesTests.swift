import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Two app instances on one database (a SQLite file, or PostgreSQL with `DATABASE_URL`), as
/// behind a load balancer: each keeps its own caches, and a change made through one is seen
/// through the other on the very next request.
@Suite("Two instances on one database")
struct TwoInstancesTests {
    @Test("a sign-out through A ends the session on B at once, though B had it cached")
    func signOut() async throws {
        try await withTwoInstances { a, b in
            // setup
            _ = try await Fixtures.load(on: a)
            let member = TestBrowser(a)
            try await member.login(Fixtures.Who.member.email)
            let cookie = try #require(member.cookie)
            #expect(try await Self.get(b, .account, cookie: cookie).status == .ok)  // cached on B
            // MUT
            let out = try await member.post(.logout)
            // validate
            #expect(out.status == .seeOther)
            let onB = try await Self.get(b, .account, cookie: cookie)
            #expect(onB.status != .ok)
            #expect(onB.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
        }
    }

    @Test("a role removed through A is refused on B at once")
    func roleRemoved() async throws {
        try await withTwoInstances { a, b in
            // setup
            let f = try await Fixtures.load(on: a)
            let delegateID = try #require(f.users[.delegate])
            let delegate = TestBrowser(a)
            try await delegate.login(Fixtures.Who.delegate.email)
            let cookie = try #require(delegate.cookie)
            #expect(try await Self.get(b, .directory, cookie: cookie).status == .ok)  // cached on B
            let grant = try #require(try await RoleGrant.query(on: a.db).filter(\.$user.$id == delegateID).first())
            let admin = try await f.browser(a, as: .admin)
            // MUT
            let removed = try await admin.post(.revokeGrant(.value(delegateID), .value(try grant.requireID())))
            // validate
            #expect(removed.status == .seeOther)
            #expect(try await Self.get(b, .directory, cookie: cookie).status == .forbidden)
            #expect(try await Self.get(b, .home, cookie: cookie).status == .ok)  // still signed in, without the role
        }
    }

    @Test("a flash written through A shows on B's next page, once; the deactivated account's session is refused on B")
    func flashAndDeactivation() async throws {
        try await withTwoInstances { a, b in
            // setup
            let f = try await Fixtures.load(on: a)
            let memberID = try #require(f.users[.member])
            let member = try await f.browser(a, as: .member)
            let memberCookie = try #require(member.cookie)
            let admin = try await f.browser(a, as: .admin)
            let adminCookie = try #require(admin.cookie)
            #expect(try await Self.get(b, .home, cookie: memberCookie).status == .ok)
            #expect(try await Self.get(b, .users, cookie: adminCookie).status == .ok)
            // MUT
            let done = try await admin.post(.userStatus(.value(memberID)))
            // validate
            #expect(done.status == .seeOther)
            let onB = try await Self.get(b, .user(.value(memberID)), cookie: adminCookie)
            #expect(onB.status == .ok)
            #expect(onB.body.contains("Compte désactivé : ses sessions sont fermées."))
            let backOnA = try await Self.get(a, .user(.value(memberID)), cookie: adminCookie)
            #expect(backOnA.status == .ok)
            #expect(!backOnA.body.contains("Compte désactivé : ses sessions sont fermées."))  // B wrote the flash off
            #expect(try await Self.get(b, .home, cookie: memberCookie).status != .ok)
        }
    }

    @Test("B serves a session from its cache while the accounts version stays, and reloads it once the version moves")
    func cacheFollowsTheVersion() async throws {
        try await withTwoInstances { a, b in
            // setup
            _ = try await Fixtures.load(on: a)
            let member = TestBrowser(a)
            try await member.login(Fixtures.Who.member.email)
            let cookie = try #require(member.cookie)
            #expect(try await Self.get(b, .home, cookie: cookie).status == .ok)
            // MUT: the row changes behind B's back, without a version move (no code path does this)
            let sql = a.db as! any SQLDatabase
            try await sql.update(SessionEntry.schema).set("data", to: "{}").where("key_hash", .equal, SecretToken.hash(cookie)).run()
            let cached = try await Self.get(b, .home, cookie: cookie)
            try await CacheVersions.bump(.accounts, on: a.db)
            let reloaded = try await Self.get(b, .home, cookie: cookie)
            // validate
            #expect(cached.status == .ok)
            #expect(reloaded.status != .ok)
        }
    }

    // MARK: helpers

    struct Page { let status: HTTPStatus; let headers: HTTPHeaders; let body: String }

    /// A GET on one instance with a session cookie (taken from a browser on the other).
    static func get(_ app: Application, _ url: SiteURL, cookie: String) async throws -> Page {
        var page: Page? = nil
        try await app.testing().test(.GET, url.path, headers: ["Cookie": "maillage_session=\(cookie)"]) { res in
            page = Page(status: res.status, headers: res.headers, body: res.body.string)
        }
        return page!
    }
}

/// Two applications configured on the same database: a fresh SQLite file in a temporary
/// directory, or the `DATABASE_URL` PostgreSQL schema recreated (tests then take turns).
func withTwoInstances(_ test: (Application, Application) async throws -> Void) async throws {
    let baseURL = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    // On PostgreSQL: a slot's database of its own (`TestSlots.postgres`), as `withMaillage`.
    let slot = baseURL != nil ? await TestSlots.postgres.acquire() : nil
    defer { if let slot { Task { await TestSlots.postgres.release(slot) } } }
    let postgresURL = try await baseURL.asyncMap { try await PostgresTestDatabases.url(slot: slot ?? 0, base: $0) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-two-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }

    func make() async throws -> Application {
        let app = try await Application.make(.testing)
        var config = AppConfig.fromEnvironment()
        config.databaseURL = postgresURL
        config.databasePath = dir.appendingPathComponent("maillage.sqlite").path
        config.rootDirectory = TestPaths.root
        do {
            try await configure(app, config: config)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        app.passwords.use(.bcrypt(cost: 4))
        return app
    }
    let a = try await make()
    let b: Application
    do {
        if postgresURL != nil, let sql = a.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await a.autoMigrate()
        b = try await make()
    } catch {
        try? await a.asyncShutdown()
        throw error
    }
    do {
        try await test(a, b)
    } catch {
        try? await b.asyncShutdown()
        try? await a.asyncShutdown()
        throw error
    }
    try await b.asyncShutdown()
    try await a.asyncShutdown()
}
