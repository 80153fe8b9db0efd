/// The one final rounding of a figure, straight from an integer fraction: half away from
/// zero ("66.0", "-0.50"); `Exact.rounded(places:)` is this too. Skipping the reduction to
/// lowest terms changes nothing (quotient and remainder test scale alike) and saves tens of
/// thousands of gcds per campaign.
enum Rounding {
    static func decimal(_ numerator: Int128, over denominator: Int128, places: Int) -> String {
        guard denominator != 0 else { return "—" }
        let negative = (numerator < 0) != (denominator < 0)
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt128(power(places)))
        guard !overflow else { return long(numerator.magnitude, over: denominator.magnitude, negative: negative, places: places) }
        let d = denominator.magnitude
        // Machine-word division when both fit, as nearly all figures do.
        if let s64 = UInt64(exactly: scaled), let d64 = UInt64(exactly: d) {
            var (q, r) = s64.quotientAndRemainder(dividingBy: d64)
            if r >= d64 - r { q += 1 }
            return format(UInt128(q), negative: negative, places: places)
        }
        var (q, r) = scaled.quotientAndRemainder(dividingBy: d)
        if r >= d - r { q += 1 }
        return format(q, negative: negative, places: places)
    }

    /// Whole part, then one decimal at a time with full-width products: total for any 128-bit
    /// fraction (the whole part itself always fits), so no stored value can make rounding trap.
    private static func long(_ n: UInt128, over d: UInt128, negative: Bool, places: Int) -> String {
        var (whole, r) = n.quotientAndRemainder(dividingBy: d)
        var digits = ""
        for _ in 0..<places {
            let (q, rest) = d.dividingFullWidth(r.multipliedFullWidth(by: 10))
            digits.append(Character(String(q)))
            r = rest
        }
        // Round half away from zero: up when 2r ≥ d.
        if r >= d - r {
            var chars = Array(digits), i = chars.count - 1, carry = true
            while carry && i >= 0 {
                if chars[i] == "9" { chars[i] = "0"; i -= 1 } else { chars[i] = Character(String(chars[i].wholeNumberValue! + 1)); carry = false }
            }
            digits = String(chars)
            if carry { whole += 1 }
        }
        let zero = whole == 0 && digits.allSatisfy { $0 == "0" }
        return (negative && !zero ? "-" : "") + String(whole) + (places > 0 ? "." + digits : "")
    }

    /// "-12.34" from 1234, written in place: one string per figure, no intermediate ones.
    private static func format(_ q: UInt128, negative: Bool, places: Int) -> String {
        guard q <= UInt128(UInt64.max) else {
            let digits = String(q), padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
            let sign = negative ? "-" : "", dot = places > 0 ? "." : ""
            return sign + padded.dropLast(places) + dot + padded.suffix(places)
        }
        var v = UInt64(q), digits = 0
        repeat { digits += 1; v /= 10 } while v != 0
        let whole = max(digits - places, 1), sign = negative && q != 0 ? 1 : 0
        let length = sign + whole + (places > 0 ? 1 + places : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var v = UInt64(q), p = length - 1
            for _ in 0..<places {
                buffer[p] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                p -= 1
            }
            if places > 0 {
                buffer[p] = UInt8(ascii: ".")
                p -= 1
            }
            for _ in 0..<whole {
                buffer[p] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                p -= 1
            }
            if sign == 1 { buffer[0] = UInt8(ascii: "-") }
            return length
        }
    }

    private static func power(_ places: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<places { p *= 10 }
        return p
    }
}
