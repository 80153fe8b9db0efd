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

    /// A ratio's inputs as bits of a row's answered mask, and its numerator and denominator codes.
    struct RatioCodes: Sendable {
        let inputs: [Int]
        let need: UInt64
        let numerator: ContiguousArray<Int>
        let denominator: ContiguousArray<Int>
    }

    /// Codes that ratios and the return need answered: one bit each in a row's mask.
    static let maskCodes: [Int] = {
        let names = StatisticsEngine.ratios.flatMap { $0.numerator + $0.denominator } + StatisticsEngine.returnInputs
        let codes = Array(Set(names.map { CubeCodes.computedIndex($0)! })).sorted()
        precondition(codes.count <= 64, "ratio inputs exceed one mask word")
        return codes
    }()

    static func ratioCodes(_ numerator: [String], _ denominator: [String]) -> RatioCodes {
        let num = numerator.map { CubeCodes.computedIndex($0)! }, den = denominator.map { CubeCodes.computedIndex($0)! }
        let inputs = Array(Set(num + den)).sorted()
        let need = inputs.reduce(UInt64(0)) { $0 | 1 << UInt64(maskCodes.firstIndex(of: $1)!) }
        return RatioCodes(inputs: inputs, need: need, numerator: ContiguousArray(num), denominator: ContiguousArray(den))
    }

    static let ratioCodes: [RatioCodes] = StatisticsEngine.ratios.map { ratioCodes($0.numerator, $0.denominator) }
    /// The return's four inputs, each its own "numerator" so that each gets its sum.
    static let returnCodes = StatisticsEngine.returnInputs.map { CubeCodes.computedIndex($0)! }
    static let returnNeed = ratioCodes(StatisticsEngine.returnInputs, []).need

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
            // Which ratio inputs each row answered, so a ratio tests one word per row.
            var masks = [UInt64](repeating: 0, count: rows)
            for (bit, code) in Self.maskCodes.enumerated() {
                let column = values.baseAddress! + code * rows
                for row in 0..<rows where column[row] != ScaledColumns<Raw>.missing { masks[row] |= 1 << UInt64(bit) }
            }
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
                    let (count, num) = Self.sums(values.baseAddress!, rows: rows, masks, cellRows, need: ratio.need, ratio.numerator)
                    guard count > 0 else { continue }
                    let den = Self.sums(values.baseAddress!, rows: rows, masks, cellRows, need: ratio.need, ratio.denominator).sum
                    ratios[cell * Self.ratioCodes.count + r] = RatioSums(n: count, numerator: num, denominator: den)
                }
                let each = Self.returnCodes.map { Self.sums(values.baseAddress!, rows: rows, masks, cellRows, need: Self.returnNeed, [$0]) }
                if each[0].n > 0 { returns[cell] = ReturnSums(n: each[0].n, sums: each.map(\.sum)) }
            }
        }
        self.scale = columns.scale
        self.n = n
        self.sum = sum
        self.quartiles = quartiles
        self.ratios = ratios
        self.returns = returns
    }

    /// Over the cell's rows answering every input (`need`): their count, and the sum of the
    /// codes over them (ratios are on the group's sums, SPEC §8).
    private static func sums<Raw: FixedWidthInteger & SignedInteger>(_ values: UnsafePointer<Raw>, rows: Int, _ masks: [UInt64], _ cellRows: [Int32],
                                                                     need: UInt64, _ codes: ContiguousArray<Int>) -> (n: Int, sum: Int128) {
        var n = 0, sum: Int128 = 0
        codes.withUnsafeBufferPointer { codes in
            for row in cellRows where masks[Int(row)] & need == need {
                n += 1
                for code in codes { sum += Int128(values[code * rows + Int(row)]) }
            }
        }
        return (n, sum)
    }
}
