import Foundation
import Testing
@testable import MaillageCore

private func day(_ iso: String) -> Day { Day(iso: iso)! }

@Suite("French holidays and working days")
struct WorkingDaysTests {
    @Test("Easter Sunday by the Gregorian algorithm", arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"),
        (2008, "2008-03-23"), (2011, "2011-04-24"),
    ])
    func easter(year: Int, iso: String) {
        #expect(FrenchHolidays.easterSunday(year) == day(iso))
    }

    @Test("the eleven holidays of 2026, sorted, with their French names")
    func holidays2026() {
        let list = FrenchHolidays.holidays(2026)
        #expect(list.count == 11)
        #expect(list.map(\.day) == list.map(\.day).sorted())
        let byName = Dictionary(list.map { ($0.name, $0.day) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["Lundi de Pâques"] == day("2026-04-06"))
        #expect(byName["Ascension"] == day("2026-05-14"))
        #expect(byName["Lundi de Pentecôte"] == day("2026-05-25"))
        #expect(list.contains { $0.day == day("2026-07-14") })
        #expect(list.first?.day == day("2026-01-01"))
        #expect(list.last?.day == day("2026-12-25"))
        #expect(FrenchHolidays.isHoliday(day("2026-04-06")))
        #expect(FrenchHolidays.isHoliday(day("2026-11-11")))
        #expect(!FrenchHolidays.isHoliday(day("2026-04-07")))
        #expect(!FrenchHolidays.isHoliday(day("2026-12-26")))
    }

    @Test("calendar arithmetic: weekdays, adding days across months and years, differences")
    func calendar() {
        #expect(day("2026-04-02").weekday == 4)   // Thursday
        #expect(day("2026-07-14").weekday == 2)   // Tuesday
        #expect(day("2026-04-05").weekday == 7)   // Sunday
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2027-01-01") - day("2026-01-01") == 365)
        #expect(day("2026-01-01") - day("2027-01-01") == -365)
        #expect(!day("2026-04-04").isWorkingDay)  // Saturday
        #expect(!day("2026-04-06").isWorkingDay)  // Easter Monday
        #expect(day("2026-04-07").isWorkingDay)
    }

    @Test("adding working days skips weekends and holidays", arguments: [
        ("2026-04-02", 2, "2026-04-07"),  // Thursday + 2 across Easter Monday → Tuesday
        ("2026-05-13", 1, "2026-05-15"),  // Wednesday + 1 across Ascension → Friday
        ("2026-07-13", 1, "2026-07-15"),  // Monday + 1 across 14 July (a Tuesday) → Wednesday
        ("2026-03-06", 1, "2026-03-09"),  // Friday + 1 → Monday
        ("2026-03-06", 0, "2026-03-06"),  // a working day, nothing added → itself
        ("2026-03-07", 0, "2026-03-09"),  // asked on a Saturday, 0 → Monday
        ("2026-03-07", 1, "2026-03-10"),  // asked on a Saturday: counts from Monday
        ("2026-12-24", 1, "2026-12-28"),  // Christmas Friday and the weekend
    ])
    func add(from: String, n: Int, expected: String) {
        #expect(WorkingDays.add(n, to: day(from)) == day(expected))
    }

    @Test("count is the half-open interval and 0 backwards")
    func count() {
        #expect(WorkingDays.count(from: day("2026-04-02"), to: day("2026-04-07")) == 2)
        #expect(WorkingDays.count(from: day("2026-04-07"), to: day("2026-04-02")) == 0)
        #expect(WorkingDays.count(from: day("2026-04-07"), to: day("2026-04-07")) == 0)
        #expect(WorkingDays.count(from: day("2026-04-04"), to: day("2026-04-05")) == 0)
        // 2026: 261 weekdays, 9 holidays fall on weekdays (15 Aug is a Saturday, 1 Nov a Sunday).
        #expect(WorkingDays.count(from: day("2025-12-31"), to: day("2026-12-31")) == 252)
    }

    @Test("count agrees with add, and with a day-by-day count, over three years")
    func countMatchesAdd() {
        var d = day("2025-01-01")
        let end = day("2028-01-01")
        var n = 0
        while d < end {
            if d.isWorkingDay {
                let later = WorkingDays.add(n % 40, to: d)
                #expect(WorkingDays.count(from: d, to: later) == n % 40, "from \(d)")
                #expect(later.isWorkingDay)
            }
            // The whole-week shortcut against a plain walk.
            let to = d.adding(days: n % 50)
            var walked = 0
            var c = d
            while c < to { c = c.adding(days: 1); if c.isWorkingDay { walked += 1 } }
            #expect(WorkingDays.count(from: d, to: to) == walked, "from \(d) to \(to)")
            d = d.adding(days: 1)
            n += 1
        }
    }

    @Test("Ascension on 1 May (2008) is counted once")
    func coincidingHolidays() {
        #expect(FrenchHolidays.easterSunday(2008).adding(days: 39) == day("2008-05-01"))
        var walked = 0
        var c = day("2008-01-01")
        while c < day("2008-12-31") { c = c.adding(days: 1); if c.isWorkingDay { walked += 1 } }
        #expect(WorkingDays.count(from: day("2008-01-01"), to: day("2008-12-31")) == walked)
    }
}
