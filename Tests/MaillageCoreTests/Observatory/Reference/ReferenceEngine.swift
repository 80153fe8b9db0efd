@testable import MaillageCore

/// The first engine, kept as a test oracle: everything in `Exact` over `[String: Exact]`
/// dictionaries, every cell rebuilt from the raw units. Only the secrecy contract moved with
/// SPEC §8: a figure hidden by secondary suppression (n ≥ k) is left out instead of published
/// as null, and so is a response rate without a member base.
enum ReferenceEngine {
    typealias Cell = ReferenceCell

    static func secrecy(_ units: [SurveyUnit], _ settings: StatisticsSettings) -> ReferenceSecrecy {
        ReferenceSecrecy(units: units, k: settings.k, indicators: StatisticsEngine.additiveCodes + IndicatorCatalogue.all.filter { $0.unit == .percent }.map(\.code))
    }

    static func national(units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings, secrecy given: ReferenceSecrecy? = nil) -> [Figure] {
        let secrecy = given ?? Self.secrecy(units, settings)
        var cells = [Cell(type: Cell.all, delegation: Cell.all)]
        cells += Set(units.map(\.type)).sorted().map { Cell(type: $0, delegation: Cell.all) }
        cells += Set(units.compactMap(\.delegation)).sorted().map { Cell(type: Cell.all, delegation: $0) }
        return cells.flatMap { figures(for: $0, units: units, members: members, settings: settings, secrecy: secrecy) }
    }

    static func delegation(_ code: String, units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings, secrecy given: ReferenceSecrecy? = nil) -> [Figure] {
        let secrecy = given ?? Self.secrecy(units, settings)
        var cells = [Cell(type: Cell.all, delegation: code)]
        cells += Set(units.filter { $0.delegation == code }.map(\.type)).sorted().map { Cell(type: $0, delegation: code) }
        return cells.flatMap { figures(for: $0, units: units, members: members, settings: settings, secrecy: secrecy) }
    }

    static func figures(for cell: Cell, units all: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings, secrecy: ReferenceSecrecy) -> [Figure] {
        let units = Cell.units(all, type: cell.type, delegation: cell.delegation)
        var out: [Figure] = []
        if let rate = responseRate(cell, units: units.count, members: members, k: settings.k) { out.append(rate) }
        func figure(_ indicator: String, _ statistic: String, _ n: Int, _ value: Exact?, places: Int, secret: Bool) {
            if n >= settings.k && (secret || value == nil) { return }
            out.append(Figure(indicator: indicator, statistic: statistic, type: cell.type, delegation: cell.delegation, n: n,
                              value: n >= settings.k ? value?.rounded(places: places) : nil))
        }
        for indicator in IndicatorCatalogue.all {
            if cell.type != Cell.all, !indicator.applies(to: cell.type) { continue }
            let percent = indicator.unit == .percent
            if percent && cell.type == Cell.all { continue }
            let values = units.compactMap { $0[indicator.code] }
            guard !values.isEmpty else { continue }
            let secret = secrecy.isSecret(indicator.code, cell)
            let places = 2  // SPEC §8: 1 place for rate and share only
            let n = values.count
            if !percent { figure(indicator.code, "sum", n, values.reduce(.zero, +), places: 2, secret: secret) }
            figure(indicator.code, "mean", n, values.reduce(.zero, +) / Exact(n), places: places, secret: secret)
            figure(indicator.code, "q1", n, Quantile.q1(values), places: places, secret: secret)
            figure(indicator.code, "median", n, Quantile.median(values), places: places, secret: secret)
            figure(indicator.code, "q3", n, Quantile.q3(values), places: places, secret: secret)
        }
        for code in ["public_funding_eur", "dynamic_exits"] {
            let values = units.compactMap { $0[code] }
            guard !values.isEmpty else { continue }
            figure(code, "sum", values.count, values.reduce(.zero, +), places: 2, secret: secrecy.isSecret(code, cell))
        }
        for ratio in StatisticsEngine.ratios {
            guard let r = Self.ratio(ratio, units: units) else { continue }
            let secret = Set(ratio.numerator + ratio.denominator).contains { secrecy.isSecret($0, cell) }
            figure(ratio.indicator, ratio.statistic, r.n, r.value, places: ratio.percent ? 1 : 2, secret: secret)
        }
        out += returnOnPublicEuro(cell, units: units, settings: settings, secrecy: secrecy)
        return out
    }

    /// A ratio on the sums of the rows answering all its inputs: n and value (nil over zero).
    static func ratio(_ ratio: StatisticsEngine.Ratio, units: [[String: Exact]]) -> (n: Int, value: Exact?)? {
        let inputs = Set(ratio.numerator + ratio.denominator)
        let rows = units.filter { row in inputs.allSatisfy { row[$0] != nil } }
        guard !rows.isEmpty else { return nil }
        let num = rows.reduce(Exact.zero) { acc, row in ratio.numerator.reduce(acc) { $0 + row[$1]! } }
        let den = rows.reduce(Exact.zero) { acc, row in ratio.denominator.reduce(acc) { $0 + row[$1]! } }
        return (rows.count, den.isZero ? nil : (ratio.percent ? num / den * Exact(100) : num / den))
    }

    static func returnOnPublicEuro(_ cell: Cell, units: [[String: Exact]], settings: StatisticsSettings, secrecy: ReferenceSecrecy) -> [Figure] {
        let inputs = ["public_funding_eur", "employer_contributions_eur", "taxes_eur", "insertion_etp"]
        let rows = units.filter { row in inputs.allSatisfy { row[$0] != nil } }
        guard !rows.isEmpty else { return [] }
        func sum(_ code: String) -> Exact { rows.reduce(.zero) { $0 + $1[code]! } }
        let funding = sum("public_funding_eur")
        guard !funding.isZero else { return [] }
        let avoided = sum("insertion_etp") * settings.unemployedETPCost / funding
        let total = (sum("employer_contributions_eur") + sum("taxes_eur")) / funding + avoided
        let primary = rows.count < settings.k
        if !primary && inputs.contains(where: { secrecy.isSecret($0, cell) }) { return [] }
        return [("return_avoided_cost", avoided), ("return_per_public_euro", total)].map { code, value in
            Figure(indicator: code, statistic: "ratio", type: cell.type, delegation: cell.delegation, n: rows.count,
                   value: primary ? nil : value.rounded(places: 2))
        }
    }

    static func responseRate(_ cell: Cell, units: Int, members: [SurveyMember], k: Int) -> Figure? {
        let base = members.filter { m in
            (cell.delegation == Cell.all || (m.delegation ?? "-") == cell.delegation)
                && (cell.type == Cell.all || m.types.contains(cell.type))
        }.count
        if units >= k && base == 0 { return nil }
        // SPEC §8: counts of members and answers are published anyway: the rate, whatever n.
        let value: String? = base > 0 ? (Exact(Int128(units)) / Exact(Int128(base)) * Exact(100)).rounded(places: 1) : nil
        return Figure(indicator: "response", statistic: "rate", type: cell.type, delegation: cell.delegation, n: units, value: value)
    }
}
