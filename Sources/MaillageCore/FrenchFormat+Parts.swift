import Foundation

extension FrenchFormat {
    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// Digits grouped by three from the right with narrow no-break spaces (`thinSpace`):
    /// the one grouping of numbers shown in pages.
    static func grouped(_ digits: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += thinSpace }
            out.append(digit)
        }
        return out
    }

    /// The decimal text of `value` rounded to `places` (half away from zero), with a point.
    static func rounded(_ value: Decimal, places: Int) -> String {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        let text = NSDecimalNumber(decimal: output).stringValue
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction.padding(toLength: places, withPad: "0", startingAt: 0)
    }

    /// Inserts a non-breaking space (U+00A0) every three digits from the right: the grouping
    /// `Money.french` still uses (pages take `FrenchFormat.money`, grouped with U+202F).
    static func groupThousands(_ digits: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append("\u{00A0}") }
            out.append(digit)
        }
        return out
    }

    static func pad(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }

    /// Year, month, day of a strict "yyyy-mm-dd", not checked against the calendar.
    static func isoParts(_ s: String) -> (Int, Int, Int)? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = number(parts[0]), let month = number(parts[1]), let day = number(parts[2])
        else { return nil }
        return (year, month, day)
    }

    /// Digits only: Int() alone would accept "+1".
    static func number(_ s: Substring) -> Int? {
        s.allSatisfy(\.isASCIIDigit) ? Int(s) : nil
    }

    static func isRealDay(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
