/// Exact quartiles of one indicator in one cell (QUARTILE.INC), over `n` answers.
public struct Quartiles: Sendable, Equatable {
    public let q1: Exact
    public let median: Exact
    public let q3: Exact
    public let n: Int

    public init(q1: Exact, median: Exact, q3: Exact, n: Int) {
        self.q1 = q1
        self.median = median
        self.q3 = q3
        self.n = n
    }
}

/// Where a member's value stands among structures of its type (SPEC §4 "Benchmark").
public enum Standing: String, Sendable, CaseIterable {
    case belowQ1 = "below_q1", q1ToMedian = "q1_median", medianToQ3 = "median_q3", aboveQ3 = "above_q3"

    public var label: String {
        switch self {
        case .belowQ1: "sous le 1er quartile"
        case .q1ToMedian: "entre le 1er quartile et la médiane"
        case .medianToQ3: "entre la médiane et le 3e quartile"
        case .aboveQ3: "au-dessus du 3e quartile"
        }
    }

    /// value < q1, q1 ≤ value < median, median ≤ value ≤ q3, value > q3: a value equal to the
    /// median reads as "from the median up", and one equal to q3 is not above it.
    public init(_ value: Exact, among q: Quartiles) {
        self = value < q.q1 ? .belowQ1 : value < q.median ? .q1ToMedian : q.q3 < value ? .aboveQ3 : .medianToQ3
    }

    /// Quartiles as integers over a common denominator, compared with a value over the same.
    struct Keys: Sendable { let q1, median, q3: Int64 }

    init(_ value: Int64, among q: Keys) {
        self = value < q.q1 ? .belowQ1 : value < q.median ? .q1ToMedian : q.q3 < value ? .aboveQ3 : .medianToQ3
    }
}

/// One indicator of a member's answer, set against its type nationally and in its delegation.
public struct BenchmarkLine: Sendable {
    public let indicator: Indicator
    public let value: Exact
    /// Nil where the figure is not published (secret, or no cell).
    public let national: Quartiles?
    public let delegation: Quartiles?
    public let nationalStanding: Standing?
    public let delegationStanding: Standing?
}

public enum Benchmark {
    /// One line per answered catalogue indicator that applies to the unit's type, in catalogue
    /// order; compared with answers of the same type network-wide and in the unit's delegation.
    public static func lines(for unit: SurveyUnit, cube: FigureCube) -> [BenchmarkLine] {
        let layout = cube.layout
        let t = layout.typeIndex[unit.type]
        let nationalCell = t.map { layout.cell($0, layout.allDelegations) }
        let delegationCell = t.flatMap { t in unit.delegation.flatMap { layout.delegationIndex[$0] }.map { layout.cell(t, $0) } }
        // The answer's own keys, placed in catalogue order.
        var answered = [Exact?](repeating: nil, count: CubeCodes.catalogue)
        for (key, value) in unit.values {
            if let i = CubeCodes.table.index(key), i < CubeCodes.catalogue { answered[i] = value }
        }
        let applies = t.map { cube.applies[$0] } ?? IndicatorCatalogue.all.map { $0.applies(to: unit.type) }
        var lines: [BenchmarkLine] = []
        lines.reserveCapacity(unit.values.count)
        for i in 0..<CubeCodes.catalogue where applies[i] {
            guard let value = answered[i] else { continue }
            let national = nationalCell.flatMap { cube.quartiles(indicator: i, cell: $0) }
            let delegation = delegationCell.flatMap { cube.quartiles(indicator: i, cell: $0) }
            let key = national == nil && delegation == nil ? nil : cube.key(value)
            lines.append(BenchmarkLine(indicator: IndicatorCatalogue.all[i], value: value, national: national, delegation: delegation,
                                       nationalStanding: national.map { cube.standing(value, key: key, indicator: i, cell: nationalCell!, among: $0) },
                                       delegationStanding: delegation.map { cube.standing(value, key: key, indicator: i, cell: delegationCell!, among: $0) }))
        }
        return lines
    }
}

/// One of a structure's own rates or ratios, with SPEC §8's name and formula applied to its
/// answer alone: exact, rounded once when shown (`rate` and `share` in percent with 1 place,
/// `ratio` with 2).
public struct BenchmarkRatio: Sendable, Equatable {
    public let indicator: String
    public let statistic: String
    /// Exact: a percentage for `rate` and `share`, euros for `ratio`.
    public let value: Exact
    /// The two terms it is made of, for the reader ("8 sorties dynamiques sur 11 sorties").
    public let numerator: Exact
    public let denominator: Exact

    public var percent: Bool { statistic == "rate" || statistic == "share" }
    public var rounded: String { value.rounded(places: percent ? 1 : 2) }
}

extension Benchmark {
    /// The SPEC §8 derived figures of one answer, each where its terms are answered and its
    /// denominator is not zero:
    /// - `dynamic_exit_rate` = dynamic exits (sustainable + transition + positive, all three
    ///   answered, else the given `dynamic_exits`) / `exits_total`;
    /// - `economic_resources_share` = turnover / (turnover + public funding);
    /// - `public_funding_per_insertion_etp_eur` = public funding / `insertion_etp`;
    /// - `return_per_public_euro` = (employer contributions + taxes + `insertion_etp` × the
    ///   year's cost of one unemployed ETP) / public funding, with its three parts.
    /// Public funding is the sum of the funders answered, else the given `public_funding_eur`.
    public static func ratios(for unit: SurveyUnit, unemployedETPCost cost: Exact) -> [BenchmarkRatio] {
        let v = unit.values
        let hundred = Exact(100)
        var out: [BenchmarkRatio] = []
        func add(_ indicator: String, _ statistic: String, _ numerator: Exact?, _ denominator: Exact?, scale: Exact = Exact(1)) {
            guard let numerator, let denominator, !denominator.isZero else { return }
            let value = numerator / denominator * scale
            guard !value.isUndefined else { return }
            out.append(BenchmarkRatio(indicator: indicator, statistic: statistic, value: value, numerator: numerator, denominator: denominator))
        }
        let parts = ["exits_sustainable", "exits_transition", "exits_positive"].map { v[$0] }
        let dynamic = parts.allSatisfy { $0 != nil } ? parts.reduce(Exact.zero) { $0 + $1! } : v["dynamic_exits"]
        let funders = IndicatorCatalogue.fundingCodes.compactMap { v[$0] }
        let funding = funders.isEmpty ? v["public_funding_eur"] : funders.reduce(Exact.zero, +)
        add("dynamic_exit_rate", "rate", dynamic, v["exits_total"], scale: hundred)
        if let turnover = v["turnover_eur"], let funding {
            add("economic_resources_share", "share", turnover, turnover + funding, scale: hundred)
        }
        add("public_funding_per_insertion_etp_eur", "ratio", funding, v["insertion_etp"])
        if let funding, let contributions = v["employer_contributions_eur"], let taxes = v["taxes_eur"], let etp = v["insertion_etp"] {
            let avoided = etp * cost
            add("return_per_public_euro", "ratio", contributions + taxes + avoided, funding)
            add("return_contributions", "ratio", contributions, funding)
            add("return_taxes", "ratio", taxes, funding)
            add("return_avoided_cost", "ratio", avoided, funding)
        }
        return out
    }
}
