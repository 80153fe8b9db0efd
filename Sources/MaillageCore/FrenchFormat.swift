import Foundation

/// Numbers, dates and plurals written the French way (STYLE rule 4): pages and
/// exports never format these by hand.
public enum FrenchFormat {
    /// Narrow no-break space (U+202F): French typography sets it between groups of thousands
    /// and before a unit ("21 840 h", "57 %", "1 234,50 €"), and a line never breaks there.
    public static let thinSpace = "\u{202F}"

    /// "12 345": thousands grouped with narrow no-break spaces.
    public static func integer(_ n: Int) -> String {
        (n < 0 ? "-" : "") + grouped(String(n.magnitude))
    }

    /// "1234567.891" or "1234567,891" → "1 234 567,891": the whole part grouped, a comma for
    /// decimals, nothing rounded (the text is already what should be shown). Anything that is
    /// not a plain decimal is returned unchanged.
    public static func number(_ decimalText: String) -> String {
        let text = decimalText.trimmingCharacters(in: .whitespaces)
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: body.contains(".") ? "." : ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty else { return decimalText }
        let whole = grouped(String(parts[0]))
        return (negative ? "-" : "") + whole + (parts.count == 2 ? "," + parts[1] : "")
    }

    /// "1 234,57" from 1234.5678 with 2 places: rounded once, half away from zero.
    public static func decimal(_ value: Decimal, places: Int) -> String {
        number(rounded(value, places: places))
    }

    /// "21 840 h".
    public static func hours(_ n: Int) -> String { integer(n) + thinSpace + "h" }

    /// "1 607,5 h" (places decimals, rounded half away from zero).
    public static func hours(_ value: Decimal, places: Int) -> String { decimal(value, places: places) + thinSpace + "h" }

    /// "57 %".
    public static func percent(_ n: Int) -> String { integer(n) + thinSpace + "%" }

    /// "28,4 %" (places decimals, rounded half away from zero).
    public static func percent(_ value: Decimal, places: Int) -> String { decimal(value, places: places) + thinSpace + "%" }

    /// "1 234,50 €" from cents, exact.
    public static func euros(cents: Int64) -> String {
        let magnitude = cents.magnitude
        let decimals = magnitude % 100
        return (cents < 0 ? "-" : "") + grouped(String(magnitude / 100)) + "," + (decimals < 10 ? "0" : "") + "\(decimals)"
            + thinSpace + "€"
    }

    /// "1 234,50 €".
    public static func money(_ amount: Money) -> String { euros(cents: amount.cents) }

    /// "2026-11-23" → "23/11/2026"; anything else is returned unchanged, so a
    /// page shows odd data as it is rather than hiding it.
    public static func date(_ isoDay: String) -> String {
        guard let (year, month, day) = isoParts(isoDay), isRealDay(year: year, month: month, day: day)
        else { return isoDay }
        return "\(pad(day))/\(pad(month))/\(year)"
    }

    /// "23/11/2026 14:05", in Paris time whatever the server's time zone.
    public static func dateTime(_ d: Date) -> String {
        let (day, time) = ParisTime.local(d)
        return "\(pad(day.day))/\(pad(day.month))/\(day.year) \(time)"
    }

    /// Reads "23/11/2026" (day and month may have one digit) or "2026-11-23" and
    /// returns the ISO day, or nil unless it is a real calendar date.
    public static func parseDay(_ s: String) -> String? {
        let text = s.trimmingCharacters(in: .whitespaces)
        let ymd: (Int, Int, Int)?
        if let iso = isoParts(text) {
            ymd = iso
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                  parts[2].count == 4, let day = number(parts[0]), let month = number(parts[1]),
                  let year = number(parts[2]) else { return nil }
            ymd = (year, month, day)
        }
        guard let (year, month, day) = ymd, isRealDay(year: year, month: month, day: day) else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// "0 structure", "1 structure", "12 structures": in French 0 and 1 take the singular.
    /// The number is grouped like `integer` ("1 500 adhérents").
    public static func plural(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(integer(n)) \(n.magnitude <= 1 ? singular : plural)"
    }
}
