import Testing
@testable import MaillageCore

/// Differencing attacks on published figures: across cells (`_pct` means × n), and across
/// releases of one campaign (before / after one structure's answer).
@Suite("Secrecy across cells and over time")
struct SecrecyOverTimeTests {
    static let settings = StatisticsSettings(k: 5, unemployedETPCost: Exact(18300))

    static func unit(_ s: String, delegation: String, type: String = "AI", _ values: [String: Exact]) -> SurveyUnit {
        SurveyUnit(structure: s, type: type, delegation: delegation, values: values)
    }

    /// Values a reader can rebuild as sums: `sum` as published, `mean` × n.
    static func sums(_ cube: FigureCube, _ code: String, type: String, delegation: String) -> (n: Int, sum: Exact)? {
        if let f = cube.figure(code, "sum", type: type, delegation: delegation), let v = f.value { return (f.n, Exact(decimal: v)!) }
        if let f = cube.figure(code, "mean", type: type, delegation: delegation), let v = f.value { return (f.n, Exact(decimal: v)! * Exact(f.n)) }
        return nil
    }

    @Test("a _pct mean × n cannot be subtracted from the national mean to give one small delegation's structure")
    func percentMeansSuppressed() {
        // setup: AI in two large delegations and a single structure in Guyane (the demo's attack)
        var units: [SurveyUnit] = []
        for i in 0..<7 { units.append(Self.unit("a\(i)", delegation: "ARA", ["clientele_private_pct": Exact(40 + i), "clientele_public_pct": Exact(60 - i)])) }
        for i in 0..<6 { units.append(Self.unit("p\(i)", delegation: "PDL", ["clientele_private_pct": Exact(20 + i), "clientele_public_pct": Exact(80 - i)])) }
        units.append(Self.unit("g0", delegation: "GUY", ["clientele_private_pct": Exact(97), "clientele_public_pct": Exact(3)]))
        // MUT
        let cube = FigureCube(units: units, members: [], settings: Self.settings)
        // validate: Guyane is primary secret; then the national total or another part must go too
        for code in ["clientele_private_pct", "clientele_public_pct"] {
            #expect(cube.figure(code, "mean", type: "AI", delegation: "GUY")?.value == nil)
            let national = Self.sums(cube, code, type: "AI", delegation: "ALL")
            let parts = ["ARA", "PDL"].compactMap { Self.sums(cube, code, type: "AI", delegation: $0) }
            #expect(national == nil || parts.count < 2, "\(code): national − published delegations isolates one structure")
        }
    }

    @Test("several secret parts holding fewer than k structures together are not the national total minus the rest")
    func secretGroupsHoldK() {
        // setup: the demo's case — Guadeloupe (2) and Guyane (1) both secret, the rest published
        var units: [SurveyUnit] = []
        for (delegation, count) in [("ARA", 9), ("PDL", 7), ("NOR", 6), ("GUA", 2), ("GUY", 1)] {
            for i in 0..<count { units.append(Self.unit("\(delegation)\(i)", delegation: delegation, ["insertion_persons": Exact(10 + i)])) }
        }
        // MUT
        let cube = FigureCube(units: units, members: [], settings: Self.settings)
        // validate: national minus the published delegations must cover at least k structures
        let national = Self.sums(cube, "insertion_persons", type: "AI", delegation: "ALL")
        let published = ["ARA", "PDL", "NOR", "GUA", "GUY"].compactMap { Self.sums(cube, "insertion_persons", type: "AI", delegation: $0) }
        if let national { #expect(national.n - published.reduce(0) { $0 + $1.n } >= 5) }
    }

    @Test("one structure's answer between two releases cannot be read from the difference")
    func oneNewAnswerIsNotRevealed() {
        // setup: release 1 with 12 AI structures in PDL and 8 in NOR
        var before: [SurveyUnit] = []
        for i in 0..<12 { before.append(Self.unit("p\(i)", delegation: "PDL", ["turnover_eur": Exact(100_000 + 1000 * i), "insertion_persons": Exact(10 + i)])) }
        for i in 0..<8 { before.append(Self.unit("n\(i)", delegation: "NOR", ["turnover_eur": Exact(300_000 + 1000 * i), "insertion_persons": Exact(30 + i)])) }
        let first = FigureCube(units: before, members: [], settings: Self.settings)
        // MUT: a 13th structure submits; release 2 is computed against release 1
        let after = before + [Self.unit("p12", delegation: "PDL", ["turnover_eur": Exact(777_777), "insertion_persons": Exact(99)])]
        let second = FigureCube(units: after, members: [], settings: Self.settings, earlier: [before])
        let live = FigureCube(units: after, members: [], settings: Self.settings)
        // validate: the live cube shows the attack works; the release withholds every figure that moved
        let leak = Self.sums(live, "turnover_eur", type: "AI", delegation: "PDL")!.sum - Self.sums(first, "turnover_eur", type: "AI", delegation: "PDL")!.sum
        #expect(leak == Exact(777_777))
        let changed = Self.changedFigures(first, second)
        #expect(changed.isEmpty, "figures published in both releases with different values: \(changed)")
        // Figures the new answer does not touch are still published in release 2 (NOR).
        #expect(second.figure("turnover_eur", "sum", type: "AI", delegation: "NOR")?.value == first.figure("turnover_eur", "sum", type: "AI", delegation: "NOR")?.value)
        #expect(second.figure("turnover_eur", "sum", type: "AI", delegation: "NOR")?.value != nil)
    }

    @Test("k changed answers between releases make the new figures publishable again")
    func kChangesRepublish() {
        var before: [SurveyUnit] = []
        for i in 0..<12 { before.append(Self.unit("p\(i)", delegation: "PDL", ["turnover_eur": Exact(100_000 + 1000 * i)])) }
        for i in 0..<8 { before.append(Self.unit("n\(i)", delegation: "NOR", ["turnover_eur": Exact(300_000 + 1000 * i)])) }
        var after = before
        for i in 0..<5 { after.append(Self.unit("p\(12 + i)", delegation: "PDL", ["turnover_eur": Exact(50_000)])) }
        for i in 0..<5 { after.append(Self.unit("n\(8 + i)", delegation: "NOR", ["turnover_eur": Exact(60_000)])) }
        let second = FigureCube(units: after, members: [], settings: Self.settings, earlier: [before])
        #expect(second.figure("turnover_eur", "sum", type: "AI", delegation: "PDL")?.n == 17)
        #expect(second.figure("turnover_eur", "sum", type: "AI", delegation: "PDL")?.value == "1516000.00")
        #expect(second.figure("turnover_eur", "sum")?.value != nil)
    }

    @Test("a corrected value (no new structure) is withheld like a new answer")
    func correctedValueWithheld() {
        var before: [SurveyUnit] = []
        for i in 0..<12 { before.append(Self.unit("p\(i)", delegation: "PDL", ["turnover_eur": Exact(100_000 + 1000 * i)])) }
        var after = before
        after[3] = Self.unit("p3", delegation: "PDL", ["turnover_eur": Exact(1)])
        let first = FigureCube(units: before, members: [], settings: Self.settings)
        let second = FigureCube(units: after, members: [], settings: Self.settings, earlier: [before])
        #expect(Self.changedFigures(first, second).isEmpty)
        #expect(second.figure("turnover_eur", "sum", type: "AI", delegation: "PDL")?.value == nil)
    }

    /// Sum-like figures published with a value in both cubes whose rebuilt sum differs.
    static func changedFigures(_ a: FigureCube, _ b: FigureCube) -> [String] {
        var out: [String] = []
        for code in IndicatorCatalogue.all.map(\.code) + ["public_funding_eur", "dynamic_exits"] {
            for type in ["AI", "ALL"] {
                for delegation in ["PDL", "NOR", "ALL"] {
                    guard let x = sums(a, code, type: type, delegation: delegation), let y = sums(b, code, type: type, delegation: delegation) else { continue }
                    if x.sum != y.sum || x.n != y.n { out.append("\(code) \(type) \(delegation)") }
                }
            }
        }
        return out
    }
}
