/// The one final rounding of a figure, straight from an integer fraction: half away from
/// zero ("66.0", "-0.50"); `Exact.rounded(places:)` is this too. Skipping the reduction to
/// lowest terms changes nothing (quotient and remainder test scale alike) and saves tens of
/// thousands of gcds per campaign.
enum Rounding {
    static func decimal(_ numerator: Int128, over denominator: Int128, places: Int) -> String {
        precondition(denominator != 0, "division by zero")
        let negative = (numerator < 0) != (denominator < 0)
        var (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt128(power(places)))
        var d = denominator.magnitude
        if overflow {
            // Lowest terms may fit where the raw fraction does not.
            let g = Exact.gcd(numerator.magnitude, d)
            (scaled, overflow) = (numerator.magnitude / g).multipliedReportingOverflow(by: UInt128(power(places)))
            precondition(!overflow, "arithmetic overflow")
            d /= g
        }
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
