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
                for url in [SiteURL.report(2024), .figuresJSON(2024), .delegationReport(2024, "PDL"),
                            .portrait(2024, "AI"), .reportTable(2024, "national", "financeurs.csv")] {
                    let page = try await b.get(url)
                    #expect(page.status == .notFound, "\(who) \(url.path)")
                    #expect(page.body.contains("pas encore publiés"), "\(who) \(url.path)")
                }
            }
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: n.f.tokens[.member]!)
            let api = try await TestBrowser(app).send(.apiFigures(2024), headers: headers)
            #expect(api.status == .notFound)
            // The admin: live everywhere. The PDL delegate: live for PDL only; the network's
            // figures and other delegations' come from releases for them too.
            for (who, scope) in [(Fixtures.Who.admin, "national"), (.admin, "NOR"), (.delegate, "PDL")] {
                let b = try await n.f.browser(app, as: who)
                let report = try await b.get(scope == "national" ? .report(2024) : .delegationReport(2024, scope))
                #expect(report.status == .ok, "\(who) \(scope)")
                #expect(report.body.contains("Chiffres provisoires"))
                let doc = try await b.get(.figuresJSON(2024), query: ["perimetre": scope])
                #expect(doc.headers.first(name: "Maillage-Figures") == "provisoires")
                #expect(doc.headers.first(name: "Maillage-Release") == nil)
            }
            let delegate = try await n.f.browser(app, as: .delegate)
            for path in [SiteURL.report(2024).path, SiteURL.delegationReport(2024, "NOR").path, SiteURL.figuresJSON(2024).path,
                         SiteURL.figuresJSON(2024).path(query: ["perimetre": "NOR"]),
                         SiteURL.reportTable(2024, "national", "financeurs.csv").path] {
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
            let confirm = try await admin.get(.newRelease(2024))
            #expect(confirm.status == .ok && confirm.body.contains("Publier les chiffres"))
            let published = try await admin.post(.publishRelease(2024), form: [("confirm", "1")])
            #expect(published.status == .seeOther || published.status == .found)
            let member = try await n.f.browser(app, as: .member)
            let before = try await member.get(.figuresJSON(2024))
            #expect(before.status == .ok)
            #expect(before.headers.first(name: "Maillage-Release") == "1")
            #expect(before.headers.first(name: "Maillage-Figures") == nil)
            let liveBefore = try await admin.get(.figuresJSON(2024))
            // MUT: a seventh structure submits its answer
            let newcomer = try await MembersFactory.makeStructure(on: app.db, name: "Nouvelle AI", types: [.ai], department: "44")
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: n.campaign, structure: newcomer, status: .submitted, values: ReportTests.values(7))
            // validate: the member's download does not move; the admin's live figures do
            let after = try await member.get(.figuresJSON(2024))
            #expect(after.body == before.body)
            let apiHeaders: HTTPHeaders = { var h = HTTPHeaders(); h.bearerAuthorization = .init(token: n.f.tokens[.board]!); return h }()
            let api = try await TestBrowser(app).send(.apiFigures(2024), headers: apiHeaders)
            #expect(api.body == before.body)
            let liveAfter = try await admin.get(.figuresJSON(2024))
            #expect(liveAfter.body != liveBefore.body)
            // The frozen release downloads as it was, from its own address too.
            let frozen = try await member.get(.releaseFigures(2024, 1))
            #expect(frozen.body == before.body)
        }
    }

    @Test("a second release after one new answer withholds every figure that moved")
    func secondReleaseWithholds() async throws {
        try await withMaillage { app in
            // setup: the network, and three AI in Bretagne that the new answer does not touch
            let n = try await Self.network(app)
            for i in 0..<3 {
                let s = try await MembersFactory.makeStructure(on: app.db, name: "Emploi Rennes \(i)", types: [.ai], department: "35", commune: "Rennes")
                try await ObservatoryFactory.makeAnswer(on: app.db, campaign: n.campaign, structure: s, status: .validated, values: ReportTests.values(i))
            }
            let first = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
            let newcomer = try await MembersFactory.makeStructure(on: app.db, name: "Nouvelle AI", types: [.ai], department: "44")
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: n.campaign, structure: newcomer, status: .submitted, values: ReportTests.values(7))
            // MUT
            let second = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
            // validate: per figure key, a value in both releases is the same value on the same n
            let member = try await n.f.browser(app, as: .member)
            let a = try Self.json(try await member.get(.releaseFigures(2024, first.number)))
            let b = try Self.json(try await member.get(.releaseFigures(2024, second.number)))
            let latest = try await member.get(.figuresJSON(2024))
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
            let bre1 = values(try Self.json(try await member.get(.releaseFigures(2024, 1), query: ["perimetre": "BRE"])))
            let bre2 = values(try Self.json(try await member.get(.releaseFigures(2024, 2), query: ["perimetre": "BRE"])))
            let bre = try #require(bre1[key + " BRE"])
            #expect(bre2[key + " BRE"].map { $0 == bre } == true)
            let pdl1 = values(try Self.json(try await member.get(.releaseFigures(2024, 1), query: ["perimetre": "PDL"])))
            let pdl2 = values(try Self.json(try await member.get(.releaseFigures(2024, 2), query: ["perimetre": "PDL"])))
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
            let path = SiteURL.benchmark(2024, n.f.inPDL.id!)
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
            let noConfirm = try await admin.post(.publishRelease(2024))
            #expect(noConfirm.location == "/observatoire/2024/publications/nouvelle")
            #expect(try await ObservatoryRelease.query(on: app.db).count() == 0)
            _ = try await admin.post(.publishRelease(2024), form: [("confirm", "1")])
            let list = try await (try await n.f.browser(app, as: .board)).get(.releases(2024))
            #expect(list.status == .ok)
            #expect(list.body.contains("id=\"releases\""))
            #expect(!list.body.contains("id=\"publish\""))
            let delegate = try await n.f.browser(app, as: .delegate)
            #expect(try await delegate.post(.publishRelease(2024), form: [("confirm", "1")]).status == .forbidden)
        }
    }
}
