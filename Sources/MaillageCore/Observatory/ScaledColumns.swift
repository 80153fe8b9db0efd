/// Every row's values as integers over one common scale (answers have at most 2 decimals, so
/// the scale is 100 in practice): exact, and sums, sorting and selection run on machine
/// integers instead of reduced rationals. A grid of code × row, so a cell's values for one
/// code are read in row order.
struct ScaledColumns<Raw: FixedWidthInteger & SignedInteger & Sendable>: Sendable {
    /// Marks a value not answered; never a real value (building refuses it).
    static var missing: Raw { Raw.min }
    typealias Writer = CubeGrid<Raw>.Writer

    let scale: Int128
    /// By code × row.
    let values: CubeGrid<Raw>
    var rowCount: Int { values.columns }

    /// Nil when a value is not a whole number of 1/scale or does not fit `Raw`: the cube then
    /// tries a wider integer or a finer scale.
    init?(units: [SurveyUnit], layout: CubeLayout, scale: Int128) {
        var values = CubeGrid(rows: CubeCodes.count, columns: layout.rowCount, repeating: Self.missing)
        let built = values.withWriter { v in Self.fill(v, units: units, layout: layout, scale: scale) }
        guard built else { return nil }
        self.scale = scale
        self.values = values
    }

    private static func fill(_ v: Writer, units: [SurveyUnit], layout: CubeLayout, scale: Int128) -> Bool {
        let factors = ScaleFactors(scale: scale), table = CubeCodes.table
        for (u, unit) in units.enumerated() {
            for (key, value) in unit.values {
                guard let code = table.index(key) else { continue }
                guard let x = scaled(value, scale: scale, factors: factors) else { return false }
                v[code, u] = x
            }
            guard derive(v, row: u) else { return false }
        }
        // A structure's counts, hours and money summed over its types, then derived.
        let summed = (0..<CubeCodes.count).filter {
            !CubeCodes.isPercent[$0] && $0 != CubeCodes.publicFunding && $0 != CubeCodes.dynamicExits
        }
        for g in 0..<layout.groupCount {
            let row = layout.unitCount + g, members = layout.groupStart[g]..<layout.groupStart[g + 1]
            for code in summed {
                var total: Raw = 0, answered = false
                for u in layout.groupUnits[members] {
                    let x = v[code, Int(u)]
                    guard x != missing else { continue }
                    let (s, overflow) = total.addingReportingOverflow(x)
                    guard !overflow, s != missing else { return false }
                    total = s
                    answered = true
                }
                if answered { v[code, row] = total }
            }
            guard derive(v, row: row) else { return false }
        }
        return true
    }

    /// Public funding and dynamic exits of one row, from its answers (SPEC §8 names).
    private static func derive(_ v: Writer, row: Int) -> Bool {
        guard let funding = sum(v, CubeCodes.funders, row: row, needsAll: false),
              let dynamic = sum(v, CubeCodes.dynamicParts, row: row, needsAll: true) else { return false }
        v[CubeCodes.publicFunding, row] = funding == missing ? v[CubeCodes.givenPublicFunding, row] : funding
        v[CubeCodes.dynamicExits, row] = dynamic == missing ? v[CubeCodes.givenDynamicExits, row] : dynamic
        return true
    }

    /// The sum of the answered codes (`missing` if none, or if one is missing and all are
    /// needed); nil on overflow.
    private static func sum(_ v: Writer, _ codes: [Int], row: Int, needsAll: Bool) -> Raw? {
        var total: Raw = 0, answered = false
        for code in codes {
            let x = v[code, row]
            if x == missing {
                if needsAll { return missing }
                continue
            }
            let (s, overflow) = total.addingReportingOverflow(x)
            guard !overflow, s != missing else { return nil }
            total = s
            answered = true
        }
        return answered ? total : missing
    }

    /// `x` as a whole number of 1/scale, when it is one and fits.
    @inline(__always) static func scaled(_ x: Exact, scale: Int128, factors: ScaleFactors) -> Raw? {
        // Machine words first: this runs once per answered value, nearly always a whole
        // number or a reduced fraction of hundredths.
        if let n = Int64(exactly: x.numerator), let factor = factors[x.denominator] {
            let (m, overflow) = n.multipliedReportingOverflow(by: factor)
            if !overflow {
                guard let r = Raw(exactly: m), r != missing else { return nil }
                return r
            }
        }
        guard scale % x.denominator == 0 else { return nil }
        let (m, overflow) = x.numerator.multipliedReportingOverflow(by: scale / x.denominator)
        guard !overflow, let r = Raw(exactly: m), r != missing else { return nil }
        return r
    }
}

/// scale / d for the small denominators answers have, looked up rather than divided.
struct ScaleFactors: Sendable {
    private let factors: [Int64]

    init(scale: Int128) {
        factors = (0...128).map { d in d > 0 && scale % Int128(d) == 0 ? Int64(exactly: scale / Int128(d)) ?? 0 : 0 }
    }

    @inline(__always) subscript(denominator: Int128) -> Int64? {
        guard denominator < 129 else { return nil }
        let f = factors[Int(denominator)]
        return f == 0 ? nil : f
    }
}

enum CommonScale {
    /// Least common multiple of every answer's denominator (1 when all are whole), nil past
    /// 10^18: only hand-made rationals get there, never parsed decimals (at most 10^12).
    static func of(_ units: [SurveyUnit]) -> Int128? {
        var scale: Int128 = 1
        for unit in units {
            for (key, value) in unit.values where CubeCodes.table.index(key) != nil && scale % value.denominator != 0 {
                let d = value.denominator
                let g = Int128(Exact.gcd(scale.magnitude, d.magnitude))
                let (m, overflow) = (scale / g).multipliedReportingOverflow(by: d)
                guard !overflow, m <= 1_000_000_000_000_000_000 else { return nil }
                scale = m
            }
        }
        return scale
    }
}
