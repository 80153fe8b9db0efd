import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

@Suite("Accounts: sign-in, throttling, sessions, reset and invitations")
struct AccountTests {
    @Test("a wrong password shows a French error and keeps the e-mail; the session cookie is HttpOnly and SameSite=Lax")
    func wrongPassword() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = TestBrowser(app)
            let login = try await b.get(.login)
            let cookie = login.headers.setCookie?["maillage_session"]
            #expect(cookie?.isHTTPOnly == true)
            #expect(cookie?.sameSite == .lax)
            let page = try await b.post(.submitLogin, form: [("email", Fixtures.Who.admin.email), ("password", "mauvais")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"form-error\""))
            #expect(page.body.contains("value=\"\(Fixtures.Who.admin.email)\""))
            _ = f
        }
    }

    @Test("after 5 failures the account is throttled, even with the right password")
    func throttling() async throws {
        try await withMaillage { app in
            _ = try await Fixtures.load(on: app)
            let b = TestBrowser(app)
            for _ in 0..<5 { try await b.post(.submitLogin, form: [("email", Fixtures.Who.jurist.email), ("password", "faux")]) }
            let page = try await b.post(.submitLogin, form: [("email", Fixtures.Who.jurist.email), ("password", Fixtures.password)])
            #expect(page.status == .tooManyRequests)
            #expect(page.body.contains("Trop de tentatives"))
            // another account from the same address is still fine
            let other = try await b.post(.submitLogin, form: [("email", Fixtures.Who.trainer.email), ("password", Fixtures.password)])
            #expect(other.status == .seeOther)
        }
    }

    @Test("a signed-out visitor is sent to the login page and back to where they were going")
    func returnAfterLogin() async throws {
        try await withMaillage { app in
            _ = try await Fixtures.load(on: app)
            let b = TestBrowser(app)
            let page = try await b.get(.delegations)
            #expect(page.location == "/connexion?retour=%2Fdelegations")
            try await b.get(page.location!)
            let login = try await b.post(.submitLogin, form: [("email", Fixtures.Who.admin.email), ("password", Fixtures.password), ("retour", "/delegations")])
            #expect(login.location == "/delegations")
            let evil = TestBrowser(app)
            try await evil.get(.login)
            let away = try await evil.post(.submitLogin, form: [("email", Fixtures.Who.admin.email), ("password", Fixtures.password), ("retour", "//evil.example")])
            #expect(away.location == "/")
        }
    }

    @Test("logging out everywhere ends the other sessions too")
    func logoutEverywhere() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let laptop = try await f.browser(app, as: .delegate)
            let phone = try await f.browser(app, as: .delegate)
            #expect(try await phone.get(.directory).status == .ok)
            let out = try await laptop.post(.logoutEverywhere)
            #expect(out.location == "/connexion")
            #expect(try await phone.get(.directory).location?.hasPrefix("/connexion") == true)
        }
    }

    @Test("password reset: the link goes to the outbox, works once, and expires")
    func passwordReset() async throws {
        try await withMaillage { app in
            _ = try await Fixtures.load(on: app)
            let b = TestBrowser(app)
            let unknown = try await b.post(.sendResetLink, form: [("email", "personne@nulle.part")])
            #expect(unknown.status == .ok)
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
            try await b.post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            let message = try await OutboxMessage.query(on: app.db).first()!
            #expect(message.recipient == Fixtures.Who.trainer.email)
            let link = String(message.body.split(separator: "\n").first { $0.contains("/lien/") }!)
            let path = String(link[link.range(of: "/lien/")!.lowerBound...])
            #expect(try await b.get(path).status == .ok)
            let short = try await b.post(path, form: [("password", "court"), ("confirmation", "court")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.contains("id=\"password-error\""))
            let ok = try await b.post(path, form: [("password", "nouveau-mot-de-passe"), ("confirmation", "nouveau-mot-de-passe")])
            #expect(ok.status == .seeOther)
            #expect(try await b.get(path).status == .notFound)  // used once
            let fresh = TestBrowser(app)
            try await fresh.login(Fixtures.Who.trainer.email, password: "nouveau-mot-de-passe")
        }
    }

    @Test("an invitation for a structure (the reminders page's link) says so and grants its manager role with it; an unknown id grants nothing")
    func invitationForAStructure() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let structure = f.inPDL
            let sid = try structure.requireID()
            // MUT
            let page = try await admin.get(SiteURL.newUser.path(query: ["structure": sid.uuidString]))
            let created = try await admin.post(.createUser, form: [("email", "responsable@exemple.fr"), ("display_name", "Camille Responsable"),
                                                                   ("structure", sid.uuidString)])
            let other = try await admin.post(.createUser, form: [("email", "autre@exemple.fr"), ("display_name", "Autre Personne"),
                                                                 ("structure", UUID().uuidString)])
            // validate
            #expect(page.body.contains("responsable de <strong>\(structure.name.replacingOccurrences(of: "'", with: "&#39;"))</strong>"))
            #expect(created.status == .seeOther && other.status == .seeOther)
            let invited = try #require(try await User.query(on: app.db).filter(\.$email == "responsable@exemple.fr").with(\.$grants).first())
            #expect(invited.grants.map(\.role) == [Role.memberManager.rawValue])
            #expect(invited.grants.first?.$structure.id == sid)
            let unknown = try #require(try await User.query(on: app.db).filter(\.$email == "autre@exemple.fr").with(\.$grants).first())
            #expect(unknown.grants.isEmpty)
        }
    }

    @Test("an admin invites a person, who sets a password and signs in with the granted role")
    func invitation() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let bad = try await admin.post(.createUser, form: [("email", "pas-une-adresse"), ("display_name", "")])
            #expect(bad.body.contains("id=\"email-error\""))
            #expect(bad.body.contains("id=\"display_name-error\""))
            let created = try await admin.post(.createUser, form: [("email", "nouvelle@exemple.fr"), ("display_name", "Nouvelle Personne")])
            #expect(created.status == .seeOther)
            let uid = try await User.query(on: app.db).filter(\.$email == "nouvelle@exemple.fr").first()!.id!
            let grant = try await admin.post(.userGrants(uid), form: [("role", "regional_delegate"), ("delegation", "NOR")])
            #expect(grant.status == .seeOther)
            let missing = try await admin.post(.userGrants(uid), form: [("role", "member_manager"), ("structure_siret", "")])
            #expect(missing.body.contains("id=\"structure_siret-error\""))
            let message = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "nouvelle@exemple.fr").first()!
            #expect(message.subject.contains("Invitation"))
            let link = String(message.body.split(separator: "\n").first { $0.contains("/lien/") }!)
            let path = String(link[link.range(of: "/lien/")!.lowerBound...])
            let invited = TestBrowser(app)
            try await invited.get(path)
            #expect(try await invited.post(path, form: [("password", "bienvenue-2026"), ("confirmation", "bienvenue-2026")]).status == .seeOther)
            let home = try await invited.get(.home)
            #expect(home.body.contains("Délégation Normandie"))
            let delegate = try await invited.get(.structure(f.gesNOR.id!))
            #expect(delegate.status == .ok)
        }
    }

    @Test("API tokens are shown once, scoped to their owner, and revocable")
    func apiTokens() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .member)
            let empty = try await b.post(.accountTokens, form: [("name", "")])
            #expect(empty.body.contains("id=\"token-name-error\""))
            #expect(try await b.post(.accountTokens, form: [("name", "Tableur")]).status == .seeOther)
            let page = try await b.get(.account)
            let marker = "<code id=\"new-token\">"
            let start = page.body.range(of: marker)!.upperBound
            let token = String(page.body[start...].prefix { $0 != "<" })
            #expect(token.hasPrefix("mlg_"))
            #expect(!(try await b.get(.account)).body.contains(token))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            let list = try await TestBrowser(app).send(.apiStructures, headers: headers)
            #expect(list.status == .ok)
            #expect(list.body.contains("\"total\":1"))
            let record = try await APIToken.query(on: app.db).filter(\.$name == "Tableur").first()!
            #expect(try await b.post(.revokeToken(record.id!)).status == .seeOther)
            let after = try await TestBrowser(app).send(.apiStructures, headers: headers)
            #expect(after.status == .unauthorized)
        }
    }
}
