import Foundation

/// Numbers, dates and plurals written the French way (STYLE rule 4): pages and
/// exports never format these by hand.
public enum FrenchFormat {
    /// "12 345", grouped with non-breaking spaces.
    public static func integer(_ n: Int) -> String {
        (n < 0 ? "-" : "") + groupThousands(String(n.magnitude))
    }

    /// "2026-11-23" → "23/11/2026"; anything else is returned unchanged, so a
    /// page shows odd data as it is rather than hiding it.
    public static func date(_ isoDay: String) -> String {
        guard let (year, month, day) = isoParts(isoDay), isRealDay(year: year, month: month, day: day)
        else { return isoDay }
        return "\(pad(day))/\(pad(month))/\(year)"
    }

    /// "23/11/2026 14:05", in Paris time whatever the server's time zone.
    public static func dateTime(_ d: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return "\(pad(c.day!))/\(pad(c.month!))/\(c.year!) \(pad(c.hour!)):\(pad(c.minute!))"
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
    public static func plural(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(integer(n)) \(n.magnitude <= 1 ? singular : plural)"
    }
}
