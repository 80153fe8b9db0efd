/// A dues rate as the grid states it, in thousandths of a percent: 0,6 % = 600, 0,35 % = 350.
/// Integers only, so "rate × base" is exact until the single rounding to the cent (SPEC §3).
public struct DuesRate: Hashable, Comparable, Sendable, Codable {
    /// 0...100_000 (0 % to 100 %).
    public let milliPercent: Int64

    /// The largest rate a grid can state: 100 %.
    static let hundredPercent: Int64 = 100_000

    /// Nil outside 0 %...100 %.
    public init?(milliPercent: Int64) {
        guard (0...Self.hundredPercent).contains(milliPercent) else { return nil }
        self.milliPercent = milliPercent
    }

    /// Reads a rate as typed in the grid form or a spreadsheet: "0,6", "0.35", "0,6 %", "1".
    /// Nil when negative, above 100, or with more than 3 decimals (we refuse rather than round).
    public static func parse(_ s: String) -> DuesRate? {
        var text = s.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if text.hasSuffix("%") { text.removeLast() }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 20,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 3, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
              let units = Int64(whole), units <= 100,
              let thousandths = Int64(fraction + String(repeating: "0", count: 3 - fraction.count))
        else { return nil }
        return DuesRate(milliPercent: units * 1000 + thousandths)
    }

    /// "0,6", "0,35", "1": a comma, no trailing zeros — the `rate_<TYPE>_pct` column of SPEC §8.
    public var plain: String {
        let units = milliPercent / 1000
        var decimals = String(milliPercent % 1000)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return decimals.isEmpty ? "\(units)" : "\(units),\(decimals)"
    }

    /// "0,6 %" (narrow no-break space before %), as pages and explanations show it.
    public var french: String { plain + FrenchFormat.thinSpace + "%" }

    /// base × rate, rounded half away from zero to the cent: 0,35 % × 10,00 € = 3,5 c → 0,04 €.
    /// Throws `MoneyError.overflow` when base × rate does not fit in 64 bits before the division.
    public func apply(to base: Money) throws(MoneyError) -> Money {
        let (product, overflow) = base.cents.multipliedReportingOverflow(by: milliPercent)
        guard !overflow else { throw .overflow }
        return Money(cents: Money.roundHalfUp(numerator: product, denominator: Self.hundredPercent))
    }

    public static func < (lhs: DuesRate, rhs: DuesRate) -> Bool {
        lhs.milliPercent < rhs.milliPercent
    }

    private enum CodingKeys: String, CodingKey { case milliPercent }

    /// Decoding checks the range, so a hand-edited JSON cannot smuggle a 150 % rate in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decode(Int64.self, forKey: .milliPercent)
        guard let rate = DuesRate(milliPercent: value) else {
            throw DecodingError.dataCorruptedError(forKey: .milliPercent, in: container,
                                                   debugDescription: "rate out of 0...100000: \(value)")
        }
        self = rate
    }
}
