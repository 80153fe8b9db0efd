/// The one final rounding of a figure, straight from an integer fraction: half away from
/// zero, printed as `Exact.rounded(places:)` prints it ("66.0", "-0.50"). Skipping the
/// reduction to lowest terms changes nothing (quotient and remainder test scale alike) and
/// saves tens of thousands of gcds per campaign.
enum Rounding {
    static func decimal(_ numerator: Int128, over denominator: Int128, places: Int) -> String {
        precondition(denominator != 0, "division by zero")
        let negative = (numerator < 0) != (denominator < 0)
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt128(power(places)))
        if overflow { return Exact(numerator, denominator).rounded(places: places) }
        let d = denominator.magnitude
        var (q, r) = scaled.quotientAndRemainder(dividingBy: d)
        if r >= d - r { q += 1 }
        let digits = q <= UInt128(UInt64.max) ? String(UInt64(q)) : String(q)
        let sign = negative && q != 0 ? "-" : ""
        guard places > 0 else { return sign + digits }
        let padded = digits.utf8.count > places ? digits : String(repeating: "0", count: places + 1 - digits.utf8.count) + digits
        let cut = padded.utf8.index(padded.utf8.endIndex, offsetBy: -places)
        return sign + padded[..<cut] + "." + padded[cut...]
    }

    private static func power(_ places: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<places { p *= 10 }
        return p
    }
}
