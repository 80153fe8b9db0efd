/// The figures only reports show (SPEC §8 names the export's figures; these stay out of it):
/// see `StatisticsEngine.reportRatios`, `reportTotals` and `netGain`.
extension CellFigures {
    static let totalParts = StatisticsEngine.reportTotals.map { $0.parts.map { CubeCodes.computedIndex($0)! } }

    func reportFigures(_ cell: Int) -> [Figure] {
        let type = layout.typeCode(layout.type(ofCell: cell)), delegation = layout.delegationCode(layout.delegation(ofCell: cell))
        let k = settings.k
        var out = FigureList(type: type, delegation: delegation, k: k)
        for r in StatisticsEngine.ratios.count..<GroupSums.ratios.count { ratio(r, cell: cell, into: &out) }
        for (i, total) in StatisticsEngine.reportTotals.enumerated() {
            let parts = Self.totalParts[i]
            guard parts.allSatisfy({ CellStatistics.shows($0, type: type) && stats.n[cell, $0] > 0 }) else { continue }
            // A part under k makes the total null; a part hidden by secondary suppression, left out.
            let primary = parts.contains { stats.n[cell, $0] < k }
            if !primary && parts.contains(where: { secrecy.isSecret($0, cell: cell) }) { continue }
            let sum = parts.reduce(Int128(0)) { $0 + stats.sum[cell, $1] }
            out.figures.append(Figure(indicator: total.indicator, statistic: "sum", type: type, delegation: delegation,
                                      n: stats.totalCounts[cell, i],
                                      value: primary ? nil : Rounding.decimal(sum, over: stats.scale, places: 2)))
        }
        var reported: [String] = []  // `figures` reports them
        if let r = stats.returns[cell], let total = returnOnPublicEuro(r, cell: cell, type: type, delegation: delegation, problems: &reported).last {
            out.figures.append(Figure(indicator: StatisticsEngine.netGain, statistic: "ratio", type: type, delegation: delegation,
                                      n: total.figure.n, value: total.figure.value == nil ? nil : (total.value - Exact(1)).rounded(places: 2)))
        }
        return out.figures
    }
}
