/// The sums behind each ratio and the return on public funding, for every cell: over the rows
/// answering all of the ratio's inputs (SPEC §8: ratios are on the group's sums, not averaged);
/// and the rows behind each report total. Counted on the cells of one delegation, then added
/// up for the totals: sums and counts of disjoint rows add, and this halves the rows visited.
enum GroupSums {
    /// Up to four codes summed over the rows that answered every bit of `need`; an absent code
    /// is `zero`, a column of zeros, so that summing has no branch.
    struct Terms: Sendable {
        let need: UInt64
        let codes: (Int, Int, Int, Int)
    }

    struct Sums: Sendable {
        var n = 0
        var s: (Int128, Int128, Int128, Int128) = (0, 0, 0, 0)

        static func + (a: Sums, b: Sums) -> Sums {
            Sums(n: a.n + b.n, s: (a.s.0 + b.s.0, a.s.1 + b.s.1, a.s.2 + b.s.2, a.s.3 + b.s.3))
        }
    }

    /// The published ratios, then the report-only ones.
    static let ratios = StatisticsEngine.ratios + StatisticsEngine.reportRatios

    /// Codes that ratios, the return and the report totals need answered: one bit each in a row's mask.
    static let maskCodes: [Int] = {
        let names = ratios.flatMap { $0.numerator + $0.denominator } + StatisticsEngine.returnInputs
            + StatisticsEngine.reportTotals.flatMap(\.parts)
        let codes = Array(Set(names.map { CubeCodes.computedIndex($0)! })).sorted()
        precondition(codes.count <= 64, "ratio inputs exceed one mask word")
        return codes
    }()

    static let zero = CubeCodes.computed

    static func mask(_ names: [String]) -> UInt64 {
        names.reduce(UInt64(0)) { $0 | 1 << UInt64(maskCodes.firstIndex(of: CubeCodes.computedIndex($1)!)!) }
    }

    static func terms(need names: [String], _ slots: [String?]) -> Terms {
        let code = { (name: String?) in name.map { CubeCodes.computedIndex($0)! } ?? zero }
        return Terms(need: mask(names), codes: (code(slots[0]), code(slots[1]), code(slots[2]), code(slots[3])))
    }

    /// Each ratio as numerator in slots 0–1 and denominator in slots 2–3, then the return's
    /// four inputs, one per slot.
    static let terms: [Terms] = ratios.map { r in
        precondition(r.numerator.count <= 2 && r.denominator.count <= 2)
        let pad = { (names: [String]) -> [String?] in names + [String?](repeating: nil, count: 2 - names.count) }
        return terms(need: r.numerator + r.denominator, pad(r.numerator) + pad(r.denominator))
    } + [terms(need: StatisticsEngine.returnInputs, StatisticsEngine.returnInputs)]

    /// Each report total's parts: a row counts when it answered any of them.
    static let totalMasks: [UInt64] = StatisticsEngine.reportTotals.map { mask($0.parts) }

    static func compute<Raw>(_ columns: ScaledColumns<Raw>, layout: CubeLayout)
        -> (ratios: CubeGrid<CellStatistics.RatioSums?>, returns: [CellStatistics.ReturnSums?], totals: CubeGrid<Int>) {
        let rows = columns.rowCount, allD = layout.allDelegations
        var sums = CubeGrid(rows: layout.cellCount, columns: terms.count, repeating: Sums())
        var totals = CubeGrid(rows: layout.cellCount, columns: totalMasks.count, repeating: 0)
        let zeros = [Raw](repeating: 0, count: rows)
        columns.values.withReader { values in
            zeros.withUnsafeBufferPointer { zeros in
                let column = (0..<CubeCodes.computed).map { values.row($0) } + [zeros.baseAddress!]
                var masks = [UInt64](repeating: 0, count: rows)
                for (bit, code) in maskCodes.enumerated() {
                    for row in 0..<rows where column[code][row] != ScaledColumns<Raw>.missing { masks[row] |= 1 << UInt64(bit) }
                }
                for t in 0...layout.allTypes {
                    for d in 0...allD {
                        let cell = layout.cell(t, d)
                        if d == allD && !(t == layout.allTypes && layout.structuresSpanDelegations) {
                            for term in terms.indices {
                                sums[cell, term] = (0..<allD).reduce(Sums()) { $0 + sums[layout.cell(t, $1), term] }
                            }
                            for total in totalMasks.indices {
                                totals[cell, total] = (0..<allD).reduce(0) { $0 + totals[layout.cell(t, $1), total] }
                            }
                            continue
                        }
                        let cellRows = layout.cellRows[cell]
                        for (term, terms) in terms.enumerated() {
                            sums[cell, term] = Self.sums(column, masks, cellRows, terms)
                        }
                        for (total, any) in totalMasks.enumerated() {
                            totals[cell, total] = cellRows.count { masks[Int($0)] & any != 0 }
                        }
                    }
                }
            }
        }
        var ratioSums = CubeGrid<CellStatistics.RatioSums?>(rows: layout.cellCount, columns: ratios.count, repeating: nil)
        var returns = [CellStatistics.ReturnSums?](repeating: nil, count: layout.cellCount)
        for cell in 0..<layout.cellCount {
            for r in ratios.indices {
                let s = sums[cell, r]
                if s.n > 0 { ratioSums[cell, r] = .init(n: s.n, numerator: s.s.0 + s.s.1, denominator: s.s.2 + s.s.3) }
            }
            let s = sums[cell, ratios.count]
            if s.n > 0 { returns[cell] = .init(n: s.n, sums: [s.s.0, s.s.1, s.s.2, s.s.3]) }
        }
        return (ratioSums, returns, totals)
    }

    /// One pass over the cell's rows; a term's absent codes read a column of zeros, so the
    /// loop has no branch but the mask test.
    private static func sums<Raw: FixedWidthInteger & SignedInteger>(_ columns: [UnsafePointer<Raw>], _ masks: [UInt64],
                                                                     _ cellRows: [Int32], _ terms: Terms) -> Sums {
        var out = Sums()
        let c0 = columns[terms.codes.0], c1 = columns[terms.codes.1], c2 = columns[terms.codes.2], c3 = columns[terms.codes.3]
        for row in cellRows where masks[Int(row)] & terms.need == terms.need {
            let r = Int(row)
            out.n += 1
            out.s.0 += Int128(c0[r])
            out.s.1 += Int128(c1[r])
            out.s.2 += Int128(c2[r])
            out.s.3 += Int128(c3[r])
        }
        return out
    }
}
