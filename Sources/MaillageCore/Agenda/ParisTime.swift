import Foundation

/// Europe/Paris without tzdata: the EU rules. Summer time (+02:00) from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC, +01:00 otherwise. Exact for 1996…2100
/// (the rules in force since 1996); other years get the same rules.
public enum ParisTime {
    /// 7200 in summer time, 3600 otherwise.
    public static func offsetSeconds(at instant: Date) -> Int {
        offsetSeconds(atEpoch: epochSeconds(instant))
    }

    /// The instant of a Paris wall-clock time. A time in the spring gap (02:00–02:59 on the last
    /// Sunday of March) is moved one hour forward (02:30 → 03:30 summer time); an ambiguous autumn
    /// time (02:00–02:59 on the last Sunday of October) takes the first, summer-time instant.
    public static func instant(_ day: Day, _ time: LocalTime) -> Date {
        let wall = day.serial * 86_400 + time.minutes * 60
        let summer = wall - 7200
        let winter = wall - 3600
        let epoch: Int
        if offsetSeconds(atEpoch: summer) == 7200 {
            epoch = summer                      // a summer wall time, or the first of an ambiguous pair
        } else {
            epoch = winter                      // a winter wall time, or one in the gap (read as winter: +1 h)
        }
        return Date(timeIntervalSince1970: TimeInterval(epoch))
    }

    /// The Paris day and time (seconds dropped) of an instant.
    public static func local(_ instant: Date) -> (day: Day, time: LocalTime) {
        let (day, seconds) = wall(epochSeconds(instant))
        return (day, LocalTime(hour: seconds / 3600, minute: seconds % 3600 / 60)!)
    }

    /// Paris midnight of `day`: where an all-day event starts (and where it ends, the day after).
    public static func midnight(_ day: Day) -> Date { instant(day, LocalTime(hour: 0, minute: 0)!) }

    // MARK: - Whole seconds since 1970

    /// Whole seconds since 1970 (rounded down), the only place an instant's floating value is read.
    static func epochSeconds(_ instant: Date) -> Int {
        Int(instant.timeIntervalSince1970.rounded(.down))
    }

    static func offsetSeconds(atEpoch t: Int) -> Int {
        let year = Day.civil(fromSerial: floorDiv(t, 86_400)).year
        let start = lastSunday(year: year, month: 3).serial * 86_400 + 3600
        let end = lastSunday(year: year, month: 10).serial * 86_400 + 3600
        return t >= start && t < end ? 7200 : 3600
    }

    /// The Paris day and the seconds since its midnight of an epoch second.
    static func wall(_ t: Int) -> (Day, Int) {
        let local = t + offsetSeconds(atEpoch: t)
        let serial = floorDiv(local, 86_400)
        let (y, m, d) = Day.civil(fromSerial: serial)
        let day = Day(year: y, month: m, day: d) ?? Day.clamped(year: y, month: m, day: d)
        return (day, local - serial * 86_400)
    }

    /// The last Sunday of a 31-day month (March, October).
    static func lastSunday(year: Int, month: Int) -> Day {
        let last = Day(year: min(max(year, 1), 9999), month: month, day: 31)!
        return last.adding(days: -(last.weekday % 7))
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
