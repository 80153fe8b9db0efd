import Foundation
import Testing
import Vapor
@testable import Maillage

/// Security and cache headers on every kind of response, error pages and downloads included,
/// through the real middleware stack.
@Suite("Security and cache headers")
struct HeadersTests {
    struct Failure: Error {}

    /// The headers every response carries; `html` adds the Content-Security-Policy.
    static func expectBaseHeaders(_ page: TestBrowser.Page, html: Bool, private isPrivate: Bool = true, _ what: String) {
        #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what): nosniff")
        #expect(page.headers.first(name: "X-Frame-Options") == "DENY", "\(what): X-Frame-Options")
        #expect(page.headers.first(name: "Referrer-Policy") == "same-origin", "\(what): Referrer-Policy")
        if html {
            #expect(page.headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy, "\(what): CSP")
        }
        if isPrivate {
            #expect(page.headers.first(name: .cacheControl) == "private, no-store", "\(what): Cache-Control")
        }
    }

    @Test("error pages (400, 403, CSRF 403, 404, 413, 422, 429, 500) carry the same headers as other pages")
    func errorPages() async throws {
        try await withMaillage { app in
            // setup: routes that fail on purpose, registered before the first request
            app.get("test-panne") { _ -> String in throw Failure() }.rule(.everyone)
            app.get("test-trop-vite") { _ -> String in throw Abort(.tooManyRequests) }.rule(.everyone)
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let member = try await f.browser(app, as: .member)
            let anonymous = try await f.browser(app, as: .anonymous)
            var malformed = HTTPHeaders()
            malformed.contentType = .json
            malformed.replaceOrAdd(name: "X-CSRF-Token", value: admin.csrf ?? "")

            // MUT
            let cases: [(String, HTTPStatus, TestBrowser.Page)] = [
                ("404 signed in", .notFound, try await admin.get("/nulle-part")),
                ("404 anonymous", .notFound, try await anonymous.get("/nulle-part")),
                ("403", .forbidden, try await member.get(.users)),
                ("CSRF 403", .forbidden, try await admin.post(.updateStructure(f.inPDL.id!), form: [("name", "x")], csrf: false)),
                ("413", .payloadTooLarge, try await admin.post(.updateStructure(f.inPDL.id!), form: [("name", String(repeating: "a", count: 2 << 20))])),
                ("400", .badRequest, try await admin.send(.updateStructure(f.inPDL.id!), headers: malformed,
                                                           body: ByteBuffer(string: "{\"name\": 12, \"types\": \"AI\""))),
                ("422", .unprocessableEntity, try await admin.post(.createCampaign, form: [("year", "abc")])),
                ("429", .tooManyRequests, try await anonymous.get("/test-trop-vite")),
                ("500", .internalServerError, try await anonymous.get("/test-panne")),
            ]

            // validate
            for (what, status, page) in cases {
                #expect(page.status == status, "\(what): \(page.status)")
                #expect(page.headers.contentType == .html, "\(what): an HTML page")
                #expect(page.body.contains("Retour à l'accueil") || status == .unprocessableEntity, "\(what): the French error page")
                Self.expectBaseHeaders(page, html: true, what)
            }
        }
    }

    @Test("API errors (401, 404, 405) carry the headers, as JSON")
    func apiErrors() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            var bearer = HTTPHeaders()
            bearer.bearerAuthorization = .init(token: f.tokens[.admin]!)
            let client = TestBrowser(app)
            // MUT
            let cases: [(String, HTTPStatus, TestBrowser.Page)] = [
                ("401", .unauthorized, try await client.send(.apiStructures)),
                ("404", .notFound, try await client.send(.apiStructure(UUID()), headers: bearer)),
                ("405", .methodNotAllowed, try await client.send(.apiStructures, method: .DELETE, headers: bearer)),
            ]
            // validate
            for (what, status, page) in cases {
                #expect(page.status == status, "\(what): \(page.status)")
                #expect(page.headers.contentType == .json, "\(what): JSON")
                Self.expectBaseHeaders(page, html: false, what)
            }
        }
    }

    @Test("downloads, figures and the API are private and never stored")
    func privateDownloads() async throws {
        try await withMaillage { app in
            // setup
            let network = try await ReportTests.network(app)
            _ = try await ReleaseService.publish(network.campaign, by: nil, on: app.db)
            let admin = try await network.f.browser(app, as: .admin)
            var bearer = HTTPHeaders()
            bearer.bearerAuthorization = .init(token: network.f.tokens[.admin]!)
            let paths = [SiteURL.exportMembersCSV, .exportMembersXLSX, .answersExport(2024, "csv"),
                         .answersExport(2024, "xlsx"), .reportTable(2024, "national", "financeurs.csv"), .figuresJSON(2024)].map(\.path)
            // MUT
            var pages = [(String, TestBrowser.Page)]()
            for path in paths { pages.append((path, try await admin.get(path))) }
            for url in [SiteURL.apiStructures, .apiDelegations, .apiFigures(2024)] {
                pages.append((url.path, try await TestBrowser(app).send(url, headers: bearer)))
            }
            pages.append((SiteURL.directory.path, try await admin.get(.directory)))
            // validate
            for (path, page) in pages {
                #expect(page.status == .ok, "\(path): \(page.status)")
                Self.expectBaseHeaders(page, html: path == SiteURL.directory.path, path)
            }
        }
    }

    @Test("public assets may be cached, even for a signed-in user; a missing one is a private 404 page")
    func publicAssets() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let css = try await admin.get("/css/app.css")
            let missing = try await admin.get("/css/absent.css")
            // validate
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .cacheControl) == nil)
            Self.expectBaseHeaders(css, html: false, private: false, "app.css")
            #expect(missing.status == .notFound)
            Self.expectBaseHeaders(missing, html: true, "absent.css")
        }
    }

    @Test("HSTS only when the base URL is https, on every response")
    func strictTransportSecurity() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            app.config.baseURL = "http://127.0.0.1:8080"
            let plain = try await admin.get(.home)
            app.config.baseURL = "https://maillage.example.org"
            let pages = [try await admin.get(.home), try await admin.get("/nulle-part"), try await admin.get("/css/app.css"),
                         try await admin.get(.exportMembersCSV)]
            // validate
            #expect(plain.headers.first(name: .strictTransportSecurity) == nil)
            for page in pages {
                #expect(page.headers.first(name: .strictTransportSecurity) == "max-age=31536000; includeSubDomains", "\(page.status)")
            }
        }
    }
}
