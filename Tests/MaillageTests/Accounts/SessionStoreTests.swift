import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

@Suite("Database sessions")
struct SessionStoreTests {
    @Test("expired sessions and day-old login tries are pruned, live ones kept")
    func prune() async throws {
        try await withMaillage { app in
            let live = SessionEntry(), dead = SessionEntry()
            live.keyHash = "a"; live.data = "{}"; live.expiresAt = Date().addingTimeInterval(3600)
            dead.keyHash = "b"; dead.data = "{}"; dead.expiresAt = Date().addingTimeInterval(-1)
            try await live.create(on: app.db)
            try await dead.create(on: app.db)
            try await AccountsFactory.makeLoginAttempt(on: app.db, ago: 2 * 24 * 3600)
            try await AccountsFactory.makeLoginAttempt(on: app.db)
            try await DatabaseSessionDriver.prune(on: app.db)
            #expect(try await SessionEntry.query(on: app.db).all().map(\.keyHash) == ["a"])
            #expect(try await LoginAttempt.query(on: app.db).count() == 1)
        }
    }

    @Test("an unchanged session is not written back; the cookie's value is not stored in clear")
    func noWriteWhenUnchanged() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .jurist)
            let before = try await SessionEntry.query(on: app.db).all()
            #expect(!before.contains { $0.keyHash == b.cookie })
            let cookie = try #require(b.cookie)
            let row = try #require(before.first { $0.keyHash == SecretToken.hash(cookie) }, "cookie \(cookie) rows \(before.map(\.keyHash))")
            try await b.get(.directory)
            try await b.get(.delegations)
            let after = try await SessionEntry.query(on: app.db).filter(\.$keyHash == row.keyHash).first()!
            #expect(after.expiresAt == row.expiresAt)
            #expect(after.data == row.data)
        }
    }
}

@Suite("Secret tokens")
struct SecretTokenTests {
    @Test("hashes are lower-case hex SHA-256")
    func sha256Hex() {
        #expect(SecretToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretToken.generate(prefix: "mlg_").hasPrefix("mlg_"))
        #expect(SecretToken.generate() != SecretToken.generate())
    }
}
