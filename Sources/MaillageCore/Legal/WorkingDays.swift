import Foundation

extension Day {
    /// The day `days` calendar days later (earlier when negative). Kept within years 1…9999.
    public func adding(days: Int) -> Day {
        let (y, m, d) = Day.civil(fromSerial: serial + days)
        return Day(year: y, month: m, day: d) ?? Day.clamped(year: y, month: m, day: d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // Serial 0 is Thursday 1 January 1970 (ISO 4).
        ((serial % 7) + 7 + 3) % 7 + 1
    }

    /// Monday to Friday, and not a public holiday.
    public var isWorkingDay: Bool { weekday <= 5 && !FrenchHolidays.isHoliday(self) }

    /// Calendar days from `b` to `a` (negative when `a` is earlier).
    public static func - (a: Day, b: Day) -> Int { a.serial - b.serial }

    /// Days since 1 January 1970 (proleptic Gregorian; H. Hinnant's days_from_civil).
    var serial: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a serial day (H. Hinnant's civil_from_days).
    static func civil(fromSerial serial: Int) -> (year: Int, month: Int, day: Int) {
        let z = serial + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The nearest representable day: Day only holds years 1…9999.
    static func clamped(year: Int, month: Int, day: Int) -> Day {
        if year < 1 { return Day(year: 1, month: 1, day: 1)! }
        return Day(year: 9999, month: 12, day: 31)!
    }
}

/// Counting in working days (Monday–Friday, French public holidays excluded).
public enum WorkingDays {
    /// The working day `n` working days after `day` (n ≥ 0; a non-working `day` counts from the next working day;
    /// n = 0 → `day` itself if working, else the next working day).
    public static func add(_ n: Int, to day: Day) -> Day {
        var current = day
        while !current.isWorkingDay, current.year < 9999 { current = current.adding(days: 1) }
        var left = max(0, n)
        while left > 0, current.year < 9999 {
            current = current.adding(days: 1)
            if current.isWorkingDay { left -= 1 }
        }
        return current
    }

    /// Working days in the half-open interval (from, to]: 0 when to ≤ from.
    public static func count(from: Day, to: Day) -> Int {
        guard from < to else { return 0 }
        var count = 0
        var current = from.adding(days: 1)
        // Whole weeks at a stroke (five weekdays each), then the holidays on weekdays within them.
        let weeks = (to - from) / 7
        if weeks > 0 {
            let end = from.adding(days: weeks * 7)
            count += weeks * 5 - weekdayHolidays(after: from, through: end)
            current = end.adding(days: 1)
        }
        while current <= to {
            if current.isWorkingDay { count += 1 }
            current = current.adding(days: 1)
        }
        return count
    }

    /// Holidays falling Monday–Friday in (from, through].
    private static func weekdayHolidays(after from: Day, through end: Day) -> Int {
        // A set: Ascension sometimes falls on 1 or 8 May.
        var days: Set<Day> = []
        for year in from.year...end.year {
            for holiday in FrenchHolidays.holidays(year)
            where holiday.day > from && holiday.day <= end && holiday.day.weekday <= 5 {
                days.insert(holiday.day)
            }
        }
        return days.count
    }
}
