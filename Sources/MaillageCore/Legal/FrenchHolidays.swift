import Foundation

/// French public holidays (metropolitan): 1 Jan, Easter Monday, 1 May, 8 May, Ascension (Easter+39),
/// Whit Monday (Easter+50), 14 July, 15 Aug, 1 Nov, 11 Nov, 25 Dec. Easter by the anonymous Gregorian algorithm.
/// (Alsace-Moselle's Good Friday and 26 December are not counted: the network's delays are national.)
public enum FrenchHolidays {
    /// Easter Sunday of `year` (Gregorian calendar), by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day) ?? Day.clamped(year: year, month: month, day: day)
    }

    /// The holidays of `year`, in calendar order, with their French names.
    public static func holidays(_ year: Int) -> [(day: Day, name: String)] {
        let easter = easterSunday(year)
        var list: [(day: Day, name: String)] = fixed.compactMap { entry in
            Day(year: year, month: entry.month, day: entry.day).map { (day: $0, name: entry.name) }
        }
        list.append((easter.adding(days: 1), "Lundi de Pâques"))
        list.append((easter.adding(days: 39), "Ascension"))
        list.append((easter.adding(days: 50), "Lundi de Pentecôte"))
        return list.sorted { $0.day < $1.day }
    }

    /// Whether `day` is a public holiday (whatever its weekday).
    public static func isHoliday(_ day: Day) -> Bool {
        if fixed.contains(where: { $0.month == day.month && $0.day == day.day }) { return true }
        // Easter Monday, Ascension and Whit Monday all fall between 23 March and 14 June.
        guard (3...6).contains(day.month) else { return false }
        let offset = day - easterSunday(day.year)
        return offset == 1 || offset == 39 || offset == 50
    }

    private static let fixed: [(month: Int, day: Int, name: String)] = [
        (1, 1, "Jour de l'an"),
        (5, 1, "Fête du Travail"),
        (5, 8, "Victoire 1945"),
        (7, 14, "Fête nationale"),
        (8, 15, "Assomption"),
        (11, 1, "Toussaint"),
        (11, 11, "Armistice 1918"),
        (12, 25, "Noël"),
    ]
}
