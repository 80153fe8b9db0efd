import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Observatory reports, portraits, tables and figures export")
struct ReportTests {
    /// Answers of 2024 with k = 3: four AI in Pays de la Loire (the fixture's Nantes AI and
    /// three more), one ACI in Vendée and one ETTI in Normandie (both alone: secret), and an
    /// AI member that did not answer — 6 answers of 7 members.
    struct Network {
        let f: Fixtures
        let campaign: Campaign
    }

    /// `published`: the figures as a release (what members, board members and the API read),
    /// as the admin publishes them; admins and delegates see them live either way.
    static func network(_ app: Application, year: Int = 2024, published: Bool = true) async throws -> Network {
        let db = app.db
        let f = try await Fixtures.load(on: app)
        let c = try await ObservatoryFixtures.campaign(year, k: 3, on: db)
        try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .validated, values: values(0), on: db)
        for (i, dep) in ["49", "53", "72"].enumerated() {
            let s = try await Fixtures.structure("Emploi Solidaire \(dep)", siren: String(400_000_001 + i), types: [.ai], dep: dep, commune: "Angers", on: db)
            try await ObservatoryFixtures.answer(c, s, type: "AI", status: .validated, values: values(i + 1), on: db)
        }
        _ = try await Fixtures.structure("Association Silencieuse", siren: "400000009", types: [.ai], dep: "44", commune: "Nantes", on: db)
        try await ObservatoryFixtures.answer(c, f.otherPDL, type: "ACI", status: .validated, values: values(4), on: db)
        try await ObservatoryFixtures.answer(c, f.entityNOR, type: "ETTI", status: .validated, values: values(5), on: db)
        if published { _ = try await ReleaseService.publish(c, by: nil, on: db) }
        return Network(f: f, campaign: c)
    }

    /// A consistent answer (exits add up, genders and ages sum to the persons, clientele to 100).
    static func values(_ i: Int) -> [String: Exact] {
        func e(_ s: String) -> Exact { Exact(decimal: s)! }
        return [
            "permanents_headcount": Exact(5 + i), "permanents_etp": e("\(4 + i).50"),
            "insertion_persons": Exact(40 + 10 * i), "insertion_new_persons": Exact(20 + i), "insertion_etp": e("\(12 + i).25"),
            "salaries_total_eur": e("\(300_000 + 1000 * i)"), "salaries_insertion_eur": e("\(200_000 + 1000 * i)"),
            "turnover_eur": e("\(400_000 + 10_000 * i).50"), "funding_state_eur": e("\(50_000 + 1000 * i)"), "funding_department_eur": e("10000"),
            "employer_contributions_eur": e("\(60_000 + 500 * i)"), "taxes_eur": e("8000"), "local_purchases_eur": e("30000"),
            "charges_total_eur": e("\(450_000 + 5000 * i)"),
            "exits_sustainable": Exact(4), "exits_transition": Exact(3), "exits_positive": Exact(2), "exits_other": Exact(1 + i), "exits_total": Exact(10 + i),
            "persons_women": Exact(20 + 5 * i), "persons_men": Exact(20 + 5 * i),
            "age_under_26": Exact(10), "age_26_49": Exact(20 + 10 * i), "age_50_plus": Exact(10),
            "below_bac": Exact(30), "rsa_recipients": Exact(12), "long_term_jobseekers": Exact(15),
            "clientele_private_pct": e("40"), "clientele_nonprofit_pct": e("20"), "clientele_public_pct": e("25"), "clientele_individuals_pct": e("15"),
        ]
    }

    static let thin = "\u{202F}"

    /// What a reader sees of some HTML: the tags (and their attributes) left out.
    static func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    /// Every page keeps to the Content-Security-Policy: no inline style or script.
    static func expectCSPClean(_ html: String) {
        #expect(!html.contains(" style=\""))
        #expect(!html.contains("<script>"))
    }

    @Test("the national report: cover, response rate, secrecy, charts, links to delegations and portraits")
    func nationalReport() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .board)
            // MUT
            let page = try await b.get("/observatoire/2024/rapport")
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("Réseau en chiffres — données 2024"))
            #expect(page.body.contains("6 réponses sur 7 adhérents (85,7\(Self.thin)%)"))
            #expect(page.body.contains("moins de 3 structures"))
            // turnover of the six answers: 6 × 400 000,50 + 10 000 × (0 + … + 5)
            #expect(page.body.contains("2\(Self.thin)550\(Self.thin)003,00\(Self.thin)€"))
            #expect(page.body.contains("secret statistique"))
            #expect(page.body.contains("<svg class=\"bar-chart\" role=\"img\""))
            #expect(page.body.contains("<title id=\"chart-ressources-title\">"))
            #expect(page.body.contains("href=\"/observatoire/2024/rapport/PDL\""))
            #expect(page.body.contains("href=\"/observatoire/2024/portrait/AI\""))
            #expect(page.body.contains("href=\"/observatoire/2024/tableaux/national/ressources.csv\""))
            for id in ["adherents", "ressources", "etp", "par-type", "sorties", "financeurs", "retour", "par-euro", "trois-ans"] {
                #expect(page.body.contains("id=\"\(id)\""), "section \(id)")
            }
            Self.expectCSPClean(page.body)
        }
    }

    @Test("the ACI alone is secret: its cells say so, never a number, and its JSON value is null")
    func secretCells() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .admin)
            // MUT
            let page = try await b.get("/observatoire/2024/rapport")
            let json = try await b.get("/observatoire/2024/chiffres.json")
            // validate: the ACI row of the table by type shows no number
            let table = try #require(page.body.components(separatedBy: "id=\"table-effectifs-par-type\"").dropFirst().first)
            let row = try #require(table.components(separatedBy: "(ACI)</th>").dropFirst().first)
            let cells = row.components(separatedBy: "</tr>")[0]
            #expect(cells.contains("secret statistique"))
            let visible = Self.visibleText(cells)
            #expect(!visible.contains { $0.isNumber }, "\(visible)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
            let figures = try #require(doc["figures"] as? [[String: Any]])
            let aci = try #require(figures.first { $0["indicator"] as? String == "turnover_eur" && $0["statistic"] as? String == "sum" && $0["type"] as? String == "ACI" })
            #expect(aci["n"] as? Int == 1)
            #expect(aci["value"] is NSNull)
        }
    }

    @Test("a delegation's report, with the three-year table when past campaigns exist; an unknown delegation is 404")
    func delegationReport() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let past = try await ObservatoryFixtures.campaign(2023, open: false, k: 3, on: app.db)
            try await ObservatoryFixtures.answer(past, net.f.inPDL, type: "AI", status: .validated, values: Self.values(1), on: app.db)
            // The delegate reads the network's figures from releases: 2023's is published too.
            _ = try await ReleaseService.publish(past, by: nil, on: app.db)
            let b = try await net.f.browser(app, as: .delegate)
            // MUT
            let page = try await b.get("/observatoire/2024/rapport/PDL")
            let national = try await b.get("/observatoire/2024/rapport")
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("Délégation Pays de la Loire en chiffres — données 2024"))
            #expect(page.body.contains("44, 49, 53, 72 et 85"))
            #expect(page.body.contains("href=\"/observatoire/2024/tableaux/PDL/sorties.xlsx\""))
            #expect(national.body.contains("Données 2023") && national.body.contains("Données 2024"))
            #expect(!national.body.contains("Données 2022"))
            Self.expectCSPClean(page.body)
            #expect(try await b.get("/observatoire/2024/rapport/ZZZ").status == .notFound)
            #expect(try await b.get("/observatoire/2031/rapport").status == .notFound)
        }
    }

    @Test("a type's median portrait; a type that does not answer is 404")
    func portrait() async throws {
        try await withMaillage { app in
            // setup: a second ACI (in Normandie), so that the secret ACI and ETTI hold k = 3
            // structures together and the AI network figures need not cover them
            let net = try await Self.network(app, published: false)
            let aci2 = try await Fixtures.structure("Chantier Caen", siren: "400000027", types: [.aci], dep: "14", commune: "Caen", on: app.db)
            try await ObservatoryFixtures.answer(net.campaign, aci2, type: "ACI", status: .validated, values: Self.values(6), on: app.db)
            _ = try await ReleaseService.publish(net.campaign, by: nil, on: app.db)
            let b = try await net.f.browser(app, as: .member)
            // MUT
            let ai = try await b.get("/observatoire/2024/portrait/AI")
            let aci = try await b.get("/observatoire/2024/portrait/ACI")
            // validate
            #expect(ai.status == .ok)
            #expect(ai.body.contains("Portrait médian : Association intermédiaire (AI) — données 2024"))
            #expect(ai.body.contains("4 réponses sur 5 adhérents (80,0\(Self.thin)%)"))
            // median turnover of the four AI: (410 000,50 + 420 000,50) / 2
            #expect(ai.body.contains("415\(Self.thin)000,50\(Self.thin)€"))
            // women: half of the persons
            #expect(ai.body.contains("50,0\(Self.thin)%"))
            #expect(ai.body.contains("href=\"/observatoire/2024/tableaux/portrait-AI/profil.csv\""))
            #expect(aci.status == .ok)
            #expect(aci.body.contains("secret statistique"))
            Self.expectCSPClean(ai.body)
            #expect(try await b.get("/observatoire/2024/portrait/GES").status == .notFound)
            #expect(try await b.get("/observatoire/2024/portrait/XYZ").status == .notFound)
        }
    }

    @Test("every table downloads as French CSV and as XLSX; an unknown table is 404")
    func tableDownloads() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .admin)
            // MUT
            let csv = try await b.get("/observatoire/2024/tableaux/national/ressources.csv")
            let xlsx = try await b.get("/observatoire/2024/tableaux/PDL/effectifs-par-type.xlsx")
            let portrait = try await b.get("/observatoire/2024/tableaux/portrait-ACI/sorties.csv")
            // validate
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("observatoire-2024-national-ressources.csv") == true)
            #expect(csv.body.hasPrefix("\u{FEFF}Indicateur;Montant;Structures\r\n"))
            #expect(csv.body.contains("Chiffre d'affaires HT;2550003,00;6\r\n"))
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType) == Download.xlsxType)
            #expect(portrait.status == .ok)
            #expect(portrait.body.contains("secret statistique"))
            for path in ["national/inconnu.csv", "national/ressources.pdf", "ZZZ/ressources.csv", "portrait-GES/sorties.csv"] {
                #expect(try await b.get("/observatoire/2024/tableaux/\(path)").status == .notFound, "\(path)")
            }
        }
    }

    @Test("the figures JSON: SPEC §8 keys exactly, explicit nulls, the asked scope")
    func figuresJSON() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .jurist)
            // MUT
            let national = try await b.get("/observatoire/2024/chiffres.json")
            let pdl = try await b.get("/observatoire/2024/chiffres.json?perimetre=PDL")
            // validate
            #expect(national.status == .ok)
            #expect(national.headers.contentType == .json)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(national.body.utf8)) as? [String: Any])
            #expect(Set(doc.keys) == ["campaign", "scope", "k", "generated_at", "figures"])
            #expect(doc["campaign"] as? Int == 2024 && doc["scope"] as? String == "national" && doc["k"] as? Int == 3)
            #expect(ISO8601DateFormatter().date(from: doc["generated_at"] as? String ?? "") != nil)
            let figures = try #require(doc["figures"] as? [[String: Any]])
            #expect(!figures.isEmpty)
            for figure in figures {
                #expect(Set(figure.keys) == ["indicator", "statistic", "type", "delegation", "n", "value"])
                let n = figure["n"] as? Int ?? -1
                // SPEC §8: a response rate is given whatever n (counts published anyway).
                if figure["indicator"] as? String == "response" { #expect(figure["value"] is String); continue }
                #expect((figure["value"] is NSNull) == (n < 3))
                if !(figure["value"] is NSNull) { #expect(figure["value"] is String) }
            }
            #expect(national.body.contains("\"value\":null"))
            let scoped = try #require(try JSONSerialization.jsonObject(with: Data(pdl.body.utf8)) as? [String: Any])
            #expect(scoped["scope"] as? String == "PDL")
            #expect((scoped["figures"] as? [[String: Any]])?.allSatisfy { $0["delegation"] as? String == "PDL" } == true)
            #expect(try await b.get("/observatoire/2024/chiffres.json?perimetre=XXX").status == .notFound)
        }
    }

    @Test("the same document from the API, with a bearer token")
    func figuresAPI() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            func get(_ path: String, token: String?) async throws -> TestBrowser.Page {
                var headers = HTTPHeaders()
                if let token { headers.bearerAuthorization = .init(token: token) }
                return try await TestBrowser(app).send(.GET, path, headers: headers, body: nil)
            }
            // MUT
            let res = try await get("/api/v1/observatoire/2024/chiffres?scope=PDL", token: net.f.tokens[.trainer])
            // validate
            #expect(res.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any])
            #expect(doc["scope"] as? String == "PDL" && doc["campaign"] as? Int == 2024)
            #expect(try await get("/api/v1/observatoire/2024/chiffres", token: nil).status == .unauthorized)
            let unknown = try await get("/api/v1/observatoire/2024/chiffres?scope=ZZZ", token: net.f.tokens[.admin])
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("Périmètre inconnu"))
        }
    }

    @Test("FiguresDocument writes null for a secret value, never leaves the key out")
    func documentNulls() throws {
        // setup: two answers, k = 5: everything is secret
        let units = (0..<2).map { SurveyUnit(structure: "s\($0)", type: "AI", delegation: "PDL", values: ["turnover_eur": Exact(1000)]) }
        let cube = FigureCube(units: units, members: [], settings: StatisticsSettings(k: 5, unemployedETPCost: Exact(18300)))
        let campaign = Campaign()
        campaign.year = 2024
        campaign.k = 5
        // MUT
        let json = String(decoding: FiguresDocument.make(campaign: campaign, scope: "national", cube: cube,
                                                         generatedAt: Date(timeIntervalSince1970: 0)).json(), as: UTF8.self)
        // validate
        #expect(json.contains("\"generated_at\":\"1970-01-01T00:00:00Z\""))
        #expect(json.contains("{\"delegation\":\"ALL\",\"indicator\":\"turnover_eur\",\"n\":2,\"statistic\":\"sum\",\"type\":\"ALL\",\"value\":null}"))
    }

    @Test("numbers read the French way: narrow no-break spaces, decimal comma")
    func frenchNumbers() {
        #expect(ReportFormat.text("1234567.89", .euros) == "1\(Self.thin)234\(Self.thin)567,89\(Self.thin)€")
        #expect(ReportFormat.text("28.4", .percent) == "28,4\(Self.thin)%")
        #expect(ReportFormat.text("9641", .count) == "9\(Self.thin)641")
        #expect(ReportFormat.text("12.50", .plain) == "12,5")
        #expect(ReportFormat.text("-0.5", .perEuro) == "-0,50\(Self.thin)€")
        #expect(ReportFormat.responseRate(answers: 154, members: 543, rate: "28.4") == "154 réponses sur 543 adhérents (28,4\(Self.thin)%)")
        #expect(ReportFormat.text("21840", .hours) == "21\(Self.thin)840\(Self.thin)h")
        #expect(ReportFormat.text("1607.50", .hours) == "1\(Self.thin)607,5\(Self.thin)h")
    }
}

// MARK: cover, response rate, secret-heavy scopes, charts (issue #9, item 11)

extension ReportTests {
    /// A Pays de la Loire like PDL 2024: k = 5, six members in the delegation (the fixture's
    /// Nantes AI and Vendée ACI, four more AI), three of them answered; a release published.
    static func fewAnswers(_ app: Application) async throws -> Network {
        let db = app.db
        let f = try await Fixtures.load(on: app)
        let c = try await ObservatoryFixtures.campaign(2024, k: 5, on: db)
        try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .validated, values: values(0), on: db)
        for (i, dep) in ["44", "49", "53", "72"].enumerated() {
            let s = try await Fixtures.structure("Emploi Solidaire \(dep)", siren: String(400_000_001 + i), types: [.ai], dep: dep, commune: "Angers", on: db)
            if i < 2 { try await ObservatoryFixtures.answer(c, s, type: "AI", status: .validated, values: values(i + 1), on: db) }
        }
        _ = try await ReleaseService.publish(c, by: nil, on: db)
        return Network(f: f, campaign: c)
    }

    @Test("PDL-like scope, 3 answers of 6 members under k = 5: the response rate shows, the figures stay secret")
    func responseRateWhateverN() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.fewAnswers(app)
            let b = try await net.f.browser(app, as: .board)
            // MUT
            let page = try await b.get(.delegationReport(2024, "PDL"))
            let json = try await b.get(.figuresJSON(2024), query: ["perimetre": "PDL"])
            // validate: 3 / 6 on the cover and in the members table
            #expect(page.status == .ok)
            let cover = try #require(page.body.components(separatedBy: "id=\"response-rate\"").dropFirst().first?.components(separatedBy: "</p>").first)
            #expect(cover.contains("3 réponses sur 6 adhérents (50,0\(Self.thin)%)"))
            #expect(!page.body.contains("taux non publié"))
            // no figure from the three answers: turnover 3 × 400 000,50 + 30 000, salaries 903 000
            #expect(!page.body.contains("1\(Self.thin)230\(Self.thin)001,50"))
            #expect(!page.body.contains("903\(Self.thin)000"))
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
            let figures = try #require(doc["figures"] as? [[String: Any]])
            func figure(_ indicator: String, _ statistic: String) -> [String: Any]? {
                figures.first { $0["indicator"] as? String == indicator && $0["statistic"] as? String == statistic
                    && $0["type"] as? String == "ALL" && $0["delegation"] as? String == "PDL" }
            }
            let rate = try #require(figure("response", "rate"))
            #expect(rate["n"] as? Int == 3 && rate["value"] as? String == "50.0")
            let turnover = try #require(figure("turnover_eur", "sum"))
            #expect(turnover["n"] as? Int == 3 && turnover["value"] is NSNull)
            // every figure but the response rates is null under k
            for f in figures where f["indicator"] as? String != "response" { #expect(f["value"] is NSNull, "\(f)") }
        }
    }

    @Test("a scope where most figures are secret: one message, no wall of « secret statistique », the shown figures kept")
    func mostlySecretScope() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.fewAnswers(app)
            let b = try await net.f.browser(app, as: .admin)
            // MUT
            let page = try await b.get(.delegationReport(2024, "PDL"))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"secret-heavy\""))
            #expect(page.body.contains("Trop peu de réponses dans ce périmètre : la plupart des chiffres sont couverts par le secret statistique (moins de 5 structures)."))
            #expect(page.body.components(separatedBy: ">secret statistique</abbr>").count - 1 == 0)
            #expect(Self.visibleText(page.body).components(separatedBy: "secret statistique").count - 1 <= 3)
            // what can be read stays: the members table with its response rates
            #expect(page.body.contains("id=\"table-adherents-par-type\""))
            #expect(page.body.contains("Sans chiffre publiable dans ce périmètre"))
            // the downloads keep every row (same table ids)
            let csv = try await b.get(.reportTable(2024, "PDL", "ressources.csv"))
            #expect(csv.status == .ok && csv.body.contains("secret statistique"))
        }
    }

    @Test("a report with enough answers keeps every section, and no secret-heavy message")
    func ordinaryScopeNotCollapsed() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .admin)
            // MUT
            let page = try await b.get(.report(2024))
            // validate
            #expect(!page.body.contains("id=\"secret-heavy\""))
            #expect(page.body.contains("id=\"trois-ans\""))
        }
    }

    @Test("the cover: federation, scope, year, « provisoire » while the campaign is open, the release date once closed")
    func cover() async throws {
        try await withMaillage { app in
            // setup: 2024 open (and published), 2023 closed and published
            let net = try await Self.network(app)
            let past = try await ObservatoryFixtures.campaign(2023, open: false, k: 3, on: app.db)
            try await ObservatoryFixtures.answer(past, net.f.inPDL, type: "AI", status: .validated, values: Self.values(1), on: app.db)
            let release = try await ReleaseService.publish(past, by: nil, on: app.db)
            let board = try await net.f.browser(app, as: .board)
            let admin = try await net.f.browser(app, as: .admin)
            // MUT
            let open = try await board.get(.report(2024))
            let live = try await admin.get(.delegationReport(2024, "PDL"))
            let closed = try await board.get(.report(2023))
            // validate
            func edition(_ html: String) -> String? { html.components(separatedBy: "id=\"cover-edition\">").dropFirst().first?.components(separatedBy: "</p>").first }
            #expect(open.body.contains("id=\"cover-federation\">\(app.theme?.federationName ?? app.config.federationName)<"))
            #expect(edition(open.body)?.hasPrefix("Données 2024 — publication du ") == true)
            #expect(edition(open.body)?.contains("provisoire") == true)
            #expect(edition(live.body) == "Données 2024 — provisoire")
            #expect(live.body.contains("id=\"cover-scope\">Délégation Pays de la Loire : départements 44, 49, 53, 72 et 85."))
            let day = String(FrenchFormat.dateTime(release.publishedAt).prefix(10))
            #expect(edition(closed.body) == "Données 2023 — publication du \(day)")
            #expect(closed.body.contains("class=\"cover-edition\""))
            #expect(!closed.body.contains("class=\"cover-edition provisional\""))
        }
    }

    @Test("charts: named for screen readers, colour-blind-safe series, each kept with its table; the print button")
    func chartsAndPrint() async throws {
        try await withMaillage { app in
            // setup
            let net = try await Self.network(app)
            let b = try await net.f.browser(app, as: .admin)
            // MUT
            let page = try await b.get(.report(2024))
            // validate
            #expect(page.body.contains("<svg class=\"bar-chart\" role=\"img\" aria-label=\"ETP des permanents et des personnes en parcours\""))
            #expect(page.body.contains("<title id=\"chart-etp-title\">ETP des permanents et des personnes en parcours</title>"))
            // a two-series chart has a legend, in the Okabe–Ito orange for its second series
            let byType = try #require(page.body.components(separatedBy: "id=\"chart-par-type\"").dropFirst().first?.components(separatedBy: "</figure>").first)
            #expect(byType.contains("class=\"legend\"") && byType.contains("fill=\"#e69f00\""))
            // chart and table in one block (kept together in print)
            let section = try #require(page.body.components(separatedBy: "id=\"etp\"").dropFirst().first?.components(separatedBy: "</section>").first)
            let block = try #require(section.components(separatedBy: "class=\"chart-and-tables\"").dropFirst().first)
            #expect(block.contains("id=\"chart-etp\"") && block.contains("id=\"table-etp\""))
            #expect(page.body.contains("data-print hidden>Imprimer / PDF</button>"))
            #expect(page.body.contains("<script src=\"/js/report-print.js\" defer></script>"))
            #expect(page.body.contains("href=\"/css/print.css\" media=\"print\""))
            Self.expectCSPClean(page.body)
        }
    }
}
