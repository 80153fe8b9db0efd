import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("A member's benchmark among structures of its type")
struct BenchmarkPageTests {
    static func path(_ id: UUID?) -> String { "/observatoire/2024/positionnement/\(id!)" }

    @Test("the manager sees where the structure stands: value, median, quartiles, position")
    func ownBenchmark() async throws {
        try await withMaillage { app in
            // setup: the Nantes AI has the smallest values of the four AI
            let net = try await ReportTests.network(app)
            let b = try await net.f.browser(app, as: .member)
            // MUT
            let page = try await b.get(Self.path(net.f.inPDL.id))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("Positionnement 2024 — Relais Emploi Nantes"))
            #expect(page.body.contains("id=\"benchmark-AI\""))
            let turnover = try #require(page.body.components(separatedBy: "id=\"line-AI-turnover_eur\"").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            let t = ReportTests.thin
            #expect(turnover.contains("400\(t)000,50\(t)€"))   // its value
            #expect(turnover.contains("415\(t)000,50\(t)€"))   // the AI median
            #expect(turnover.contains("407\(t)500,50\(t)€</span> à <span class=\"nowrap\">422\(t)500,50\(t)€"))  // q1 à q3
            #expect(turnover.contains("sous le 1er quartile"))
            // medians of counts keep their decimals: persons 40, 50, 60, 70 → 55
            let persons = try #require(page.body.components(separatedBy: "id=\"line-AI-insertion_persons\"").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            #expect(persons.contains(">55<"))
            ReportTests.expectCSPClean(page.body)
        }
    }

    @Test("a comparison group under k is secret statistique, never a number")
    func secretComparison() async throws {
        try await withMaillage { app in
            // setup: the Vendée ACI is the only ACI
            let net = try await ReportTests.network(app)
            let b = try await net.f.browser(app, as: .delegate)
            // MUT
            let page = try await b.get(Self.path(net.f.otherPDL.id))
            // validate
            #expect(page.status == .ok)
            let line = try #require(page.body.components(separatedBy: "id=\"line-ACI-turnover_eur\"").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            #expect(line.components(separatedBy: "secret statistique").count == 3)   // national and delegation
            #expect(!line.contains("quartile"))
        }
    }

    @Test("nobody sees another structure's benchmark: 404")
    func othersBenchmark() async throws {
        try await withMaillage { app in
            // setup
            let net = try await ReportTests.network(app)
            let member = try await net.f.browser(app, as: .member)
            let delegate = try await net.f.browser(app, as: .delegate)
            let admin = try await net.f.browser(app, as: .admin)
            // MUT + validate
            #expect(try await member.get(Self.path(net.f.otherPDL.id)).status == .notFound)
            #expect(try await member.get(Self.path(net.f.entityNOR.id)).status == .notFound)
            #expect(try await delegate.get(Self.path(net.f.entityNOR.id)).status == .notFound)
            #expect(try await admin.get(Self.path(net.f.entityNOR.id)).status == .ok)
            #expect(try await member.get("/observatoire/2024/positionnement/\(UUID())").status == .notFound)
        }
    }

    @Test("a structure without a transmitted answer has an empty benchmark")
    func noAnswer() async throws {
        try await withMaillage { app in
            // setup: the GES answers through its entity, never as itself
            let net = try await ReportTests.network(app)
            let admin = try await net.f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(Self.path(net.f.gesNOR.id))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"no-answer\""))
        }
    }
}
