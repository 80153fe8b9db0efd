@testable import MaillageCore

/// The report-only figures, restated plainly: a ratio of several sums, a total of several
/// sums, the net gain of one euro of public funding; each from exact sums, rounded once.
extension ReferenceEngine {
    static func reportFigures(for cell: Cell, units all: [SurveyUnit], settings: StatisticsSettings, secrecy: ReferenceSecrecy) -> [Figure] {
        let units = Cell.units(all, type: cell.type, delegation: cell.delegation), k = settings.k
        var out: [Figure] = []
        func figure(_ indicator: String, _ statistic: String, _ n: Int, _ value: String?) {
            out.append(Figure(indicator: indicator, statistic: statistic, type: cell.type, delegation: cell.delegation, n: n, value: value))
        }
        for ratio in StatisticsEngine.reportRatios {
            guard let r = Self.ratio(ratio, units: units) else { continue }
            let secret = Set(ratio.numerator + ratio.denominator).contains { secrecy.isSecret($0, cell) }
            if r.n >= k && (secret || r.value == nil) { continue }
            figure(ratio.indicator, ratio.statistic, r.n, r.n < k ? nil : r.value?.rounded(places: ratio.percent ? 1 : 2))
        }
        for total in StatisticsEngine.reportTotals {
            let shown = total.parts.allSatisfy { part in
                (cell.type == Cell.all || IndicatorCatalogue.byCode[part]!.applies(to: cell.type)) && units.contains { $0[part] != nil }
            }
            guard shown else { continue }
            let n = { (part: String) in units.count { $0[part] != nil } }
            // A part under k: the total is secret too; a part hidden past k (secondary): left out.
            let underK = total.parts.contains { n($0) < k }
            if !underK && total.parts.contains(where: { secrecy.isSecret($0, cell) }) { continue }
            let sum = total.parts.reduce(Exact.zero) { acc, part in units.reduce(acc) { $0 + ($1[part] ?? .zero) } }
            figure(total.indicator, "sum", units.count { row in total.parts.contains { row[$0] != nil } }, underK ? nil : sum.rounded(places: 2))
        }
        let returns = returnOnPublicEuro(cell, units: units, settings: settings, secrecy: secrecy)
        if let total = returns.first(where: { $0.indicator == "return_per_public_euro" }) {
            // The exact return again, not its rounded figure.
            let rows = units.filter { row in StatisticsEngine.returnInputs.allSatisfy { row[$0] != nil } }
            func sum(_ code: String) -> Exact { rows.reduce(.zero) { $0 + $1[code]! } }
            let exact = (sum("employer_contributions_eur") + sum("taxes_eur") + sum("insertion_etp") * settings.unemployedETPCost)
                / sum("public_funding_eur")
            figure(StatisticsEngine.netGain, "ratio", total.n, total.value == nil ? nil : (exact - Exact(1)).rounded(places: 2))
        }
        return out
    }
}
