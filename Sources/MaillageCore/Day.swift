import Foundation

/// A calendar day — year, month, day — with no time of day and no time zone: membership
/// dates, leave dates. The database keeps it as ISO text ("2026-11-23", which sorts as the
/// days do); pages show it the French way ("23/11/2026").
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless it is a real calendar day (no 30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard FrenchFormat.isRealDay(year: year, month: month, day: day), year <= 9999 else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A stored day: strict "yyyy-mm-dd".
    public init?(iso: String) {
        guard let (y, m, d) = FrenchFormat.isoParts(iso) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A typed day: "23/11/2026" (day and month may have one digit) or "2026-11-23".
    public init?(typed: String) {
        guard let iso = FrenchFormat.parseDay(typed) else { return nil }
        self.init(iso: iso)
    }

    /// "2026-11-23", as the database stores it.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// "23/11/2026", as pages show it.
    public var french: String { "\(FrenchFormat.pad(day))/\(FrenchFormat.pad(month))/\(year)" }

    public var description: String { iso }

    /// Today in Paris, whatever the server's time zone: a membership taken at 00:30 on
    /// 1 January in France starts that year.
    /// (`ParisTime`: the French rules, without the system's time zone data.)
    public static func today(now: Date = Date()) -> Day {
        ParisTime.local(now).day
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

extension Day: Codable {
    /// Encoded as its ISO text, the form the database and the API use.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-mm-dd day: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension MemberFields {
    /// A membership date the register accepts: within `years`.
    public static func isInRange(_ day: Day) -> Bool { years.contains(day.year) }
}

extension MemberRow {
    /// The join date as a day (the parser has checked it).
    public var joinedDay: Day? { joinedOn.flatMap(Day.init(iso:)) }
}
