import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Secrecy over time: members, board members and every role but admins and delegates read
/// published, frozen releases; the before/after differencing attack of the demo fails.
@Suite("Observatory releases")
struct ReleaseTests {
    /// 2024, k = 3: the report tests' network (6 answers, 4 AI in Pays de la Loire).
    static func network(_ app: Application) async throws -> ReportTests.Network { try await ReportTests.network(app, published: false) }

    static func json(_ page: TestBrowser.Page) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any] ?? [:]
    }

    @Test("nothing published: members and board members get a French 404; admins and delegates see live figures marked provisional")
    func unpublished() async throws {
        try await withMaillage { app in
            // setup
            let n = try await Self.network(app)
            // MUT / validate
            for who in [Fixtures.Who.member, .board, .jurist, .trainer] {
                let b = try await n.f.browser(app, as: who)
                for path in ["/observatoire/2024/rapport", "/observatoire/2024/chiffres.json", "/observatoire/2024/rapport/PDL",
                             "/observatoire/2024/portrait/AI", "/observatoire/2024/tableaux/national/financeurs.csv"] {
                    let page = try await b.get(path)
                    #expect(page.status == .notFound, "\(who) \(path)")
                    #expect(page.body.contains("pas encore publiés"), "\(who) \(path)")
                }
            }
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: n.f.tokens[.member]!)
            let api = try await TestBrowser(app).send(.GET, "/api/v1/observatoire/2024/chiffres", headers: headers, body: nil)
            #expect(api.status == .notFound)
            // The admin: live everywhere. The PDL delegate: live for PDL only; the network's
            // figures and other delegations' come from releases for them too.
            for (who, scope) in [(Fixtures.Who.admin, "national"), (.admin, "NOR"), (.delegate, "PDL")] {
                let b = try await n.f.browser(app, as: who)
                let report = try await b.get(scope == "national" ? "/observatoire/2024/rapport" : "/observatoire/2024/rapport/\(scope)")
                #expect(report.status == .ok, "\(who) \(scope)")
                #expect(report.body.contains("Chiffres provisoires"))
                let doc = try await b.get("/observatoire/2024/chiffres.json?perimetre=\(scope)")
                #expect(doc.headers.first(name: "Maillage-Figures") == "provisoires")
                #expect(doc.headers.first(name: "Maillage-Release") == nil)
            }
            let delegate = try await n.f.browser(app, as: .delegate)
            for path in ["/observatoire/2024/rapport", "/observatoire/2024/rapport/NOR", "/observatoire/2024/chiffres.json",
                         "/observatoire/2024/chiffres.json?perimetre=NOR", "/observatoire/2024/tableaux/national/financeurs.csv"] {
                #expect(try await delegate.get(path).status == .notFound, "delegate \(path)")
            }
        }
    }

    @Test("the demo's attack: downloading chiffres.json before and after one structure submits gives the same bytes")
    func differencingBeforeAfter() async throws {
        try await withMaillage { app in
            // setup: release 1, then the member downloads the figures
            let n = try await Self.network(app)
            let admin = try await n.f.browser(app, as: .admin)
            let confirm = try await admin.get("/observatoire/2024/publications/nouvelle")
            #expect(confirm.status == .ok && confirm.body.contains("Publier les chiffres"))
            let published = try await admin.post("/observatoire/2024/publications", form: [("confirm", "1")])
            #expect(published.status == .seeOther || published.status == .found)
            let member = try await n.f.browser(app, as: .member)
            let before = try await member.get("/observatoire/2024/chiffres.json")
            #expect(before.status == .ok)
            #expect(before.headers.first(name: "Maillage-Release") == "1")
            #expect(before.headers.first(name: "Maillage-Figures") == nil)
            let liveBefore = try await admin.get("/observatoire/2024/chiffres.json")
            // MUT: a seventh structure submits its answer
            let newcomer = try await Fixtures.structure("Nouvelle AI", siren: "400000019", types: [.ai], dep: "44", commune: "Nantes", on: app.db)
            try await ObservatoryFixtures.answer(n.campaign, newcomer, type: "AI", status: .submitted, values: ReportTests.values(7), on: app.db)
            // validate: the member's download does not move; the admin's live figures do
            let after = try await member.get("/observatoire/2024/chiffres.json")
            #expect(after.body == before.body)
            let apiHeaders: HTTPHeaders = { var h = HTTPHeaders(); h.bearerAuthorization = .init(token: n.f.tokens[.board]!); return h }()
            let api = try await TestBrowser(app).send(.GET, "/api/v1/observatoire/2024/chiffres", headers: apiHeaders, body: nil)
            #expect(api.body == before.body)
            let liveAfter = try await admin.get("/observatoire/2024/chiffres.json")
            #expect(liveAfter.body != liveBefore.body)
            // The frozen release downloads as it was, from its own address too.
            let frozen = try await member.get("/observatoire/2024/publications/1/chiffres.json")
            #expect(frozen.body == before.body)
        }
    }

    @Test("a second release after one new answer withholds every figure that moved")
    func secondReleaseWithholds() async throws {
        try await withMaillage { app in
            // setup: the network, and three AI in Bretagne that the new answer does not touch
            let n = try await Self.network(app)
            for i in 0..<3 {
                let s = try await Fixtures.structure("Emploi Rennes \(i)", siren: String(410_000_001 + i), types: [.ai], dep: "35", commune: "Rennes", on: app.db)
                try await ObservatoryFixtures.answer(n.campaign, s, type: "AI", status: .validated, values: ReportTests.values(i), on: app.db)
            }
            let first = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
            let newcomer = try await Fixtures.structure("Nouvelle AI", siren: "400000019", types: [.ai], dep: "44", commune: "Nantes", on: app.db)
            try await ObservatoryFixtures.answer(n.campaign, newcomer, type: "AI", status: .submitted, values: ReportTests.values(7), on: app.db)
            // MUT
            let second = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
            // validate: per figure key, a value in both releases is the same value on the same n
            let member = try await n.f.browser(app, as: .member)
            let a = try Self.json(try await member.get("/observatoire/2024/publications/\(first.number)/chiffres.json"))
            let b = try Self.json(try await member.get("/observatoire/2024/publications/\(second.number)/chiffres.json"))
            let latest = try await member.get("/observatoire/2024/chiffres.json")
            #expect(latest.headers.first(name: "Maillage-Release") == "2")
            func values(_ doc: [String: Any]) -> [String: (Int, String)] {
                var out: [String: (Int, String)] = [:]
                for f in doc["figures"] as? [[String: Any]] ?? [] where f["indicator"] as? String != "response" {
                    guard let v = f["value"] as? String else { continue }
                    out["\(f["indicator"]!) \(f["statistic"]!) \(f["type"]!) \(f["delegation"]!)"] = (f["n"] as! Int, v)
                }
                return out
            }
            let x = values(a), y = values(b)
            #expect(!x.isEmpty)
            #expect(y["turnover_eur sum ALL ALL"] == nil)
            // What the new answer does not touch is republished (Bretagne's AI), what it touches withheld.
            // (Bretagne's AI sums are covers of the lone Vendée ACI; their clientele means are not.)
            let key = "clientele_private_pct mean AI"
            let bre1 = values(try Self.json(try await member.get("/observatoire/2024/publications/1/chiffres.json?perimetre=BRE")))
            let bre2 = values(try Self.json(try await member.get("/observatoire/2024/publications/2/chiffres.json?perimetre=BRE")))
            let bre = try #require(bre1[key + " BRE"])
            #expect(bre2[key + " BRE"].map { $0 == bre } == true)
            let pdl1 = values(try Self.json(try await member.get("/observatoire/2024/publications/1/chiffres.json?perimetre=PDL")))
            let pdl2 = values(try Self.json(try await member.get("/observatoire/2024/publications/2/chiffres.json?perimetre=PDL")))
            #expect(pdl1[key + " PDL"] != nil)
            #expect(pdl2[key + " PDL"] == nil)
            // The audit log records the publications.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "publication_observatoire").count()
            #expect(entries == 2)
        }
    }

    @Test("the benchmark's quartiles come from the latest release for a member, its own values always shown")
    func benchmarkReadsRelease() async throws {
        try await withMaillage { app in
            let n = try await Self.network(app)
            let member = try await n.f.browser(app, as: .member)
            let path = "/observatoire/2024/positionnement/\(n.f.inPDL.id!)"
            let unpublished = try await member.get(path)
            #expect(unpublished.status == .ok)
            #expect(unpublished.body.contains("pas encore publiés"))
            _ = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
            let published = try await member.get(path)
            #expect(published.body.contains("Publication n°"))
        }
    }

    @Test("the releases page lists each release; only admins may publish, after a confirmation")
    func releasesPage() async throws {
        try await withMaillage { app in
            let n = try await Self.network(app)
            let admin = try await n.f.browser(app, as: .admin)
            let noConfirm = try await admin.post("/observatoire/2024/publications")
            #expect(noConfirm.location == "/observatoire/2024/publications/nouvelle")
            #expect(try await ObservatoryRelease.query(on: app.db).count() == 0)
            _ = try await admin.post("/observatoire/2024/publications", form: [("confirm", "1")])
            let list = try await (try await n.f.browser(app, as: .board)).get("/observatoire/2024/publications")
            #expect(list.status == .ok)
            #expect(list.body.contains("id=\"releases\""))
            #expect(!list.body.contains("id=\"publish\""))
            let delegate = try await n.f.browser(app, as: .delegate)
            #expect(try await delegate.post("/observatoire/2024/publications", form: [("confirm", "1")]).status == .forbidden)
        }
    }
}
