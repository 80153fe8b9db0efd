import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import Maillage

/// Accounts, role grants, API tokens and login attempts for app tests, written straight to
/// the database with defaults, so that a test states only what matters to it.
enum AccountsFactory {
    /// The password of every account made here (and of `Fixtures`' accounts).
    static let password = "motdepasse-test"

    /// What a role grant is scoped to: a delegation (delegates), a structure (member managers).
    enum Scope {
        case none
        case delegation(code: String)
        case structure(Structure)
    }

    /// An active account with `password` (nil: an invitation not yet taken up), and `role`
    /// if given. Without an `email`, each call takes the next `personne-N@test.maillage.test`.
    @discardableResult
    static func makeUser(on app: Application, email: String? = nil, displayName: String = "Personne d'essai",
                         password: String? = password, active: Bool = true,
                         role: Role? = nil, scope: Scope = .none) async throws -> User {
        let user = User(email: email ?? nextEmail(), displayName: displayName,
                        passwordHash: try password.map { try app.password.hash($0) })
        user.isActive = active
        try await user.create(on: app.db)
        if let role { try await makeGrant(on: app.db, user: user, role: role, scope: scope) }
        return user
    }

    @discardableResult
    static func makeGrant(on db: any Database, user: User, role: Role, scope: Scope = .none) async throws -> RoleGrant {
        let grant = RoleGrant(userID: try user.requireID(), role: role)
        switch scope {
        case .none: break
        case .delegation(let code):
            let delegation = try #require(try await NetworkMap.load(on: db).delegation(code: code), "no delegation \(code)")
            grant.$delegation.id = delegation.delegationID
        case .structure(let s):
            grant.$structure.id = try s.requireID()
        }
        try await grant.create(on: db)
        return grant
    }

    /// An API token of `user` whose secret is `secret` (only its hash is stored, as the account page does).
    @discardableResult
    static func makeToken(on db: any Database, user: User, secret: String, name: String = "test") async throws -> APIToken {
        let token = APIToken(userID: try user.requireID(), name: name, tokenHash: SecretToken.hash(secret), prefix: "mlg_test")
        try await token.create(on: db)
        return token
    }

    /// One sign-in try, `ago` seconds before `now` (a failure by default).
    @discardableResult
    static func makeLoginAttempt(on db: any Database, email: String = "x@exemple.fr", ip: String = "192.0.2.1",
                                 succeeded: Bool = false, ago: TimeInterval = 0, now: Date = Date()) async throws -> LoginAttempt {
        let attempt = LoginAttempt(email: email, ip: ip, succeeded: succeeded, at: now.addingTimeInterval(-ago))
        try await attempt.create(on: db)
        return attempt
    }

    static func nextEmail() -> String {
        "personne-\(emails.withLockedValue { n in n += 1; return n })@test.maillage.test"
    }

    private static let emails = NIOLockedValueBox(0)
}
