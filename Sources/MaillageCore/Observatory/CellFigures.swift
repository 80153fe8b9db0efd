/// The published figures of one cell, in report order: response rate; per indicator sum,
/// mean, q1, median, q3; derived sums; ratios; return on one euro of public funding.
///
/// SPEC §8 secrecy contract: a figure from fewer than k structures stays in the list with a
/// null value; one hidden by secondary suppression (n ≥ k) is left out, so that `value` is
/// null exactly when `n` < k. So is a figure with nothing to say (a zero denominator).
struct CellFigures {
    let layout: CubeLayout
    let stats: CellStatistics
    let secrecy: Secrecy
    let settings: StatisticsSettings
    let members: MemberBase

    /// By ratio, in `GroupSums.ratios` order.
    static let ratioInputs = GroupSums.ratios.map { Set($0.numerator + $0.denominator).map { CubeCodes.computedIndex($0)! } }
    static let returnInputs = StatisticsEngine.returnInputs.map { CubeCodes.computedIndex($0)! }

    func figures(_ cell: Int, problems: inout [String]) -> [Figure] {
        let t = layout.type(ofCell: cell), type = layout.typeCode(t)
        let delegation = layout.delegationCode(layout.delegation(ofCell: cell))
        let k = settings.k, scale = stats.scale
        var out = FigureList(type: type, delegation: delegation, k: k)
        let base = members.count(type: type, delegation: delegation)
        if let rate = Self.responseRate(type: type, delegation: delegation, answers: layout.cellRows[cell].count, base: base, k: k) {
            out.figures.append(rate)
        }

        for (i, indicator) in IndicatorCatalogue.all.enumerated() where CellStatistics.shows(i, type: type) {
            let n = stats.n[cell, i], sum = stats.sum[cell, i]
            guard n > 0 else { continue }
            // SPEC §8: only `rate` and `share` have 1 place; a `_pct` mean or quartile has 2 like the rest.
            let percent = indicator.unit == .percent, places = 2
            let secret = secrecy.isSecret(i, cell: cell)
            if !percent { out.add(indicator.code, "sum", n, Rounding.decimal(sum, over: scale, places: 2), secret: secret) }
            out.add(indicator.code, "mean", n, Rounding.decimal(sum, over: Int128(n) * scale, places: places), secret: secret)
            let q = stats.quartiles[cell, i]
            out.add(indicator.code, "q1", n, q.map { Rounding.decimal($0.q1, over: 4 * scale, places: places) }, secret: secret)
            out.add(indicator.code, "median", n, q.map { Rounding.decimal($0.median, over: 4 * scale, places: places) }, secret: secret)
            out.add(indicator.code, "q3", n, q.map { Rounding.decimal($0.q3, over: 4 * scale, places: places) }, secret: secret)
        }
        for code in [CubeCodes.publicFunding, CubeCodes.dynamicExits] {
            let n = stats.n[cell, code]
            guard n > 0 else { continue }
            out.add(CubeCodes.code[code], "sum", n, Rounding.decimal(stats.sum[cell, code], over: scale, places: 2), secret: secrecy.isSecret(code, cell: cell))
        }
        for r in StatisticsEngine.ratios.indices { ratio(r, cell: cell, into: &out) }
        if let r = stats.returns[cell] {
            out.figures += returnOnPublicEuro(r, cell: cell, type: type, delegation: delegation, problems: &problems).map(\.figure)
        }
        return out.figures
    }

    /// Ratio `r` of `GroupSums.ratios`, on the sums of the rows answering all its inputs.
    func ratio(_ r: Int, cell: Int, into out: inout FigureList) {
        guard let s = stats.ratios[cell, r] else { return }
        let ratio = GroupSums.ratios[r]
        let secret = Self.ratioInputs[r].contains { secrecy.isSecret($0, cell: cell) }
        let value: String? = s.denominator == 0 ? nil
            : Rounding.decimal(ratio.percent ? s.numerator * 100 : s.numerator, over: s.denominator, places: ratio.percent ? 1 : 2)
        out.add(ratio.indicator, ratio.statistic, s.n, value, secret: secret)
    }

    /// Answers over members active at the campaign's opening; nothing to say without members.
    /// SPEC §8: a response rate reveals no answer, only counts published anyway (members and
    /// answers), so its value is given whatever n; without members it is null under k and left
    /// out from k on, like any figure with nothing to say.
    static func responseRate(type: String, delegation: String, answers: Int, base: Int, k: Int) -> Figure? {
        let value = base == 0 ? nil : Rounding.decimal(Int128(answers) * 100, over: Int128(base), places: 1)
        if answers >= k && value == nil { return nil }
        return Figure(indicator: "response", statistic: "rate", type: type, delegation: delegation, n: answers, value: value)
    }

    /// Per euro of public funding: contributions and taxes paid back, and the cost of
    /// unemployment avoided (insertion ETP × the year's cost of one unemployed ETP). Both
    /// sums carry the same scale, which cancels out.
    func returnOnPublicEuro(_ r: CellStatistics.ReturnSums, cell: Int, type: String, delegation: String,
                            problems: inout [String]) -> [(figure: Figure, value: Exact)] {
        let funding = r.sums[0], contributions = r.sums[1], taxes = r.sums[2], etp = r.sums[3]
        guard funding != 0 else { return [] }
        let primary = r.n < settings.k
        if !primary && Self.returnInputs.contains(where: { secrecy.isSecret($0, cell: cell) }) { return [] }
        let avoided = Exact(etp) * settings.unemployedETPCost / Exact(funding)
        let total = Exact(contributions + taxes, funding) + avoided
        guard !total.isUndefined else {
            // Checked arithmetic: too large to compute exactly is said, never a crash.
            problems.append("Retour sur un euro public (type \(type), délégation \(delegation)) : calcul impossible, montants trop grands.")
            return []
        }
        return [("return_avoided_cost", avoided), ("return_per_public_euro", total)].map { code, value in
            (Figure(indicator: code, statistic: "ratio", type: type, delegation: delegation, n: r.n,
                    value: primary ? nil : value.rounded(places: 2)), value)
        }
    }
}

/// One cell's figures as they are collected: a figure from fewer than k structures with a null
/// value; one hidden (secret) or with nothing to say (nil value) left out.
struct FigureList {
    let type: String
    let delegation: String
    let k: Int
    var figures: [Figure] = []

    mutating func add(_ indicator: String, _ statistic: String, _ n: Int, _ value: @autoclosure () -> String?, secret: Bool = false) {
        if n < k {
            figures.append(Figure(indicator: indicator, statistic: statistic, type: type, delegation: delegation, n: n, value: nil))
        } else if !secret, let v = value() {
            figures.append(Figure(indicator: indicator, statistic: statistic, type: type, delegation: delegation, n: n, value: v))
        }
    }
}
