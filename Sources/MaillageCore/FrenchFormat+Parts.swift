import Foundation

extension FrenchFormat {
    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// Inserts a non-breaking space every three digits from the right.
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
