/// Everything the figures need from the rows, for every cell of the grid, as integers over
/// the common scale: counts, sums, quartile numerators (over 4 × scale), and the sums behind
/// each ratio. Computed in one pass per cell; rounding comes later, once.
struct CellStatistics: Sendable {
    struct Quartiles: Sendable { let q1, median, q3: Int128 }
    struct RatioSums: Sendable { let n: Int; let numerator, denominator: Int128 }
    /// Rows holding all four return inputs, and each input's sum (in `returnInputs` order).
    struct ReturnSums: Sendable { let n: Int; let sums: [Int128] }

    let scale: Int128
    /// By cell × computed code.
    let n: [Int]
    let sum: [Int128]
    /// By cell × catalogue indicator; only where the indicator is shown and n ≥ k.
    let quartiles: [Quartiles?]
    /// By cell × ratio (`StatisticsEngine.ratios` order); nil when no row has every input.
    let ratios: [RatioSums?]
    let returns: [ReturnSums?]

    func index(_ cell: Int, _ code: Int) -> Int { cell * CubeCodes.computed + code }

    /// Indices of each ratio's inputs, numerator and denominator codes.
    static let ratioCodes: [(inputs: [Int], numerator: [Int], denominator: [Int])] = StatisticsEngine.ratios.map { r in
        let num = r.numerator.map { CubeCodes.computedIndex($0)! }, den = r.denominator.map { CubeCodes.computedIndex($0)! }
        return (Array(Set(num + den)).sorted(), num, den)
    }
    static let returnCodes = StatisticsEngine.returnInputs.map { CubeCodes.computedIndex($0)! }

    /// Whether the cell shows the indicator's quantiles: `_pct` ones only per type, and a type
    /// only the questions that apply to it.
    static func shows(_ indicator: Int, type: String) -> Bool {
        let i = IndicatorCatalogue.all[indicator]
        return type == CubeLayout.all ? i.unit != .percent : i.applies(to: type)
    }

    init<Raw>(_ columns: ScaledColumns<Raw>, layout: CubeLayout, k: Int) {
        let cells = layout.cellCount, codes = CubeCodes.computed, rows = columns.rowCount
        var n = [Int](repeating: 0, count: cells * codes)
        var sum = [Int128](repeating: 0, count: cells * codes)
        var quartiles = [Quartiles?](repeating: nil, count: cells * CubeCodes.catalogue)
        var ratios = [RatioSums?](repeating: nil, count: cells * Self.ratioCodes.count)
        var returns = [ReturnSums?](repeating: nil, count: cells)
        let shown = (0...layout.allTypes).map { t in (0..<CubeCodes.catalogue).map { Self.shows($0, type: layout.typeCode(t)) } }
        let largest = layout.cellRows.map(\.count).max() ?? 0
        let scratch = UnsafeMutablePointer<Raw>.allocate(capacity: max(largest, 1))
        defer { scratch.deallocate() }
        columns.values.withUnsafeBufferPointer { values in
            for cell in 0..<cells {
                let cellRows = layout.cellRows[cell]
                guard !cellRows.isEmpty else { continue }
                let type = layout.type(ofCell: cell)
                for code in 0..<codes {
                    let column = values.baseAddress! + code * rows
                    var count = 0, total: Int128 = 0
                    for row in cellRows {
                        let x = column[Int(row)]
                        guard x != ScaledColumns<Raw>.missing else { continue }
                        scratch[count] = x
                        count += 1
                        total += Int128(x)
                    }
                    n[cell * codes + code] = count
                    sum[cell * codes + code] = total
                    if code < CubeCodes.catalogue, count > 0, count >= k, shown[type][code] {
                        let (q1, median, q3) = OrderStatistics.quartiles(scratch, count: count)
                        quartiles[cell * CubeCodes.catalogue + code] = Quartiles(q1: q1, median: median, q3: q3)
                    }
                }
                for (r, ratio) in Self.ratioCodes.enumerated() {
                    let s = Self.sums(values.baseAddress!, rows: rows, cellRows, inputs: ratio.inputs, [ratio.numerator, ratio.denominator])
                    if s.n > 0 { ratios[cell * Self.ratioCodes.count + r] = RatioSums(n: s.n, numerator: s.sums[0], denominator: s.sums[1]) }
                }
                let s = Self.sums(values.baseAddress!, rows: rows, cellRows, inputs: Self.returnCodes, Self.returnCodes.map { [$0] })
                if s.n > 0 { returns[cell] = ReturnSums(n: s.n, sums: s.sums) }
            }
        }
        self.scale = columns.scale
        self.n = n
        self.sum = sum
        self.quartiles = quartiles
        self.ratios = ratios
        self.returns = returns
    }

    /// Over the rows answering every input: their count, and for each group of codes the sum
    /// of those codes over those rows (ratios are on the group's sums, SPEC §8).
    private static func sums<Raw: FixedWidthInteger & SignedInteger>(_ values: UnsafePointer<Raw>, rows: Int, _ cellRows: [Int32],
                                                                     inputs: [Int], _ groups: [[Int]]) -> (n: Int, sums: [Int128]) {
        var n = 0
        var sums = [Int128](repeating: 0, count: groups.count)
        for row in cellRows {
            let r = Int(row)
            guard inputs.allSatisfy({ values[$0 * rows + r] != Raw.min }) else { continue }
            n += 1
            for (g, codes) in groups.enumerated() {
                for code in codes { sums[g] += Int128(values[code * rows + r]) }
            }
        }
        return (n, sums)
    }
}
