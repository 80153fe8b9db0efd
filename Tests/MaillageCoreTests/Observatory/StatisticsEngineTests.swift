import Testing
@testable import MaillageCore

@Suite struct StatisticsEngineTests {
    static func unit(_ s: String, _ t: String, _ d: String?, _ v: [String: String]) -> SurveyUnit {
        SurveyUnit(structure: s, type: t, delegation: d, values: v.mapValues { Exact(decimal: $0)! })
    }

    static let settings2011 = StatisticsSettings(k: 5, unemployedETPCost: Exact(decimal: "18300.00")!)

    /// Basse-Normandie 2011 split over five structures; the sums are the reference figures.
    static let bno: [SurveyUnit] = [
        unit("a", "AI", "BNO", ["funding_state_eur": "583200.00", "employer_contributions_eur": "1000000.00", "taxes_eur": "300000.00", "insertion_etp": "200.00",
                                "exits_total": "500", "exits_sustainable": "150", "exits_transition": "100", "exits_positive": "80", "exits_other": "170"]),
        unit("b", "AI", "BNO", ["funding_department_eur": "151200.00", "employer_contributions_eur": "500000.00", "taxes_eur": "104800.00", "insertion_etp": "150.03",
                                "exits_total": "400", "exits_sustainable": "120", "exits_transition": "80", "exits_positive": "60", "exits_other": "140"]),
        unit("c", "AI", "BNO", ["funding_region_eur": "10800.00", "employer_contributions_eur": "300000.00", "taxes_eur": "100000.00", "insertion_etp": "60.00",
                                "exits_total": "200", "exits_sustainable": "70", "exits_transition": "40", "exits_positive": "30", "exits_other": "60"]),
        unit("d", "ACI", "BNO", ["funding_municipal_eur": "21600.00", "employer_contributions_eur": "200000.00", "taxes_eur": "50000.00", "insertion_etp": "40.00",
                                 "exits_total": "109", "exits_sustainable": "39", "exits_transition": "20", "exits_positive": "14", "exits_other": "36"]),
        unit("e", "EI", "BNO", ["funding_other_eur": "313200.00", "employer_contributions_eur": "160000.00", "taxes_eur": "50000.00", "insertion_etp": "28.00",
                                "exits_total": "100", "exits_sustainable": "30", "exits_transition": "18", "exits_positive": "13", "exits_other": "39"]),
    ]

    func value(_ figures: [Figure], _ indicator: String, _ statistic: String, type: String = "ALL", delegation: String = "ALL") -> Figure? {
        figures.first { $0.indicator == indicator && $0.statistic == statistic && $0.type == type && $0.delegation == delegation }
    }

    @Test func basseNormandieReturnAndExits() {
        let figures = StatisticsEngine.national(units: Self.bno, members: [], settings: Self.settings2011)
        #expect(value(figures, "public_funding_eur", "sum")?.value == "1080000.00")
        #expect(value(figures, "return_contributions", "ratio")?.value == "2.00")
        #expect(value(figures, "return_taxes", "ratio")?.value == "0.56")
        #expect(value(figures, "return_avoided_cost", "ratio")?.value == "8.10")
        #expect(value(figures, "return_per_public_euro", "ratio")?.value == "10.66")
        #expect(value(figures, "dynamic_exit_rate", "rate")?.value == "66.0")
        #expect(value(figures, "exits_sustainable", "share")?.value == "31.2")
        #expect(value(figures, "exits_transition", "share")?.value == "19.7")
        #expect(value(figures, "exits_positive", "share")?.value == "15.0")
        #expect(value(figures, "insertion_etp", "sum")?.value == "478.03")
    }

    @Test func secrecyPrimaryAndByDifference() {
        let figures = StatisticsEngine.national(units: Self.bno, members: [], settings: Self.settings2011)
        // AI has 3 structures < k: secret; ACI and EI (1 each) too; the network (5) is published.
        #expect(value(figures, "insertion_etp", "sum", type: "AI")?.value == nil)
        #expect(value(figures, "insertion_etp", "sum", type: "AI")?.n == 3)
        #expect(value(figures, "insertion_etp", "median", type: "EI")?.value == nil)
        #expect(value(figures, "insertion_etp", "sum")?.value != nil)
    }

    @Test func secondarySuppressionProtectsTheLoneSecretPart() {
        // 6 AI and 2 EI in one delegation: EI is secret; ALL − AI would reveal it, so AI goes too.
        var units: [SurveyUnit] = []
        for i in 0..<6 { units.append(Self.unit("ai\(i)", "AI", "PDL", ["turnover_eur": "\(100 + i).00"])) }
        for i in 0..<2 { units.append(Self.unit("ei\(i)", "EI", "PDL", ["turnover_eur": "\(900 + i).00"])) }
        let members = units.map { SurveyMember(structure: $0.structure, types: [$0.type], delegation: "PDL") }
        let figures = StatisticsEngine.delegation("PDL", units: units, members: members, settings: Self.settings2011)
        // EI is under k: published as null. AI (n = 6) is hidden by difference: left out, since
        // a null value must mean n < k (SPEC §8).
        #expect(value(figures, "turnover_eur", "sum", type: "EI", delegation: "PDL")?.value == nil)
        #expect(value(figures, "turnover_eur", "sum", type: "EI", delegation: "PDL")?.n == 2)
        #expect(value(figures, "turnover_eur", "sum", type: "AI", delegation: "PDL") == nil)
        #expect(value(figures, "turnover_eur", "median", type: "AI", delegation: "PDL") == nil)
        #expect(value(figures, "turnover_eur", "sum", delegation: "PDL")?.value == "2416.00")
        #expect(value(figures, "turnover_eur", "median", delegation: "PDL")?.value == "103.50")
        // Response rates are never hidden by difference; without a member base there is none.
        #expect(value(figures, "response", "rate", type: "AI", delegation: "PDL")?.value == "100.0")
        let noBase = StatisticsEngine.delegation("PDL", units: units, members: [], settings: Self.settings2011)
        #expect(value(noBase, "response", "rate", type: "AI", delegation: "PDL") == nil)
    }

    @Test func responseRate() {
        let members = (0..<10).map { SurveyMember(structure: "m\($0)", types: ["AI"], delegation: "BNO") }
        let figures = StatisticsEngine.national(units: Self.bno, members: members, settings: Self.settings2011)
        #expect(value(figures, "response", "rate")?.value == "50.0")
        #expect(value(figures, "response", "rate")?.n == 5)
    }
}
