/// Everything the figures need from the rows, for every cell of the grid, as integers over
/// the common scale: counts, sums, quartile numerators (over 4 × scale), and the sums behind
/// each ratio. Computed in one pass per cell; rounding comes later, once.
struct CellStatistics: Sendable {
    struct QuartileNumerators: Sendable { let q1, median, q3: Int128 }
    struct RatioSums: Sendable { let n: Int; let numerator, denominator: Int128 }
    /// Rows holding all four return inputs, and each input's sum (in `returnInputs` order).
    struct ReturnSums: Sendable { let n: Int; let sums: [Int128] }

    let scale: Int128
    /// By cell × computed code.
    let n: CubeGrid<Int>
    let sum: CubeGrid<Int128>
    /// By cell × catalogue indicator; only where the indicator is shown and n ≥ k.
    let quartiles: CubeGrid<QuartileNumerators?>
    /// By cell × summed ratio (`GroupSums.ratios` order); nil when no row has every input.
    let ratios: CubeGrid<RatioSums?>
    /// By cell.
    let returns: [ReturnSums?]
    /// By cell × report total (`StatisticsEngine.reportTotals` order): rows answering at least one part.
    let totalCounts: CubeGrid<Int>

    /// Whether the cell shows the indicator's quantiles: `_pct` ones only per type, and a type
    /// only the questions that apply to it.
    static func shows(_ indicator: Int, type: String) -> Bool {
        let i = IndicatorCatalogue.all[indicator]
        return type == Figure.all ? i.unit != .percent : i.applies(to: type)
    }

    init<Raw>(_ columns: ScaledColumns<Raw>, layout: CubeLayout, k: Int) {
        let cells = layout.cellCount, codes = CubeCodes.computed
        var n = CubeGrid(rows: cells, columns: codes, repeating: 0)
        var sum = CubeGrid<Int128>(rows: cells, columns: codes, repeating: 0)
        var quartiles = CubeGrid<QuartileNumerators?>(rows: cells, columns: CubeCodes.catalogue, repeating: nil)
        let shown = (0...layout.allTypes).map { t in (0..<CubeCodes.catalogue).map { Self.shows($0, type: layout.typeCode(t)) } }
        let largest = layout.cellRows.elements.map(\.count).max() ?? 0
        let scratch = UnsafeMutablePointer<Raw>.allocate(capacity: max(largest, 1))
        defer { scratch.deallocate() }
        columns.values.withReader { values in
            for cell in 0..<cells {
                let cellRows = layout.cellRows[cell]
                guard !cellRows.isEmpty else { continue }
                let type = layout.type(ofCell: cell)
                for code in 0..<codes {
                    let column = values.row(code)
                    var count = 0, total: Int128 = 0
                    for row in cellRows {
                        let x = column[Int(row)]
                        guard x != ScaledColumns<Raw>.missing else { continue }
                        scratch[count] = x
                        count += 1
                        total += Int128(x)
                    }
                    n[cell, code] = count
                    sum[cell, code] = total
                    if code < CubeCodes.catalogue, count > 0, count >= k, shown[type][code] {
                        let (q1, median, q3) = OrderStatistics.quartiles(scratch, count: count)
                        quartiles[cell, code] = QuartileNumerators(q1: q1, median: median, q3: q3)
                    }
                }
            }
        }
        (ratios, returns, totalCounts) = GroupSums.compute(columns, layout: layout)
        self.scale = columns.scale
        self.n = n
        self.sum = sum
        self.quartiles = quartiles
    }
}
