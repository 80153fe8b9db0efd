/// Figures of a campaign, exact until the one final rounding (half away from zero):
/// `rate` and `share` are percentages with 1 decimal, everything else has 2.
public enum StatisticsEngine {
    /// A ratio computed on the group's sums: numerator codes over denominator codes.
    struct Ratio {
        let indicator: String
        let statistic: String
        let numerator: [String]
        let denominator: [String]
        var percent: Bool { statistic == "rate" || statistic == "share" }
    }

    static let resources = ["turnover_eur", "public_funding_eur"]
    static let ratios: [Ratio] = [
        Ratio(indicator: "dynamic_exit_rate", statistic: "rate", numerator: ["dynamic_exits"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_sustainable", statistic: "share", numerator: ["exits_sustainable"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_transition", statistic: "share", numerator: ["exits_transition"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_positive", statistic: "share", numerator: ["exits_positive"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_other", statistic: "share", numerator: ["exits_other"], denominator: ["exits_total"]),
        Ratio(indicator: "economic_resources_share", statistic: "share", numerator: ["turnover_eur"], denominator: resources),
        Ratio(indicator: "public_funding_eur", statistic: "share", numerator: ["public_funding_eur"], denominator: resources),
        Ratio(indicator: "public_funding_per_insertion_etp_eur", statistic: "ratio", numerator: ["public_funding_eur"], denominator: ["insertion_etp"]),
        Ratio(indicator: "return_contributions", statistic: "ratio", numerator: ["employer_contributions_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "return_taxes", statistic: "ratio", numerator: ["taxes_eur"], denominator: ["public_funding_eur"]),
        // Per euro of public funding, as the 2024 report puts it.
        Ratio(indicator: "turnover_eur", statistic: "ratio", numerator: ["turnover_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "salaries_total_eur", statistic: "ratio", numerator: ["salaries_total_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "local_purchases_eur", statistic: "ratio", numerator: ["local_purchases_eur"], denominator: ["public_funding_eur"]),
    ] + IndicatorCatalogue.fundingCodes.map {
        Ratio(indicator: $0, statistic: "share", numerator: [$0], denominator: resources)
    }

    static var additiveCodes: [String] {
        IndicatorCatalogue.all.filter { $0.unit != .percent }.map(\.code) + ["public_funding_eur", "dynamic_exits"]
    }

    /// National report: the network, each type, each delegation.
    public static func national(units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings) -> [Figure] {
        let secrecy = Secrecy(units: units, k: settings.k, indicators: additiveCodes)
        var cells = [Cell(type: Cell.all, delegation: Cell.all)]
        cells += Set(units.map(\.type)).sorted().map { Cell(type: $0, delegation: Cell.all) }
        cells += Set(units.compactMap(\.delegation)).sorted().map { Cell(type: Cell.all, delegation: $0) }
        return cells.flatMap { figures(for: $0, units: units, members: members, settings: settings, secrecy: secrecy) }
    }

    /// A delegation's report: the delegation, and each type within it.
    public static func delegation(_ code: String, units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings) -> [Figure] {
        let secrecy = Secrecy(units: units, k: settings.k, indicators: additiveCodes)
        var cells = [Cell(type: Cell.all, delegation: code)]
        cells += Set(units.filter { $0.delegation == code }.map(\.type)).sorted().map { Cell(type: $0, delegation: code) }
        return cells.flatMap { figures(for: $0, units: units, members: members, settings: settings, secrecy: secrecy) }
    }

    static func figures(for cell: Cell, units all: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings, secrecy: Secrecy) -> [Figure] {
        let units = Cell.units(all, type: cell.type, delegation: cell.delegation)
        var out: [Figure] = [responseRate(cell, units: units.count, members: members, k: settings.k)]
        func figure(_ indicator: String, _ statistic: String, _ n: Int, _ value: Exact?, places: Int, secret: Bool) {
            let shown = n >= settings.k && !secret ? value?.rounded(places: places) : nil
            if value == nil && n >= settings.k && !secret { return }  // nothing to say (e.g. a zero denominator)
            out.append(Figure(indicator: indicator, statistic: statistic, type: cell.type, delegation: cell.delegation, n: n, value: shown))
        }
        for indicator in IndicatorCatalogue.all {
            if cell.type != Cell.all, !indicator.applies(to: cell.type) { continue }
            let percent = indicator.unit == .percent
            if percent && cell.type == Cell.all { continue }
            let values = units.compactMap { $0[indicator.code] }
            guard !values.isEmpty else { continue }
            let secret = !percent && secrecy.isSecret(indicator.code, cell)
            let places = percent ? 1 : 2
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
        for ratio in ratios {
            let inputs = Set(ratio.numerator + ratio.denominator)
            let rows = units.filter { row in inputs.allSatisfy { row[$0] != nil } }
            guard !rows.isEmpty else { continue }
            let num = rows.reduce(Exact.zero) { acc, row in ratio.numerator.reduce(acc) { $0 + row[$1]! } }
            let den = rows.reduce(Exact.zero) { acc, row in ratio.denominator.reduce(acc) { $0 + row[$1]! } }
            let secret = inputs.contains { secrecy.isSecret($0, cell) }
            let value: Exact? = den.isZero ? nil : (ratio.percent ? num / den * Exact(100) : num / den)
            figure(ratio.indicator, ratio.statistic, rows.count, value, places: ratio.percent ? 1 : 2, secret: secret)
        }
        out += returnOnPublicEuro(cell, units: units, settings: settings, secrecy: secrecy)
        return out
    }

    /// Per euro of public funding: contributions and taxes paid back, and the cost of
    /// unemployment avoided (insertion ETP × the year's cost of one unemployed ETP).
    static func returnOnPublicEuro(_ cell: Cell, units: [SurveyUnit.Values], settings: StatisticsSettings, secrecy: Secrecy) -> [Figure] {
        let inputs = ["public_funding_eur", "employer_contributions_eur", "taxes_eur", "insertion_etp"]
        let rows = units.filter { row in inputs.allSatisfy { row[$0] != nil } }
        guard !rows.isEmpty else { return [] }
        func sum(_ code: String) -> Exact { rows.reduce(.zero) { $0 + $1[code]! } }
        let funding = sum("public_funding_eur")
        guard !funding.isZero else { return [] }
        let avoided = sum("insertion_etp") * settings.unemployedETPCost / funding
        let total = (sum("employer_contributions_eur") + sum("taxes_eur")) / funding + avoided
        let secret = rows.count < settings.k || inputs.contains { secrecy.isSecret($0, cell) }
        return [("return_avoided_cost", avoided), ("return_per_public_euro", total)].map { code, value in
            Figure(indicator: code, statistic: "ratio", type: cell.type, delegation: cell.delegation, n: rows.count,
                   value: secret ? nil : value.rounded(places: 2))
        }
    }

    /// Answers over members active at the campaign's opening, in the cell.
    static func responseRate(_ cell: Cell, units: Int, members: [SurveyMember], k: Int) -> Figure {
        let base = members.filter { m in
            (cell.delegation == Cell.all || (m.delegation ?? "-") == cell.delegation)
                && (cell.type == Cell.all || m.types.contains(cell.type))
        }.count
        let value: String? = units >= k && base > 0 ? (Exact(Int128(units)) / Exact(Int128(base)) * Exact(100)).rounded(places: 1) : nil
        return Figure(indicator: "response", statistic: "rate", type: cell.type, delegation: cell.delegation, n: units, value: value)
    }
}

extension SurveyUnit {
    typealias Values = [String: Exact]
}
