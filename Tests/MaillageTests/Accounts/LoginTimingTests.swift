import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import Maillage

/// Bcrypt at cost 4 that notes every hash it is asked to verify against: the seam that shows
/// whether a sign-in spent the bcrypt work.
final class CountingHasher: PasswordHasher, @unchecked Sendable {
    let verified = NIOLockedValueBox<[String]>([])

    func hash<P: DataProtocol>(_ password: P) throws -> [UInt8] {
        Array(try Bcrypt.hash(String(decoding: Array(password), as: UTF8.self), cost: 4).utf8)
    }

    func verify<P: DataProtocol, D: DataProtocol>(_ password: P, created digest: D) throws -> Bool {
        let hash = String(decoding: Array(digest), as: UTF8.self)
        verified.withLockedValue { $0.append(hash) }
        return try Bcrypt.verify(String(decoding: Array(password), as: UTF8.self), created: hash)
    }
}

@Suite("Login timing: no account enumeration")
struct LoginTimingTests {
    @Test("unknown, inactive and password-less accounts spend one bcrypt verification of the same cost as a real one",
          arguments: ["unknown", "inactive", "no-password", "real", "empty-password"])
    func sameWork(_ kind: String) async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            try await AccountsFactory.makeUser(on: app, email: "parti@exemple.fr", active: false)
            try await AccountsFactory.makeUser(on: app, email: "invite@exemple.fr", password: nil)
            let hasher = CountingHasher()
            app.passwords.use { _ in hasher }
            let (email, password) = switch kind {
            case "unknown": ("personne@exemple.fr", Fixtures.password)
            case "inactive": ("parti@exemple.fr", Fixtures.password)
            case "no-password": ("invite@exemple.fr", Fixtures.password)
            case "empty-password": (Fixtures.Who.jurist.email, "")
            default: (Fixtures.Who.jurist.email, "faux")
            }
            let b = TestBrowser(app)
            try await b.get(.login)
            // MUT
            let page = try await b.post(.submitLogin, form: [("email", email), ("password", password)])
            // validate
            #expect(page.status == .unprocessableEntity)
            let verified = hasher.verified.withLockedValue { $0 }
            #expect(verified.count == 1)
            let realHash = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.Who.jurist.email).first()?.passwordHash)
            #expect(verified.first.map { $0.prefix(7) } == realHash.prefix(7))  // "$2b$04$": same algorithm and cost
            #expect(verified.first?.count == realHash.count)
        }
    }

    @Test("the dummy hash is made once")
    func dummyMadeOnce() async throws {
        try await withMaillage { app in
            // setup
            let b = TestBrowser(app)
            // MUT
            for i in 0..<3 { try await b.post(.submitLogin, form: [("email", "x\(i)@exemple.fr"), ("password", "faux")]) }
            // validate
            let hasher = CountingHasher()
            app.passwords.use { _ in hasher }
            try await b.post(.submitLogin, form: [("email", "y@exemple.fr"), ("password", "faux")])
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let first = try await DummyPasswordHash.get(request)
            #expect(try await DummyPasswordHash.get(request) == first)
            #expect(hasher.verified.withLockedValue { $0 } == [first])
        }
    }
}
