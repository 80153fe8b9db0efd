import Foundation

/// An exact rational number (numerator / denominator, reduced, denominator > 0) on 128-bit
/// integers: statistics stay exact until the one final rounding, as the Observatory's rules say.
public struct Exact: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "division by zero")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let g = Exact.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(g == 0 ? 1 : g)
        self.denominator = sign * denominator / Int128(g == 0 ? 1 : g)
    }

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
        return Exact((negative ? -1 : 1) * (w * scale + f), scale)
    }

    public static func + (a: Exact, b: Exact) -> Exact { Exact(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) }
    public static func - (a: Exact, b: Exact) -> Exact { Exact(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator) }
    public static func * (a: Exact, b: Exact) -> Exact { Exact(a.numerator * b.numerator, a.denominator * b.denominator) }
    public static func / (a: Exact, b: Exact) -> Exact { Exact(a.numerator * b.denominator, a.denominator * b.numerator) }
    public static func < (a: Exact, b: Exact) -> Bool {
        // Same denominator, or everything in machine words (full-width products cannot
        // overflow): benchmarks compare hundreds of thousands of values with quartiles.
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        if let an = Int64(exactly: a.numerator), let ad = Int64(exactly: a.denominator),
           let bn = Int64(exactly: b.numerator), let bd = Int64(exactly: b.denominator) {
            let left = an.multipliedFullWidth(by: bd), right = bn.multipliedFullWidth(by: ad)
            return (left.high, left.low) < (right.high, right.low)
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var isZero: Bool { numerator == 0 }

    /// Rounds half away from zero to `places` decimals, as a plain decimal string ("66.0", "-0.50").
    public func rounded(places: Int) -> String { Rounding.decimal(numerator, over: denominator, places: places) }

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
