import Foundation
import Testing
import Vapor
@testable import Maillage

/// `retour` after sign-in: a path on this site, as a browser (WHATWG URL rules) would read it.
@Suite("Redirect: the return path after sign-in stays on the site")
struct RedirectTests {
    @Test("refused: what a browser could resolve to another site, or would rewrite",
          arguments: [
            "/\t/evil.test", "/\n/evil.test", "/\r\n/evil", "\t/x", "/\\evil.test", "\\/evil.test", "/\\/evil.test",
            "/x\\y", "//evil.test", "///evil.test", "https://evil.test", "javascript:alert(1)", "evil.test",
            " /x", "/x ", "/ x", "", "/\u{0}/evil.test", "/\u{7F}", "/\u{85}/x", "/\u{A0}/x", "/\u{200B}/x",
            "/\u{2028}/evil.test", "/\u{FF0F}evil.test",
          ])
    func refused(_ path: String) {
        #expect(LoginController.safeReturnPath(path) == nil)
    }

    @Test("accepted: paths on this site",
          arguments: ["/", "/x", "/adherents?q=a", "/adherents/12#fiche", "/a//b", "/%09/evil.test", "/%2F%2Fevil.test"])
    func accepted(_ path: String) {
        #expect(LoginController.safeReturnPath(path) == path)
    }

    @Test("a signed-in visitor following /connexion?retour=… is never sent to another site",
          arguments: ["%2F%09%2Fevil.test", "%2F%5Cevil.test", "%2F%2Fevil.test", "%2F%0D%0A%2Fevil", "https%3A%2F%2Fevil.test", "+%2Fx"])
    func signedInRedirect(_ retour: String) async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .jurist)
            // MUT
            let page = try await b.get(SiteURL.login.path + "?retour=\(retour)")  // already percent-encoded
            // validate
            #expect(page.location == "/")
        }
    }

    @Test("the sign-in form ignores a foreign retour, keeps a local one with its query")
    func loginForm() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            let anonymous = TestBrowser(app)
            let form = try await anonymous.get(.login, query: ["retour": "/\t/evil.test"])
            let sent = try await anonymous.get(.directory, query: ["q": "a"])
            // MUT
            let evil = try await TestBrowser(app).post(.submitLogin, form: [
                ("email", Fixtures.Who.admin.email), ("password", Fixtures.password), ("retour", "/\t/evil.test")])
            let back = try await TestBrowser(app).post(.submitLogin, form: [
                ("email", Fixtures.Who.admin.email), ("password", Fixtures.password), ("retour", "/adherents?q=a")])
            // validate
            #expect(!form.body.contains("name=\"retour\""))
            #expect(sent.location == "/connexion?retour=%2Fadherents%3Fq%3Da")
            #expect(evil.location == "/")
            #expect(back.location == "/adherents?q=a")
        }
    }
}
