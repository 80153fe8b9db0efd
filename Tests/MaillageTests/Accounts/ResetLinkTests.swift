import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

/// A new password (reset link, invitation, account page) ends the user's other one-time links
/// and other sessions.
@Suite("Reset links: one use ends them all")
struct ResetLinkTests {
    /// The `/lien/…` paths of every e-mail sent to this address, oldest first.
    static func linkPaths(sentTo email: String, on app: Application) async throws -> [String] {
        try await OutboxMessage.query(on: app.db).filter(\.$recipient == email).sort(\.$createdAt).all().compactMap { message in
            guard let line = message.body.split(separator: "\n").first(where: { $0.contains("/lien/") }) else { return nil }
            return String(line[line.range(of: "/lien/")!.lowerBound...])
        }
    }

    static func linkPath(sentTo email: String, on app: Application) async throws -> String {
        try #require(try await linkPaths(sentTo: email, on: app).last)
    }

    @Test("using one reset link ends the user's other links, invitations included, and every other session")
    func resetEndsOtherLinksAndSessions() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let phone = try await f.browser(app, as: .trainer)
            let b = TestBrowser(app)
            try await b.post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            try await b.post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            try await b.post(.sendResetLink, form: [("email", Fixtures.Who.jurist.email)])
            let trainer = try #require(try await User.find(f.users[.trainer], on: app.db))
            try await PasswordResetController.sendLink(to: trainer, purpose: .invitation, on: app.db, baseURL: "")
            let links = try await Self.linkPaths(sentTo: Fixtures.Who.trainer.email, on: app)
            #expect(links.count == 3)
            let cookieBefore = b.cookie
            // MUT
            let used = try await b.post(links[0], form: [("password", "nouveau-mot-de-passe"), ("confirmation", "nouveau-mot-de-passe")])
            // validate
            #expect(used.status == .seeOther)
            for other in links.dropFirst() {
                #expect(try await TestBrowser(app).get(other).status == .notFound, "\(other) still open")
                #expect(try await TestBrowser(app).post(other, form: [("password", "mot-de-passe-pirate"), ("confirmation", "mot-de-passe-pirate")]).status == .notFound)
            }
            #expect(try await phone.get(.account).location?.hasPrefix("/connexion") == true)
            #expect(b.cookie != cookieBefore)  // signed in under a fresh session id
            #expect(try await b.get(.account).status == .ok)
            // another user's link is not touched
            let juristLink = try await Self.linkPath(sentTo: Fixtures.Who.jurist.email, on: app)
            #expect(try await TestBrowser(app).get(juristLink).status == .ok)
        }
    }

    @Test("changing the password ends the outstanding links and the other sessions, and keeps this one")
    func changeEndsLinksAndOtherSessions() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let laptop = try await f.browser(app, as: .trainer)
            let phone = try await f.browser(app, as: .trainer)
            try await TestBrowser(app).post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            let link = try await Self.linkPath(sentTo: Fixtures.Who.trainer.email, on: app)
            #expect(try await TestBrowser(app).get(link).status == .ok)
            // MUT
            let changed = try await laptop.post(.accountPassword, form: [
                ("current", Fixtures.password), ("password", "nouveau-mot-de-passe"), ("confirmation", "nouveau-mot-de-passe")])
            // validate
            #expect(changed.location == "/compte")
            #expect(try await laptop.get(.account).status == .ok)
            #expect(try await phone.get(.account).location?.hasPrefix("/connexion") == true)
            #expect(try await TestBrowser(app).get(link).status == .notFound)
            let unused = try await OneTimeToken.query(on: app.db).filter(\.$user.$id == f.users[.trainer]!).filter(\.$usedAt == nil).count()
            #expect(unused == 0)
        }
    }

    @Test("a wrong current password changes nothing: links and sessions stay")
    func failedChangeKeepsEverything() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let laptop = try await f.browser(app, as: .trainer)
            let phone = try await f.browser(app, as: .trainer)
            try await TestBrowser(app).post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            let link = try await Self.linkPath(sentTo: Fixtures.Who.trainer.email, on: app)
            // MUT
            let refused = try await laptop.post(.accountPassword, form: [
                ("current", "pas-le-bon"), ("password", "nouveau-mot-de-passe"), ("confirmation", "nouveau-mot-de-passe")])
            // validate
            #expect(refused.status == .unprocessableEntity)
            #expect(try await phone.get(.account).status == .ok)
            #expect(try await TestBrowser(app).get(link).status == .ok)
        }
    }
}
