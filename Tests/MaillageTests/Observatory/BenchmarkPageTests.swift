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

// MARK: rates and ratios, box charts, other years (issue #9, item 12)

extension BenchmarkPageTests {
    /// The report fixture plus a second ACI in Normandie, so that the ACI and the ETTI (secret)
    /// hold k = 3 structures between them and the AI network figures are published.
    static func publishedNetwork(_ app: Application) async throws -> ReportTests.Network {
        let net = try await ReportTests.network(app, published: false)
        let aci2 = try await Fixtures.structure("Chantier Caen", siren: "400000027", types: [.aci], dep: "14", commune: "Caen", on: app.db)
        try await ObservatoryFixtures.answer(net.campaign, aci2, type: "ACI", status: .validated, values: ReportTests.values(6), on: app.db)
        _ = try await ReleaseService.publish(net.campaign, by: nil, on: app.db)
        return net
    }

    static func row(_ html: String, _ id: String) throws -> String {
        try #require(html.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.components(separatedBy: "</tr>").first)
    }

    @Test("the structure's rates and ratios, by SPEC's formulas on its own answer, beside its type's")
    func ratios() async throws {
        try await withMaillage { app in
            // setup: the Nantes AI answered values(0)
            let net = try await Self.publishedNetwork(app)
            let b = try await net.f.browser(app, as: .member)
            // MUT
            let page = try await b.get(Self.path(net.f.inPDL.id))
            // validate
            #expect(page.status == .ok)
            let t = ReportTests.thin
            // dynamic exits (4 + 3 + 2) / 10 exits = 90,0 %; the four AI: 36 / 46 = 78,26… → 78,3 %
            let exits = try Self.row(page.body, "ratio-AI-dynamic_exit_rate")
            #expect(exits.contains(">90,0\(t)%<"))
            #expect(exits.contains("9 sorties dynamiques sur 10 sorties"))
            #expect(exits.contains(">78,3\(t)%<"))
            // public funding (50 000 + 10 000) / 12,25 insertion ETP = 4 897,959… → 4 897,96 €;
            // the four AI: 246 000 / 55 = 4 472,727… → 4 472,73 €
            let perETP = try Self.row(page.body, "ratio-AI-public_funding_per_insertion_etp_eur")
            #expect(perETP.contains(">4\(t)897,96\(t)€<"))
            #expect(perETP.contains(">4\(t)472,73\(t)€<"))
            // turnover 400 000,50 / (400 000,50 + 60 000) = 86,956… → 87,0 %
            #expect(try Self.row(page.body, "ratio-AI-economic_resources_share").contains(">87,0\(t)%<"))
            // (60 000 + 8 000 + 12,25 × 18 300) / 60 000 = 292 175 / 60 000 = 4,8695… → 4,87 €;
            // its parts 1,00 €, 0,13 € and 224 175 / 60 000 = 3,73625 → 3,74 € (half away from zero)
            #expect(try Self.row(page.body, "ratio-AI-return_per_public_euro").contains(">4,87\(t)€<"))
            #expect(try Self.row(page.body, "ratio-AI-return_contributions").contains(">1,00\(t)€<"))
            #expect(try Self.row(page.body, "ratio-AI-return_taxes").contains(">0,13\(t)€<"))
            #expect(try Self.row(page.body, "ratio-AI-return_avoided_cost").contains(">3,74\(t)€<"))
            ReportTests.expectCSPClean(page.body)
        }
    }

    @Test("the exact ratios of one answer, without the app")
    func exactRatios() {
        // setup
        let unit = SurveyUnit(structure: "s", type: "AI", delegation: "PDL", values: ReportTests.values(0))
        // MUT
        let ratios = Benchmark.ratios(for: unit, unemployedETPCost: Exact(18300))
        // validate
        func value(_ code: String) -> Exact? { ratios.first { $0.indicator == code }?.value }
        #expect(value("dynamic_exit_rate") == Exact(90))
        #expect(value("public_funding_per_insertion_etp_eur") == Exact(60000) / Exact(decimal: "12.25")!)
        #expect(value("return_per_public_euro") == Exact(292_175) / Exact(60_000))
        #expect(ratios.first { $0.indicator == "return_avoided_cost" }?.rounded == "3.74")
        // no exits answered: no rate; no funder: no ratio on funding
        let bare = SurveyUnit(structure: "s", type: "AI", delegation: nil, values: ["turnover_eur": Exact(1000)])
        #expect(Benchmark.ratios(for: bare, unemployedETPCost: Exact(18300)).isEmpty)
    }

    @Test("each line has a box chart of the value against q1–median–q3, named for screen readers")
    func boxCharts() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.publishedNetwork(app)
            let b = try await net.f.browser(app, as: .member)
            // MUT
            let page = try await b.get(Self.path(net.f.inPDL.id))
            // validate
            let t = ReportTests.thin
            let turnover = try Self.row(page.body, "line-AI-turnover_eur")
            #expect(turnover.contains("<svg class=\"box-chart\" role=\"img\" aria-label=\"Chiffre d&#39;affaires HT : votre valeur 400\(t)000,50\(t)€ ; réseau national : 1er quartile 407\(t)500,50\(t)€, médiane 415\(t)000,50\(t)€, 3e quartile 422\(t)500,50\(t)€.\""))
            #expect(turnover.contains("class=\"range\"") && turnover.contains("class=\"median\"") && turnover.contains("class=\"mine\""))
            // the smallest value of the four sits at the left end
            #expect(turnover.contains("<circle class=\"mine\" cx=\"10\""))
            // a ratio is set against its type's figure
            let exits = try Self.row(page.body, "ratio-AI-dynamic_exit_rate")
            #expect(exits.contains("class=\"box-chart\"") && exits.contains("class=\"group\""))
        }
    }

    @Test("labels carry no doubled unit: a percentage answer reads « 40,0 % », not « (%) 40,0 % »")
    func noDoubledUnits() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.publishedNetwork(app)
            let b = try await net.f.browser(app, as: .member)
            // MUT
            let page = try await b.get(Self.path(net.f.inPDL.id))
            // validate
            let line = try Self.row(page.body, "line-AI-clientele_private_pct")
            #expect(line.contains("<th scope=\"row\">Clientèle : entreprises privées</th>"))
            #expect(!page.body.contains("(%)"))
            #expect(!ReportTests.visibleText(page.body).contains("(s)"))
        }
    }

    @Test("every past year answered is linked from « Mes réponses » and from the benchmark")
    func pastYears() async throws {
        try await withMaillage { app in
            // setup: 2023 and 2022 closed, answered and published; 2024 open
            let net = try await Self.publishedNetwork(app)
            for year in [2022, 2023] {
                let past = try await ObservatoryFixtures.campaign(year, open: false, k: 3, on: app.db)
                try await ObservatoryFixtures.answer(past, net.f.inPDL, type: "AI", status: .validated, values: ReportTests.values(1), on: app.db)
                if year == 2023 { _ = try await ReleaseService.publish(past, by: nil, on: app.db) }
            }
            let b = try await net.f.browser(app, as: .member)
            let id = try #require(net.f.inPDL.id)
            // MUT
            let index = try await b.get(.observatory)
            let benchmark = try await b.get(.benchmark(2024, id))
            // validate
            for year in [2022, 2023, 2024] {
                #expect(index.body.contains("href=\"\(SiteURL.answer(year, id, "AI").path)\""), "\(year)")
            }
            #expect(index.body.contains("href=\"\(SiteURL.benchmark(2023, id).path)\""))
            // 2022 has no release: no benchmark to read
            #expect(!index.body.contains("href=\"\(SiteURL.benchmark(2022, id).path)\""))
            let others = try #require(benchmark.body.components(separatedBy: "id=\"other-years\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            #expect(others.contains("href=\"\(SiteURL.benchmark(2023, id).path)\""))
        }
    }
}
