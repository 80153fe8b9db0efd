import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11, item 9: `GET /api/v1/cotisations/{year}/appels`, scoped by the token owner's rights.
@Suite("Dues API")
struct DuesAPITests {
    struct List: Decodable {
        struct Item: Decodable {
            let number: String; let issued_on: String; let due_on: String; let siret: String; let name: String
            let delegation: String?; let grid_version: Int; let total_eur: String; let credited_eur: String
            let paid_eur: String; let outstanding_eur: String; let status: String; let explanation: [String]
        }
        let year: Int
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
        return try JSONDecoder().decode(List.self, from: Data(res.body.utf8))
    }

    @Test("an admin lists every call with exact amounts, status and explanation; pages")
    func admin() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let path = DuesURL.apiCalls(2026).path
            // MUT
            let all = try await Self.list(app, path, token: y.f.tokens[.admin])
            let second = try await Self.list(app, path + "?per_page=1&page=2", token: y.f.tokens[.admin])
            let beyond = try await Self.list(app, path + "?page=9", token: y.f.tokens[.admin])
            // validate
            #expect(all.year == 2026 && all.total == 4 && all.page == 1 && all.per_page == 50)
            #expect(all.items.map(\.number) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"])
            let a = all.items[0]
            #expect(a.total_eur == "4474.07" && a.credited_eur == "0.00" && a.paid_eur == "0.00" && a.outstanding_eur == "4474.07")
            #expect(a.status == "overdue" && a.delegation == "PDL" && a.grid_version == 1 && a.siret == y.f.inPDL.siret)
            #expect(a.explanation.first == "Part fixe 800,00\u{202F}€" || a.explanation.first?.hasPrefix("Part fixe 800,00") == true)
            #expect(a.explanation.last?.hasPrefix("Total 4\u{202F}474,07") == true)
            #expect(all.items[1].status == "paid" && all.items[2].paid_eur == "400.01" && all.items[2].delegation == "NOR")
            #expect(second.items.map(\.number) == ["2026-0002"] && second.total == 4 && second.per_page == 1 && second.page == 2)
            #expect(beyond.items.isEmpty && beyond.total == 4)
        }
    }

    @Test("a member sees only its own call, a delegate their delegation's, others are refused")
    func scoping() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let path = DuesURL.apiCalls(2026).path
            // MUT
            let member = try await Self.list(app, path, token: y.f.tokens[.member])
            let delegate = try await Self.list(app, path, token: y.f.tokens[.delegate])
            let jurist = try await Self.get(app, path, token: y.f.tokens[.jurist])
            let anonymous = try await Self.get(app, path, token: nil)
            // validate
            #expect(member.items.map(\.number) == [y.a.number] && member.total == 1)
            #expect(delegate.items.map(\.number) == [y.a.number, y.b.number, y.d.number])
            #expect(jurist.status == .forbidden)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("a bad year is a JSON 404, a bad or unknown parameter a JSON 400; another year is empty")
    func errors() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let token = y.f.tokens[.admin]
            // MUT + validate
            for path in ["/api/v1/cotisations/1999/appels", "/api/v1/cotisations/abc/appels", "/api/v1/cotisations/2101/appels"] {
                let res = try await Self.get(app, path, token: token)
                #expect(res.status == .notFound, "\(path)")
                #expect(res.body.contains("\"error\":true"), "\(path)")
            }
            for q in ["per_page=0", "per_page=201", "page=abc", "page=0", "statut=paid"] {
                let res = try await Self.get(app, DuesURL.apiCalls(2026).path + "?" + q, token: token)
                #expect(res.status == .badRequest, "\(q)")
                #expect(res.body.contains("\"error\":true"), "\(q)")
            }
            let other = try await Self.list(app, DuesURL.apiCalls(2025).path, token: token)
            #expect(other.items.isEmpty && other.total == 0)
        }
    }

    @Test("the OpenAPI document describes the operation")
    func openAPI() async throws {
        try await withMaillage { app in
            // MUT
            let doc = try await Self.get(app, SiteURL.openAPI.path, token: nil)
            // validate
            let json = try JSONSerialization.jsonObject(with: Data(doc.body.utf8)) as? [String: Any]
            let paths = json?["paths"] as? [String: Any]
            let op = (paths?["/api/v1/cotisations/{year}/appels"] as? [String: Any])?["get"] as? [String: Any]
            #expect(op?["operationId"] as? String == "listDuesCalls")
        }
    }
}
