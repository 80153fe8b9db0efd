import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #12, item 7: `GET /api/v1/juridique/questions`, scoped by the token owner's rights.
@Suite("Legal desk API")
struct LegalAPITests {
    struct List: Decodable {
        struct Item: Decodable {
            let id: UUID; let structure_id: UUID; let structure_name: String; let category: String; let subject: String?
            let status: String; let asked_on: String; let due_on: String; let overdue: Bool; let answered_on: String?
        }
        let items: [Item]
        let page: Int
        let per_page: Int
        let total: Int
    }

    static func get(_ app: Application, _ path: String, token: String?) async throws -> TestBrowser.Page {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await TestBrowser(app).send(.GET, path, headers: headers, body: nil)
    }

    static func list(_ app: Application, _ path: String, token: String?) async throws -> List {
        let res = try await get(app, path, token: token)
        #expect(res.status == .ok, "\(path): \(res.body)")
        for secret in ["TEXTE-PRIVE-PROPRE", "TEXTE-PARTAGE", "TEXTE-NOR", "NOTE-INTERNE-SECRETE"] { #expect(!res.body.contains(secret)) }
        return try JSONDecoder().decode(List.self, from: Data(res.body.utf8))
    }

    @Test("member: its own; delegate: its delegation's, subject null unless shared; jurist: all; pages and year")
    func scoping() async throws {
        try await withMaillage { app in
            // setup
            let d = try await LegalHomeTests.load(app, today: "2026-04-10")
            let path = SiteURL.legal(.apiQuestions).path
            let old = try await LegalFactory.makeQuestion(on: app.db, structure: d.f.inPDL, subject: "Ancienne", askedOn: "2025-05-05")
            // MUT
            let member = try await Self.list(app, path, token: d.f.tokens[.member])
            let delegate = try await Self.list(app, path, token: d.f.tokens[.delegate])
            let jurist = try await Self.list(app, path, token: d.f.tokens[.jurist])
            let year = try await Self.list(app, path + "?annee=2025", token: d.f.tokens[.jurist])
            let second = try await Self.list(app, path + "?per_page=1&page=2", token: d.f.tokens[.jurist])
            // validate
            #expect(member.items.map(\.id) == [d.own.id!, old.id!] && member.total == 2)
            let own = member.items[0]
            #expect(own.subject == "Rupture conventionnelle en CDDI" && own.status == "new" && own.category == "labour")
            #expect(own.asked_on == "2026-04-01" && own.due_on == "2026-04-09" && own.overdue && own.answered_on == nil)
            #expect(own.structure_id == d.f.inPDL.id! && own.structure_name == "Relais Emploi Nantes")
            #expect(Set(delegate.items.map(\.id)) == [d.own.id!, d.shared.id!, old.id!])
            #expect(delegate.items.first { $0.id == d.own.id }?.subject == nil)
            #expect(delegate.items.first { $0.id == d.shared.id }?.subject == "TVA sur les ventes de bois")
            #expect(delegate.items.first { $0.id == d.shared.id }?.overdue == false)
            #expect(jurist.total == 4 && jurist.items.first { $0.id == d.nor.id }?.answered_on == "2026-02-02")
            #expect(year.items.map(\.id) == [old.id!])
            #expect(second.items.map(\.id) == [d.shared.id!] && second.per_page == 1 && second.page == 2 && second.total == 4)
        }
    }

    @Test("401 without a token, 403 for an admin, 400 for a bad parameter; the null subject is present")
    func errors() async throws {
        try await withMaillage { app in
            let d = try await LegalHomeTests.load(app)
            let path = SiteURL.legal(.apiQuestions).path
            #expect(try await Self.get(app, path, token: nil).status == .unauthorized)
            #expect(try await Self.get(app, path, token: "mlg_nope").status == .unauthorized)
            #expect(try await Self.get(app, path, token: d.f.tokens[.admin]).status == .forbidden)
            let bad = try await Self.get(app, path + "?annee=1999&x=1", token: d.f.tokens[.jurist])
            #expect(bad.status == .badRequest && bad.body.contains("annee") && bad.body.contains("x"))
            let raw = try await Self.get(app, path, token: d.f.tokens[.delegate])
            #expect(raw.body.contains("\"subject\":null"))
        }
    }
}
