import Testing
@testable import MaillageCore

@Suite struct BenchmarkTests {
    static let settings = StatisticsSettings(k: 5, unemployedETPCost: Exact(18300))

    /// Quartiles of 100, 200, …, 800 (QUARTILE.INC): 275, 450, 625.
    static let eight = Quartiles(q1: Exact(275), median: Exact(450), q3: Exact(625), n: 8)

    @Test(arguments: [(100, Standing.belowQ1), (274, .belowQ1), (275, .q1ToMedian), (449, .q1ToMedian), (450, .medianToQ3),
                      (625, .medianToQ3), (626, .aboveQ3)])
    func standingBoundaries(value: Int, expected: Standing) {
        #expect(Standing(Exact(value), among: Self.eight) == expected)
    }

    @Test func labelsAndCodes() {
        #expect(Standing.allCases.map(\.rawValue) == ["below_q1", "q1_median", "median_q3", "above_q3"])
        #expect(Standing.q1ToMedian.label == "entre le 1er quartile et la médiane")
        #expect(Standing.aboveQ3.label == "au-dessus du 3e quartile")
    }

    @Test func linesAgainstTypeNationallyAndInDelegation() {
        // setup: 8 AI in PDL (turnover 100…800), 5 AI in BRE, 5 EI in PDL, 2 ACI in NOR. ACI is
        // under k; to protect it, EI nationally and BRE as a whole are hidden by difference.
        var units = (1...8).map { i in
            SurveyUnit(structure: "p\(i)", type: "AI", delegation: "PDL",
                       values: ["turnover_eur": Exact(100 * i), "clientele_public_pct": Exact(10 * i), "home_workers_etp": Exact(3)])
        }
        units += (1...5).map { SurveyUnit(structure: "b\($0)", type: "AI", delegation: "BRE", values: ["turnover_eur": Exact(1000 * $0)]) }
        units += (1...5).map { SurveyUnit(structure: "e\($0)", type: "EI", delegation: "PDL", values: ["turnover_eur": Exact(50 * $0)]) }
        units += (1...2).map { SurveyUnit(structure: "a\($0)", type: "ACI", delegation: "NOR", values: ["turnover_eur": Exact(70 * $0)]) }
        let cube = FigureCube(units: units, members: [], settings: Self.settings)
        // MUT
        let lines = Benchmark.lines(for: units[2], cube: cube)
        let brittany = Benchmark.lines(for: units[8], cube: cube)
        let ei = Benchmark.lines(for: units[15], cube: cube)  // 150, the median
        let aci = Benchmark.lines(for: units[18], cube: cube)
        // validate: home_workers_etp does not apply to AI; catalogue order.
        #expect(lines.map(\.indicator.code) == ["turnover_eur", "clientele_public_pct"])
        #expect(lines[0].value == Exact(300))
        #expect(lines[0].delegation == Self.eight)
        #expect(lines[0].delegationStanding == .q1ToMedian)
        #expect(lines[0].national == Quartiles(q1: Exact(400), median: Exact(700), q3: Exact(2000), n: 13))
        #expect(lines[0].nationalStanding == .belowQ1)
        #expect(lines[1].delegation == Quartiles(q1: Exact(55, 2), median: Exact(45), q3: Exact(125, 2), n: 8))
        #expect(lines[1].delegationStanding == .q1ToMedian)
        #expect(brittany[0].delegationStanding == .belowQ1)
        #expect(brittany[0].nationalStanding == .medianToQ3)
        // EI: published in PDL, hidden by difference nationally (left out, so nil as well).
        #expect(cube.figure("turnover_eur", "median", type: "EI") == nil)
        #expect(ei[0].national == nil && ei[0].nationalStanding == nil)
        #expect(ei[0].delegation?.n == 5 && ei[0].delegationStanding == .medianToQ3)
        // ACI is under k everywhere.
        #expect(cube.figure("turnover_eur", "median", type: "ACI")?.value == nil)
        #expect(aci.count == 1 && aci[0].national == nil && aci[0].delegation == nil && aci[0].delegationStanding == nil)
    }

    /// Standings computed on integers agree with comparisons of the exact quartiles.
    @Test func standingsMatchExactComparisons() {
        // setup
        let campaign = RandomCampaign(seed: 5, structures: 150)
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: Self.settings)
        var compared = 0
        for unit in campaign.units {
            // MUT
            for line in Benchmark.lines(for: unit, cube: cube) {
                // validate
                #expect(line.nationalStanding == line.national.map { Standing(line.value, among: $0) })
                #expect(line.delegationStanding == line.delegation.map { Standing(line.value, among: $0) })
                #expect(line.national == cube.quartiles(line.indicator.code, type: unit.type, delegation: "ALL"))
                compared += line.national == nil ? 0 : 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func unitOutsideTheCube() {
        // setup
        let cube = FigureCube(units: [], members: [], settings: Self.settings)
        let unit = SurveyUnit(structure: "x", type: "ACI", delegation: nil, values: ["turnover_eur": Exact(5)])
        // MUT
        let lines = Benchmark.lines(for: unit, cube: cube)
        // validate
        #expect(lines.count == 1 && lines[0].national == nil && lines[0].delegation == nil)
        #expect(cube.national() == [Figure(indicator: "response", statistic: "rate", type: "ALL", delegation: "ALL", n: 0, value: nil)])
    }
}
