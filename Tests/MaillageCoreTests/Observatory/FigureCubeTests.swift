import Testing
@testable import MaillageCore

@Suite struct FigureCubeTests {
    static let settings = StatisticsSettings(k: 5, unemployedETPCost: Exact(decimal: "18300.00")!)

    func expectSameAsReference(_ units: [SurveyUnit], _ members: [SurveyMember], _ settings: StatisticsSettings) {
        let cube = FigureCube(units: units, members: members, settings: settings)
        let secrecy = ReferenceEngine.secrecy(units, settings)
        #expect(cube.national() == ReferenceEngine.national(units: units, members: members, settings: settings, secrecy: secrecy))
        for code in RandomCampaign.reportCodes(units) {
            #expect(cube.delegation(code) == ReferenceEngine.delegation(code, units: units, members: members, settings: settings, secrecy: secrecy), "\(code)")
        }
        for type in Set(units.map(\.type)).sorted() + ["ALL"] {
            for delegation in Set(units.map { $0.delegation ?? "-" }).sorted() + ["ALL"] {
                let cell = ReferenceCell(type: type, delegation: delegation)
                #expect(cube.reportFigures(type: type, delegation: delegation)
                        == ReferenceEngine.reportFigures(for: cell, units: units, settings: settings, secrecy: secrecy), "\(cell)")
            }
        }
    }

    /// Totals and ratios of several sums that only reports show: from exact sums, rounded once,
    /// with their own n; never in the figures export (SPEC §8 names its figures).
    @Test(arguments: [UInt64(1), 2, 3])
    func reportFiguresComeFromExactSumsAndStayOutOfTheExport(seed: UInt64) {
        // setup
        let campaign = RandomCampaign(seed: seed, structures: 120)
        let reportOnly = Set(StatisticsEngine.reportRatios.map(\.indicator) + StatisticsEngine.reportTotals.map(\.indicator) + [StatisticsEngine.netGain])
        // MUT
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: Self.settings)
        // validate
        let exported = cube.national() + RandomCampaign.reportCodes(campaign.units).flatMap { cube.delegation($0) }
        #expect(!exported.contains { reportOnly.contains($0.indicator) })
        let network = cube.reportFigures(type: "ALL", delegation: "ALL")
        #expect(Set(network.map(\.indicator)) == reportOnly)
        let units = ReferenceCell.units(campaign.units, type: "ALL", delegation: "ALL")
        let etp = units.reduce(Exact.zero) { $0 + ($1["permanents_etp"] ?? .zero) + ($1["insertion_etp"] ?? .zero) }
        #expect(network.first { $0.indicator == "etp_total" }
                == Figure(indicator: "etp_total", statistic: "sum", type: "ALL", delegation: "ALL",
                          n: units.count { $0["permanents_etp"] != nil || $0["insertion_etp"] != nil }, value: etp.rounded(places: 2)))
    }

    @Test(arguments: [(UInt64(1), 5), (2, 5), (3, 3), (4, 10)])
    func matchesTheReferenceEngine(seed: UInt64, k: Int) {
        // setup
        let campaign = RandomCampaign(seed: seed, structures: 90)
        let settings = StatisticsSettings(k: k, unemployedETPCost: Exact(decimal: "18300.00")!)
        // MUT + validate
        expectSameAsReference(campaign.units, campaign.members, settings)
    }

    @Test func referenceSetsMatchTheReferenceEngine() {
        let members = (0..<8).map { SurveyMember(structure: "m\($0)", types: ["AI"], delegation: "BNO") }
        expectSameAsReference(StatisticsEngineTests.bno, members, StatisticsEngineTests.settings2011)
        expectSameAsReference(StatisticsEngineTests.bno, [], StatisticsEngineTests.settings2011)
    }

    @Test func oddAnswersTakeTheWiderPaths() {
        // setup: a value with 12 decimals (no common scale of 100), values past Int64 at that
        // scale, a given public funding total, a structure answering from two delegations —
        // all within the units' bounds, which the engine admits (`AdmittedValues`).
        var campaign = RandomCampaign(seed: 7, structures: 40)
        campaign.units[0] = SurveyUnit(structure: campaign.units[0].structure, type: campaign.units[0].type,
                                       delegation: campaign.units[0].delegation,
                                       values: campaign.units[0].values.merging(["turnover_eur": Exact(1, 1_000_000_000_000)]) { $1 })
        let wide = campaign.units + [
            SurveyUnit(structure: "big", type: "AI", delegation: "PDL", values: ["turnover_eur": Exact(decimal: "9999999999.25")!]),
            SurveyUnit(structure: "given", type: "EI", delegation: "BRE", values: ["public_funding_eur": Exact(5000), "insertion_etp": Exact(2)]),
            SurveyUnit(structure: "twice", type: "AI", delegation: "PDL", values: ["turnover_eur": Exact(10), "taxes_eur": Exact(1)]),
            SurveyUnit(structure: "twice", type: "ACI", delegation: "BRE", values: ["turnover_eur": Exact(20)]),
            // A delegation code that looks like "no delegation".
            SurveyUnit(structure: "dash", type: "EI", delegation: "-", values: ["turnover_eur": Exact(30)]),
        ]
        #expect(ScaledColumns<Int64>(units: wide, layout: CubeLayout(units: wide), scale: 100) == nil)
        #expect(CommonScale.of(campaign.units) == 1_000_000_000_000)
        #expect(ScaledColumns<Int64>(units: wide, layout: CubeLayout(units: wide), scale: 1_000_000_000_000) == nil)
        // MUT + validate
        expectSameAsReference(campaign.units, campaign.members, Self.settings)
        expectSameAsReference(wide, campaign.members, Self.settings)
        expectSameAsReference(wide, campaign.members, StatisticsSettings(k: 2, unemployedETPCost: Exact(18300)))
        #expect(FigureCube(units: wide, members: [], settings: Self.settings).delegations == Set(wide.compactMap(\.delegation)).sorted())
    }

    /// SPEC §8: `value` is null exactly when n < k (but for response rates, always given);
    /// secondary suppression leaves figures out.
    @Test(arguments: [UInt64(1), 2, 3])
    func valueIsNullExactlyBelowK(seed: UInt64) {
        // setup
        let campaign = RandomCampaign(seed: seed, structures: 150)
        // MUT
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: Self.settings)
        let figures = cube.national() + RandomCampaign.reportCodes(campaign.units).flatMap { cube.delegation($0) }
        // validate
        #expect(figures.contains { $0.value == nil })
        for f in figures where f.indicator != "response" { #expect((f.value == nil) == (f.n < Self.settings.k), "\(f)") }
        // Response rates are the exception: counts published anyway, so given whatever n.
        #expect(figures.contains { $0.indicator == "response" && $0.n < Self.settings.k && $0.value != nil })
    }

    /// No secret sum is a published total minus published parts: types within a delegation
    /// and within the network, delegations within a type and within the network.
    @Test(arguments: [UInt64(1), 2, 3, 5, 8])
    func noSecretSumRecoverableBySubtraction(seed: UInt64) {
        // setup
        let campaign = RandomCampaign(seed: seed, structures: 150)
        let units = campaign.units
        let types = Set(units.map(\.type)).sorted() + ["ALL"], delegations = Set(units.map { $0.delegation ?? "-" }).sorted() + ["ALL"]
        var rows: [Key: [[String: Exact]]] = [:]
        for t in types { for d in delegations { rows[Key(t, d)] = ReferenceCell.units(units, type: t, delegation: d) } }
        // MUT
        let cube = FigureCube(units: units, members: campaign.members, settings: Self.settings)
        let figures = cube.national() + Set(units.compactMap(\.delegation)).sorted().flatMap { cube.delegation($0) }
        // validate
        let published = Set(figures.filter { $0.statistic == "sum" && $0.value != nil }.map { Key($0.type, $0.delegation, $0.indicator) })
        var omitted = 0
        for code in StatisticsEngine.additiveCodes {
            func known(_ cell: Key) -> Bool { published.contains(Key(cell.type, cell.delegation, code)) }
            func answered(_ cell: Key) -> Int { rows[cell]!.count { $0[code] != nil } }
            var lines: [(total: Key, parts: [Key])] = []
            for d in delegations { lines.append((Key("ALL", d), types.dropLast().map { Key($0, d) })) }
            for t in types { lines.append((Key(t, "ALL"), delegations.dropLast().map { Key(t, $0) })) }
            for line in lines where known(line.total) {
                let unknown = line.parts.filter { answered($0) > 0 && !known($0) }
                // The "-" cell is never published, but is not secret unless under k.
                let secret = unknown.filter { $0.delegation != "-" || answered($0) < Self.settings.k }
                #expect(!(unknown.count == 1 && secret.count == 1), "\(code) \(line.total) reveals \(unknown)")
            }
            let shown = { (t: String) in t == "ALL" || IndicatorCatalogue.byCode[code]?.applies(to: t) ?? true }
            omitted += rows.keys.count { $0.delegation != "-" && shown($0.type) && answered($0) >= Self.settings.k && !known($0) }
        }
        #expect(omitted > 0, "secondary suppression was not exercised")
    }

    struct Key: Hashable, CustomStringConvertible {
        let type: String, delegation: String, indicator: String
        init(_ type: String, _ delegation: String, _ indicator: String = "") { (self.type, self.delegation, self.indicator) = (type, delegation, indicator) }
        var description: String { "\(type)/\(delegation)" }
    }

    @Test func quartilesAreExactAndPublishedOnly() {
        // setup
        let campaign = RandomCampaign(seed: 11, structures: 150)
        let units = campaign.units
        // MUT
        let cube = FigureCube(units: units, members: campaign.members, settings: Self.settings)
        // validate
        var checked = 0
        for type in cube.types {
            for delegation in cube.delegations + ["ALL"] {
                for indicator in IndicatorCatalogue.all where indicator.applies(to: type) {
                    let q = cube.quartiles(indicator.code, type: type, delegation: delegation)
                    let figure = cube.figure(indicator.code, "median", type: type, delegation: delegation)
                    guard let figure, figure.value != nil else { #expect(q == nil); continue }
                    let values = ReferenceCell.units(units, type: type, delegation: delegation).compactMap { $0[indicator.code] }
                    #expect(q == Quartiles(q1: Quantile.q1(values)!, median: Quantile.median(values)!, q3: Quantile.q3(values)!, n: values.count))
                    #expect(q?.median.rounded(places: 2) == figure.value)
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        #expect(cube.quartiles("turnover_eur", type: "ALL", delegation: "ALL")?.median.rounded(places: 2) == cube.figure("turnover_eur", "median")?.value)
        #expect(cube.quartiles("clientele_public_pct", type: "ALL", delegation: "ALL") == nil)
        #expect(cube.quartiles("public_funding_eur", type: "AI", delegation: "ALL") == nil)
        #expect(cube.quartiles("turnover_eur", type: "NOPE", delegation: "ALL") == nil)
    }

    @Test func cellsAndLookups() {
        // setup
        let campaign = RandomCampaign(seed: 3, structures: 60)
        // MUT
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: Self.settings)
        // validate
        #expect(cube.types == Set(campaign.units.map(\.type)).sorted())
        #expect(cube.delegations == Set(campaign.units.compactMap(\.delegation)).sorted())
        #expect(cube.national().prefix(cube.figures(type: "ALL", delegation: "ALL").count) == cube.figures(type: "ALL", delegation: "ALL")[...])
        #expect(cube.figure("turnover_eur", "sum")?.value != nil)
        #expect(cube.figure("turnover_eur", "sum", type: "AI", delegation: "PDL") == cube.figures(type: "AI", delegation: "PDL").first { $0.indicator == "turnover_eur" && $0.statistic == "sum" })
        #expect(cube.figure("no_such_code", "sum") == nil)
        let unknown = cube.figures(type: "AI", delegation: "XYZ")
        #expect(unknown == [Figure(indicator: "response", statistic: "rate", type: "AI", delegation: "XYZ", n: 0, value: nil)])
        #expect(StatisticsEngine.national(units: campaign.units, members: campaign.members, settings: Self.settings) == cube.national())
    }
}
