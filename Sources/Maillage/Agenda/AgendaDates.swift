import Foundation
import MaillageCore

/// Agenda dates in French words: « mardi 12 janvier 2027, 9 h 30 – 12 h 30 », « du lundi 1er mars
/// au mardi 2 mars 2027 ». Times are the Paris wall times of the stored instants (`ParisTime`).
enum AgendaDates {
    /// « mardi 12 janvier 2027 » (« 1er » for the first of the month).
    static func long(_ day: Day) -> String { FrenchFormat.longDay(day) }

    /// « janvier 2027 ».
    static func month(year: Int, month: Int) -> String { FrenchFormat.month(year: year, month: month) }

    /// « Janvier 2027 », a heading.
    static func monthHeading(year: Int, month: Int) -> String {
        let text = self.month(year: year, month: month)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The whole span of an event or a session.
    static func span(allDay: Bool, first: Day, last: Day, startsAt: Date, endsAt: Date) -> String {
        if allDay {
            return first == last ? long(first) + " (toute la journée)" : "du \(long(first)) au \(long(last))"
        }
        let start = ParisTime.local(startsAt)
        let end = ParisTime.local(endsAt)
        if start.day == end.day { return "\(long(start.day)), \(start.time.french) – \(end.time.french)" }
        return "du \(long(start.day)), \(start.time.french) au \(long(end.day)), \(end.time.french)"
    }

    /// The hours of a timed item in a list (« 9 h 30 – 12 h 30 »), « Toute la journée » otherwise.
    static func hours(allDay: Bool, startsAt: Date, endsAt: Date) -> String {
        guard !allDay else { return "Toute la journée" }
        let start = ParisTime.local(startsAt)
        let end = ParisTime.local(endsAt)
        if start.day == end.day { return "\(start.time.french) – \(end.time.french)" }
        return "\(start.time.french) – \(end.day.french) \(end.time.french)"
    }

    /// "2027-01" → (2027, 1), nil unless a real month of years 2000…2100.
    static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
              let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else { return nil }
        return (y, m)
    }

    static func monthKey(year: Int, month: Int) -> String { String(format: "%04d-%02d", year, month) }

    static func shifted(year: Int, month: Int, by n: Int) -> (year: Int, month: Int) {
        let index = year * 12 + (month - 1) + n
        return (index / 12, index % 12 + 1)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        (28...31).last { Day(year: year, month: month, day: $0) != nil } ?? 28
    }
}
