import PropertyBased
import Testing
@testable import MaillageCore

/// Nothing a member can type, nor anything an admin imports or finds in an old database, may
/// trap the statistics engine: inputs are bounded where they enter, the engine admits only
/// bounded values, and its arithmetic is checked.
@Suite("Statistics engine is total")
struct EngineTotalityTests {
    static let settings = StatisticsSettings(k: 5, unemployedETPCost: Exact(18300))

    static func unit(_ s: Int, _ values: [String: Exact], type: String = "AI", delegation: String = "PDL") -> SurveyUnit {
        SurveyUnit(structure: "s\(s)", type: type, delegation: delegation, values: values)
    }

    @Test("the attack of the demo: 10^20 amounts and ETP from one member neither trap nor enter the figures")
    func twentyDigitAnswer() {
        // setup: the values the attacker submitted, beside six ordinary answers
        let huge = Exact(decimal: "99999999999999999999")!
        var units = (0..<6).map { Self.unit($0, ["funding_state_eur": Exact(200_000), "employer_contributions_eur": Exact(50_000),
                                                  "taxes_eur": Exact(10_000), "insertion_etp": Exact(12)]) }
        units.append(Self.unit(99, ["funding_state_eur": huge, "employer_contributions_eur": huge, "taxes_eur": huge,
                                    "insertion_etp": huge, "turnover_eur": Exact(1000)]))
        // MUT
        let cube = FigureCube(units: units, members: [], settings: Self.settings)
        // validate: the four values are left out and said; the return is computed on the six others
        #expect(cube.excluded.map(\.code).sorted() == ["employer_contributions_eur", "funding_state_eur", "insertion_etp", "taxes_eur"])
        #expect(cube.excluded.allSatisfy { $0.structure == "s99" })
        #expect(cube.figure("funding_state_eur", "sum")?.value == "1200000.00")
        #expect(cube.figure("return_per_public_euro", "ratio")?.n == 6)
        #expect(cube.figure("turnover_eur", "sum")?.n == 1)
    }

    @Test("Exact arithmetic is checked: an overflow is undefined, never a trap, and spreads")
    func checkedExact() {
        let max = Exact(Int128.max)
        #expect((max + Exact(1)).isUndefined)
        #expect((max * Exact(2)).isUndefined)
        #expect((Exact(Int128.min) - Exact(1)).isUndefined)
        #expect((Exact(1) / .zero).isUndefined)
        #expect((Exact.undefined + Exact(1)).isUndefined)
        #expect(Exact(5, 0).isUndefined)
        #expect(Exact.undefined.rounded(places: 2) == "—")
        #expect(Exact.undefined < Exact(Int128.min))
        // Products that fit once cross-reduced are exact.
        #expect(Exact(Int128.max, 3) * Exact(3, Int128.max) == Exact(1))
        // Comparison of large fractions uses full-width products.
        #expect(Exact(Int128.max - 1, Int128.max) < Exact(Int128.max, Int128.max - 1))
    }

    @Test("rounding is total and exact for any 128-bit fraction")
    func totalRounding() {
        #expect(Rounding.decimal(Int128.max, over: 1, places: 2) == "170141183460469231731687303715884105727.00")
        #expect(Rounding.decimal(Int128.max, over: 3, places: 2) == "56713727820156410577229101238628035242.33")
        #expect(Rounding.decimal(Int128.min, over: 1, places: 2) == "-170141183460469231731687303715884105728.00")
        #expect(Rounding.decimal(Int128.max, over: 2, places: 0) == "85070591730234615865843651857942052864")
        #expect(Rounding.decimal(1, over: 0, places: 2) == "—")
        #expect(Rounding.decimal(-5, over: 1000, places: 2) == "-0.01")
    }

    @Test("each unit has a plausible maximum, refused beyond with a French reason", arguments: [
        (Indicator.Unit.euros, "10000000000", true), (.euros, "10000000000,01", false), (.count, "1000001", false),
        (.etp, "100000", true), (.hours, "100000001", false), (.percent, "100", true), (.percent, "100,1", false),
    ])
    func maximum(_ unit: Indicator.Unit, _ raw: String, _ accepted: Bool) {
        let value = Exact(decimal: raw)!
        #expect((unit.outOfRange(value) == nil) == accepted)
        if !accepted { #expect(unit.outOfRange(value)!.contains("maximum plausible")) }
    }

    @Test("an answers file with a 20-digit amount is refused on its line, with the maximum")
    func fileValueBounded() {
        guard case .failure(let problem) = AnswerFile.value("99999999999999999999", unit: .euros) else {
            Issue.record("a 20-digit amount was accepted")
            return
        }
        #expect(problem.message.contains("maximum plausible"))
    }

    /// Any answers within the catalogue's bounds: the engine gives figures, each a decimal,
    /// and leaves nothing out.
    @Test("property: accepted answers always give figures, never a trap")
    func acceptedAnswersGiveFigures() async {
        let codes = IndicatorCatalogue.all
        await propertyCheck(count: 60, input: Gen.int(in: 1...40), Gen.int(in: 0...Int.max / 2), Gen.int(in: 2...6)) { structures, seed, k in
            var rng = SeededGenerator(seed: UInt64(seed))
            let types = ["AI", "ACI", "EI"], delegations = ["PDL", "NOR", "ARA", "GUY"]
            var units: [SurveyUnit] = []
            for s in 0..<structures {
                let delegation = delegations[Int(rng.next() % 4)]
                for type in types where rng.next() % 3 != 0 {
                    var values: [String: Exact] = [:]
                    for indicator in codes where indicator.applies(to: type) && rng.next() % 4 != 0 {
                        // Extremes on purpose: 0, the maximum, or any value in between with the unit's places.
                        let scale = Int128([1, 10, 100][indicator.unit.places])
                        let top = indicator.unit.maximum.numerator * scale
                        let pick = rng.next() % 3
                        let n: Int128 = pick == 0 ? 0 : pick == 1 ? top : Int128(rng.next() % UInt64(top > Int128(UInt64.max) ? UInt64.max : UInt64(top)))
                        values[indicator.code] = Exact(n, scale)
                    }
                    units.append(SurveyUnit(structure: "s\(s)", type: type, delegation: delegation, values: values))
                }
            }
            let cube = FigureCube(units: units, members: [], settings: StatisticsSettings(k: k, unemployedETPCost: Exact(18300)))
            #expect(cube.excluded.isEmpty)
            #expect(cube.problems.isEmpty)
            for figure in cube.national() { if let v = figure.value { #expect(Exact(decimal: v) != nil, "\(figure)") } }
        }
    }

    /// Anything at all in the database (negative, huge, 12 decimals, odd fractions): no trap,
    /// and every value past its unit's bound is reported.
    @Test("property: any stored values give figures or a named exclusion")
    func anyStoredValues() async {
        await propertyCheck(count: 60, input: Gen.int(in: 1...20), Gen.int(in: 0...Int.max / 2)) { structures, seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            var units: [SurveyUnit] = []
            for s in 0..<structures {
                var values: [String: Exact] = [:]
                for code in ["turnover_eur", "funding_state_eur", "taxes_eur", "employer_contributions_eur", "insertion_etp",
                             "exits_total", "clientele_private_pct", "public_funding_eur"] where rng.next() % 2 == 0 {
                    let n = Int128(truncatingIfNeeded: UInt128(rng.next()) << 64 | UInt128(rng.next())) >> Int(rng.next() % 127)
                    let d: Int128 = [1, 100, 1_000_000_000_000, 7, Int128.max][Int(rng.next() % 5)]
                    values[code] = Exact(n, d)
                }
                units.append(SurveyUnit(structure: "s\(s)", type: "AI", delegation: "PDL", values: values))
            }
            let cube = FigureCube(units: units, members: [], settings: Self.settings)
            let admitted = units.flatMap { u in u.values.filter { AdmittedValues.admits($0.key, $0.value) }.map { _ in 1 } }.count
            let total = units.reduce(0) { $0 + $1.values.count }
            #expect(cube.excluded.count == total - admitted)
            _ = cube.national()
        }
    }
}
