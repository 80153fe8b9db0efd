import Fluent
import Foundation
import SQLKit
import Testing
@testable import Maillage

/// `VersionedCache`'s rule: an entry is valid while the version it was computed from has not
/// moved; versions live in the database, so a move made elsewhere is seen at the next read.
@Suite("Versioned caches")
struct CacheTests {
    @Test("an entry is served at its version, recomputed when the version moves, replaced by the newer one")
    func versionRule() async throws {
        // setup
        let cache = VersionedCache<String, Int>(capacity: 10)
        var computed = 0
        func value(_ v: CacheVersion) async -> Int { await cache.value("k", at: v) { computed += 1; return computed } }
        // MUT + validate
        #expect(await value(CacheVersion(1, 7)) == 1)
        #expect(await value(CacheVersion(1, 7)) == 1)
        #expect(await value(CacheVersion(2, 7)) == 2)
        #expect(cache.get("k", at: CacheVersion(1, 7)) == nil)
        #expect(await value(CacheVersion(2, 7)) == 2)
        cache.remove("k")
        #expect(cache.get("k", at: CacheVersion(2, 7)) == nil)
    }

    @Test("past its capacity a cache drops an entry to make room; it never grows beyond")
    func capacity() {
        // setup
        let cache = VersionedCache<Int, Int>(capacity: 3)
        // MUT
        for i in 0..<10 { cache.set(i, i, at: .immutable) }
        // validate
        #expect((0..<10).filter { cache.get($0, at: .immutable) != nil }.count == 3)
        #expect(cache.get(9, at: .immutable) == 9)
    }

    @Test("the accounts version moves with every change of an account or a role grant, in its transaction, and a bump answers its own version")
    func accountsVersionRow() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let start = try await CacheVersions.current(.accounts, on: app.db)
            let user = try #require(try await User.find(f.users[.member], on: app.db))
            // MUT: a password change, a role removed, a failed transaction
            user.sessionEpoch += 1
            try await user.save(on: app.db)
            let afterUser = try await CacheVersions.current(.accounts, on: app.db)
            try await RoleGrant.query(on: app.db).filter(\.$user.$id == user.requireID()).first()!.delete(on: app.db)
            let afterGrant = try await CacheVersions.current(.accounts, on: app.db)
            struct Rollback: Error {}
            try? await app.db.transaction { tx in
                user.isActive = false
                try await user.save(on: tx)
                throw Rollback()
            }
            let afterRollback = try await CacheVersions.current(.accounts, on: app.db)
            let bumped = try await CacheVersions.bump(.accounts, on: app.db)
            // validate
            #expect(start > 0)
            #expect(afterUser == start + 1)
            #expect(afterGrant == start + 2)
            #expect(afterRollback == afterGrant)
            #expect(bumped == afterGrant + 1)
            #expect(try await CacheVersions.current([.accounts, .register], on: app.db)[.accounts] == bumped)
        }
    }

    @Test("the network map is kept per year until its version moves in the database, as another instance or a migration moves it")
    func networkMapVersion() async throws {
        try await withMaillage { app in
            // setup
            let maps = app.services.networkMaps
            #expect(try await maps.forYear(2026, on: app.db).delegation(ofDepartment: "44")?.code == "PDL")
            #expect(try await maps.forYear(2015, on: app.db).delegation(ofDepartment: "14")?.code == "BNO")
            // MUT: the map changes in the database, as another process would change it
            try await MapEntry.query(on: app.db).filter(\.$departmentCode == "44").delete()
            // validate: kept while the version stays, reloaded (every year) once it moves
            #expect(try await maps.forYear(2026, on: app.db).delegation(ofDepartment: "44")?.code == "PDL")
            try await CacheVersions.bump(.networkMap, on: app.db)
            #expect(try await maps.forYear(2026, on: app.db).delegation(ofDepartment: "44") == nil)
            #expect(try await maps.forYear(2015, on: app.db).delegation(ofDepartment: "44") == nil)
        }
    }

    @Test("the register's version is a row of cache_versions, moved by a structure's edit in its transaction; the old table is gone")
    func registerVersionRow() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let before = try await CacheVersions.current(.register, on: app.db)
            // MUT
            f.inPDL.name = "Relais Emploi Nantes Renommé"
            try await f.inPDL.save(on: app.db)
            // validate
            #expect(before > 0)
            #expect(try await CacheVersions.current(.register, on: app.db) == before + 1)
            #expect(try await RegisterVersion.current(on: app.db) == before + 1)
            #expect(try await CacheVersions.current(.networkMap, on: app.db) == 1)
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT version FROM register_version").run() }
        }
    }

    @Test("a live figure cube is recomputed when the register moves, not before")
    func liveFiguresFollowTheRegister() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(campaign, f.inPDL, type: "AI", status: .validated, on: app.db)
            let store = app.services.figures
            let first = try await ObservatoryData.computed(campaign, on: app.db, cache: store)
            // MUT: a new member joins; the register version moves with it
            let again = try await ObservatoryData.computed(campaign, on: app.db, cache: store)
            _ = try await Fixtures.structure("Nouvelle AI Nantes", siren: "100000009", types: [.ai], dep: "44", commune: "Nantes", on: app.db)
            let after = try await ObservatoryData.computed(campaign, on: app.db, cache: store)
            // validate
            #expect(again.members.count == first.members.count)
            #expect(after.members.count == first.members.count + 1)
        }
    }
}
