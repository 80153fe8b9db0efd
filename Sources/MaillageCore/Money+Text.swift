import Foundation

extension Money {
    /// Reads an amount as typed in a form or a French spreadsheet: "1234.56",
    /// "1 234,56 €", "-12,5", "12". Nil when there are more than 2 decimals
    /// (a cent is the smallest unit: we refuse rather than silently round).
    public static func parse(_ s: String) -> Money? {
        var text = s.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if text.hasSuffix("€") { text.removeLast() }
        var negative = false
        if let sign = text.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            text.removeFirst()
        }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        guard let units = Int64(whole), let decimals = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) else { return nil }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        let (cents, overflow2) = scaled.addingReportingOverflow(decimals)
        guard !overflow, !overflow2 else { return nil }
        return Money(cents: negative ? -cents : cents)
    }

    /// "1 234,56 €" with non-breaking spaces, so the amount never wraps in a page.
    public var french: String {
        let (units, decimals) = parts
        return "\(cents < 0 ? "-" : "")\(FrenchFormat.groupThousands(units)),\(decimals)\u{00A0}€"
    }

    /// "1234.56": the machine form for CSV, JSON and form fields.
    public var plain: String {
        let (units, decimals) = parts
        return "\(cents < 0 ? "-" : "")\(units).\(decimals)"
    }

    /// Euros and two-digit cents of the magnitude (magnitude so Int64.min is safe).
    private var parts: (units: String, decimals: String) {
        let magnitude = cents.magnitude
        let decimals = magnitude % 100
        return (String(magnitude / 100), decimals < 10 ? "0\(decimals)" : "\(decimals)")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
