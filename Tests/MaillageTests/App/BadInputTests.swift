import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

@Suite("Bad input never becomes a 500 nor half a record")
struct BadInputTests {
    @Test("a form without its CSRF token is refused and changes nothing")
    func missingCSRF() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let page = try await b.post(.updateStructure(f.inPDL.id!), form: [("name", "Piraté"), ("siret", f.inPDL.siret)], csrf: false)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("formulaire a expiré"))
            #expect(try await Structure.find(f.inPDL.id!, on: app.db)!.name == "Relais Emploi Nantes")
            let forged = try await b.post(.updateStructure(f.inPDL.id!), form: [("name", "Piraté"), ("_csrf", "faux")], csrf: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test("malformed bodies get 4xx answers", arguments: [
        ("application/x-www-form-urlencoded", "name=%FF%FE&siret=%E9"),
        ("application/x-www-form-urlencoded", "types[=1&&&=="),
        ("application/json", "{\"name\": 12, \"types\": \"AI\""),
        ("multipart/form-data; boundary=x", "--x\r\ngarbage"),
        ("text/plain", "\u{0}\u{1}binary"),
    ])
    func malformedBodies(_ type: String, _ body: String) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: type)
            headers.replaceOrAdd(name: "X-CSRF-Token", value: b.csrf ?? "")
            let page = try await b.send(.updateStructure(f.inPDL.id!), headers: headers, body: ByteBuffer(string: body))
            #expect((400..<500).contains(page.status.code), "\(type): \(page.status)")
            #expect(try await Structure.find(f.inPDL.id!, on: app.db)!.name == "Relais Emploi Nantes")
        }
    }

    @Test("an oversized body is refused with 413")
    func oversized() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let big = String(repeating: "a", count: 2 << 20)
            let page = try await b.post(.updateStructure(f.inPDL.id!), form: [("name", big)])
            #expect(page.status == .payloadTooLarge)
        }
    }

    @Test("wrong ids and unknown pages are 404 pages in French")
    func notFound() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            for path in ["/adherents/pas-un-uuid", SiteURL.structure(UUID()).path, "/nulle-part", SiteURL.editMembership(f.inPDL.id!, UUID()).path] {
                let page = try await b.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("Page introuvable"), "\(path)")
            }
        }
    }

    @Test("a NUL in a path (raw or %00) is a French 404 before any route: never a database error", arguments: [
        "/agenda/flux/personnel/%00.ics", "/formations/avis/%00", "/adherents/%00", "/juridique/questions/a%00b",
    ])
    func nulInPath(_ path: String) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            for who in [Fixtures.Who.anonymous, .member] {
                let page = try await f.browser(app, as: who).get(path)
                #expect(page.status == .notFound, "\(path) as \(who): \(page.status)")
                #expect(page.body.contains("caractère nul"), "\(path)")
            }
        }
    }
}
