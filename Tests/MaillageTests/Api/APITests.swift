import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

@Suite("JSON API /api/v1")
struct APITests {
    static func get(_ app: Application, _ path: String, token: String?) async throws -> TestBrowser.Page {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await TestBrowser(app).send(.GET, path, headers: headers, body: nil)
    }

    static func get(_ app: Application, _ url: SiteURL, query: KeyValuePairs<String, String?> = [:], token: String?) async throws -> TestBrowser.Page {
        try await get(app, url.path(query: query), token: token)
    }

    /// The structures list with a raw query string, sent as typed (malformed ones included).
    static func structures(_ query: String) -> String { SiteURL.apiStructures.path + "?" + query }

    struct List: Decodable {
        struct Item: Decodable { let id: UUID; let siret: String; let name: String; let types: [String]; let delegation: String?; let status: String; let entity_ids: [UUID] }
        let items: [Item]
        let total: Int
        let page: Int
        let per_page: Int
    }

    @Test("lists with the directory's filters, scoped to the token owner")
    func listing() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let all = try JSONDecoder().decode(List.self, from: Data(try await Self.get(app, .apiStructures, token: f.tokens[.admin]).body.utf8))
            #expect(all.total == 4)
            #expect(all.items.map(\.name) == ["Chantier Nature Vendée", "Groupe Solidaire Caen", "Relais Emploi Nantes", "Tempo Emploi Caen"])
            let ges = all.items.first { $0.types == ["GES"] }!
            #expect(ges.entity_ids == [f.entityNOR.id!])
            let pdl = try JSONDecoder().decode(List.self, from: Data(try await Self.get(app, .apiStructures, query: ["delegation": "PDL", "sort": "-name"], token: f.tokens[.admin]).body.utf8))
            #expect(pdl.items.map(\.name) == ["Relais Emploi Nantes", "Chantier Nature Vendée"])
            let delegate = try JSONDecoder().decode(List.self, from: Data(try await Self.get(app, .apiStructures, token: f.tokens[.delegate]).body.utf8))
            #expect(delegate.total == 2)
            let member = try JSONDecoder().decode(List.self, from: Data(try await Self.get(app, .apiStructures, query: ["q": "nantes"], token: f.tokens[.member]).body.utf8))
            #expect(member.items.map(\.id) == [f.inPDL.id!])
            let paged = try JSONDecoder().decode(List.self, from: Data(try await Self.get(app, .apiStructures, query: ["per_page": "1", "page": "2"], token: f.tokens[.admin]).body.utf8))
            #expect(paged.items.count == 1)
            #expect(paged.total == 4)
        }
    }

    @Test("bad parameters are 400, missing tokens 401, out-of-scope records 404, with a JSON reason")
    func errors() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            for q in ["page=abc", "per_page=0", "per_page=500", "type=XYZ", "status=dormant", "sort=random", "delegation=ZZZ"] {
                let res = try await Self.get(app, Self.structures(q), token: f.tokens[.admin])
                #expect(res.status == .badRequest, "\(q)")
                #expect(res.body.contains("\"error\":true"))
            }
            #expect(try await Self.get(app, .apiStructures, token: nil).status == .unauthorized)
            #expect(try await Self.get(app, .apiStructures, token: "mlg_inconnu").status == .unauthorized)
            #expect(try await Self.get(app, .apiStructure(f.gesNOR.id!), token: f.tokens[.delegate]).status == .notFound)
            #expect(try await Self.get(app, "/api/v1/structures/pas-un-uuid", token: f.tokens[.admin]).status == .notFound)
            let one = try await Self.get(app, .apiStructure(f.gesNOR.id!), token: f.tokens[.jurist])
            #expect(one.status == .ok)
            #expect(one.body.contains("\"memberships\":[{"))
            #expect(try await Self.get(app, .apiDelegation("XXX"), token: f.tokens[.admin]).status == .notFound)
            // every key is present, null when empty
            #expect(one.body.contains("\"website\":null"))
            #expect(one.body.contains("\"left_on\":null"))
            #expect(one.body.contains("\"leave_reason\":null"))
            for q in ["department=", "department=1", "page=+2"] {
                #expect(try await Self.get(app, Self.structures(q), token: f.tokens[.admin]).status == .badRequest, "\(q)")
            }
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: f.tokens[.admin]!)
            let post = try await TestBrowser(app).send(.apiDelegations, method: .POST, headers: headers)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers.first(name: "Allow") == "GET")
        }
    }

    @Test("delegations carry their departments and member counts; the OpenAPI document is served")
    func delegations() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let res = try await Self.get(app, .apiDelegation("PDL"), token: f.tokens[.board])
            struct D: Decodable { let code: String; let name: String; let departments: [String]; let active_members: Int }
            let d = try JSONDecoder().decode(D.self, from: Data(res.body.utf8))
            #expect(d.departments == ["44", "49", "53", "72", "85"])
            #expect(d.active_members == 2)
            let list = try await Self.get(app, .apiDelegations, token: f.tokens[.board])
            #expect(list.body.components(separatedBy: "\"code\"").count - 1 == 14)
            let doc = try await Self.get(app, .openAPI, token: nil)
            #expect(doc.status == .ok)
            #expect(doc.body.contains("\"openapi\""))
        }
    }
}
