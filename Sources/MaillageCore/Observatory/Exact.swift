import Foundation

/// An exact rational number (numerator / denominator, reduced, denominator > 0) on 128-bit
/// integers: statistics stay exact until the one final rounding, as the Observatory's rules say.
public struct Exact: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    /// Reduced to lowest terms. Total: a zero denominator, or a value that does not fit once
    /// reduced, gives `undefined` rather than a trap (values come from what people type).
    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        guard denominator != 0 else { self = .undefined; return }
        // g ≥ 1 as the denominator is not 0; 2^127 (both Int128.min) reads as Int128.min, which divides both.
        let g = Int128(truncatingIfNeeded: Exact.gcd(numerator.magnitude, denominator.magnitude))
        var n = numerator / g, d = denominator / g
        if d < 0 {
            let (nn, o1) = Int128(0).subtractingReportingOverflow(n), (dd, o2) = Int128(0).subtractingReportingOverflow(d)
            guard !o1, !o2 else { self = .undefined; return }
            (n, d) = (nn, dd)
        }
        self.numerator = n
        self.denominator = d
    }

    private init(raw numerator: Int128, _ denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The result of an operation that does not fit in 128 bits, or of a division by zero. It
    /// spreads through further arithmetic, so a computation on stored values ends with a value
    /// the caller tests (`isUndefined`) and reports, never with a crash.
    public static let undefined = Exact(raw: 0, 0)
    public var isUndefined: Bool { denominator == 0 }

    public init(_ n: Int) { self.init(Int128(n), 1) }

    public static let zero = Exact(0, 1)

    /// Parses "1234", "1234.5", "1 234,56", "-3,2" exactly (no binary floating point).
    public init?(decimal text: String) {
        guard let value = Exact.plain(text) ?? Exact.general(text) else { return nil }
        self = value
    }

    /// Any decimal a person may type: spaces as thousands separators, up to 20 digits before
    /// the separator and 12 after.
    static func general(_ text: String) -> Exact? {
        var s = text.trimmingCharacters(in: .whitespaces)
        s.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        s = s.replacingOccurrences(of: ",", with: ".")
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !(whole.isEmpty && parts.count == 1),
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole.count <= 20 else { return nil }
        let frac = parts.count == 2 ? parts[1] : ""
        guard frac.allSatisfy({ $0.isASCII && $0.isNumber }), frac.count <= 12, !(whole.isEmpty && frac.isEmpty) else { return nil }
        guard let w = Int128(whole.isEmpty ? "0" : String(whole)), let f = Int128(frac.isEmpty ? "0" : String(frac)) else { return nil }
        var scale: Int128 = 1
        for _ in 0..<frac.count { scale *= 10 }
        // At most 20 + 12 digits: well inside 128 bits.
        return Exact((negative ? -1 : 1) * (w * scale + f), scale)
    }

    // Checked arithmetic: an overflow gives `undefined`, never a trap.
    public static func + (a: Exact, b: Exact) -> Exact { combine(a, b, negate: false) }
    public static func - (a: Exact, b: Exact) -> Exact { combine(a, b, negate: true) }

    public static func * (a: Exact, b: Exact) -> Exact {
        guard !a.isUndefined, !b.isUndefined else { return .undefined }
        // Cross-reduce first: products of reduced fractions then overflow only when the result does.
        let g1 = Int128(max(gcd(a.numerator.magnitude, b.denominator.magnitude), 1))
        let g2 = Int128(max(gcd(b.numerator.magnitude, a.denominator.magnitude), 1))
        let (n, o1) = (a.numerator / g1).multipliedReportingOverflow(by: b.numerator / g2)
        let (d, o2) = (a.denominator / g2).multipliedReportingOverflow(by: b.denominator / g1)
        return o1 || o2 ? .undefined : Exact(n, d)
    }

    public static func / (a: Exact, b: Exact) -> Exact {
        guard !b.isUndefined, !b.isZero else { return .undefined }
        return a * Exact(b.denominator, b.numerator)
    }

    private static func combine(_ a: Exact, _ b: Exact, negate: Bool) -> Exact {
        guard !a.isUndefined, !b.isUndefined else { return .undefined }
        if a.denominator == b.denominator {
            let (s, o) = negate ? a.numerator.subtractingReportingOverflow(b.numerator) : a.numerator.addingReportingOverflow(b.numerator)
            return o ? .undefined : Exact(s, a.denominator)
        }
        let (x, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (y, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        let (d, o3) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        guard !o1, !o2, !o3 else { return .undefined }
        let (s, o4) = negate ? x.subtractingReportingOverflow(y) : x.addingReportingOverflow(y)
        return o4 ? .undefined : Exact(s, d)
    }

    /// `undefined` sorts before every value, so that sorting stays a total order.
    public static func < (a: Exact, b: Exact) -> Bool {
        if a.isUndefined || b.isUndefined { return a.isUndefined && !b.isUndefined }
        // Same denominator, or everything in machine words (full-width products cannot
        // overflow): benchmarks compare hundreds of thousands of values with quartiles.
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        if let an = Int64(exactly: a.numerator), let ad = Int64(exactly: a.denominator),
           let bn = Int64(exactly: b.numerator), let bd = Int64(exactly: b.denominator) {
            let left = an.multipliedFullWidth(by: bd), right = bn.multipliedFullWidth(by: ad)
            return (left.high, left.low) < (right.high, right.low)
        }
        let left = a.numerator.multipliedFullWidth(by: b.denominator), right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    public var isZero: Bool { numerator == 0 }

    /// Rounds half away from zero to `places` decimals, as a plain decimal string ("66.0", "-0.50");
    /// "—" for `undefined` (callers that publish a figure test `isUndefined` first).
    public func rounded(places: Int) -> String {
        isUndefined ? "—" : Rounding.decimal(numerator, over: denominator, places: places)
    }

    public var description: String { "\(numerator)/\(denominator)" }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        // Machine words when both fit: every answer and nearly every figure.
        if let x = UInt64(exactly: a), let y = UInt64(exactly: b) { return UInt128(gcd64(x, y)) }
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    private static func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
