import Foundation
import Testing
@testable import MaillageCore

private func day(_ iso: String) -> Day { Day(iso: iso)! }
private func time(_ h: Int, _ m: Int) -> LocalTime { LocalTime(hour: h, minute: m)! }
private func at(_ epoch: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }

@Suite("Paris time without tzdata")
struct ParisTimeTests {
    /// The four changes of 2026 and 2027 at 01:00 UTC: last Sundays of March and October.
    static let changes: [(epoch: Int, day: String, summerAfter: Bool)] = [
        (1_774_746_000, "2026-03-29", true), (1_792_890_000, "2026-10-25", false),
        (1_806_195_600, "2027-03-28", true), (1_824_944_400, "2027-10-31", false),
    ]

    @Test("the offset moves exactly at 01:00 UTC on the last Sundays of March and October")
    func changesOf2026And2027() {
        for change in Self.changes {
            #expect(ParisTime.offsetSeconds(at: at(change.epoch - 1)) == (change.summerAfter ? 3600 : 7200))
            #expect(ParisTime.offsetSeconds(at: at(change.epoch)) == (change.summerAfter ? 7200 : 3600))
            #expect(ParisTime.lastSunday(year: day(change.day).year, month: change.summerAfter ? 3 : 10) == day(change.day))
        }
        #expect(ParisTime.offsetSeconds(at: at(1_796_565_909)) == 3600)   // 6 December 2026
        #expect(ParisTime.offsetSeconds(at: at(1_782_000_000)) == 7200)   // June 2026
    }

    @Test("local time just before and at each change")
    func localAroundChanges() {
        // Spring 2026: 01:59 winter, then 03:00 summer.
        let beforeSpring = ParisTime.local(at(1_774_746_000 - 60))
        #expect(beforeSpring.day == day("2026-03-29") && beforeSpring.time == time(1, 59))
        let afterSpring = ParisTime.local(at(1_774_746_000))
        #expect(afterSpring.day == day("2026-03-29") && afterSpring.time == time(3, 0))
        // Autumn 2026: 02:59 summer, then 02:00 winter again.
        let beforeAutumn = ParisTime.local(at(1_792_890_000 - 60))
        #expect(beforeAutumn.day == day("2026-10-25") && beforeAutumn.time == time(2, 59))
        let afterAutumn = ParisTime.local(at(1_792_890_000))
        #expect(afterAutumn.day == day("2026-10-25") && afterAutumn.time == time(2, 0))
        // Midnight and the day boundary in UTC+1: 23:30 UTC on 5 December is 00:30 on the 6th.
        let past = ParisTime.local(at(1_796_565_909 - 14 * 3600 - 5 * 60 - 9 - 30 * 60))
        #expect(past.day == day("2026-12-06") && past.time == time(0, 30))
    }

    @Test("the spring gap moves one hour forward; the autumn repeat takes the summer instant")
    func gapAndAmbiguity() {
        for change in Self.changes {
            let d = day(change.day)
            if change.summerAfter {
                // 02:30 does not exist: 03:30 summer time, i.e. 01:30 UTC.
                #expect(ParisTime.instant(d, time(2, 30)) == at(change.epoch + 1800))
                #expect(ParisTime.instant(d, time(2, 0)) == at(change.epoch))
                #expect(ParisTime.instant(d, time(1, 59)) == at(change.epoch - 60))
                #expect(ParisTime.instant(d, time(3, 0)) == at(change.epoch))
                #expect(ParisTime.local(ParisTime.instant(d, time(2, 30))).time == time(3, 30))
            } else {
                // 02:30 happens twice (00:30 UTC in summer time, 01:30 UTC in winter time): the first.
                #expect(ParisTime.instant(d, time(2, 30)) == at(change.epoch - 1800))
                #expect(ParisTime.local(at(change.epoch - 1800)).time == time(2, 30))
                #expect(ParisTime.local(at(change.epoch + 1800)).time == time(2, 30))
                #expect(ParisTime.instant(d, time(3, 0)) == at(change.epoch + 3600))
                #expect(ParisTime.instant(d, time(1, 59)) == at(change.epoch - 3660))
            }
        }
    }

    @Test("every hour of 2026 and 2027 round-trips local → instant → local, and instant → local → instant",
          arguments: [2026, 2027])
    func roundTrips(year: Int) {
        var d = day("\(year)-01-01")
        var gaps = 0
        while d.year == year {
            for hour in 0..<24 {
                for minute in [0, 30] {
                    let t = time(hour, minute)
                    let back = ParisTime.local(ParisTime.instant(d, t))
                    if back.day != d || back.time != t {
                        gaps += 1
                        #expect(back.day == d && back.time.minutes == t.minutes + 60 && hour == 2)
                    }
                }
            }
            d = d.adding(days: 1)
        }
        #expect(gaps == 2)   // 02:00 and 02:30 on the spring day only
        // Each UTC hour of the year: back to itself except the repeated autumn hour, which reads as the first.
        let start = day("\(year)-01-01").serial * 86_400 - 3600
        let autumn = Self.changes.first { $0.day.hasPrefix("\(year)-10") }!.epoch
        for epoch in stride(from: start, to: start + 365 * 86_400, by: 3600) {
            let local = ParisTime.local(at(epoch))
            let again = ParisTime.instant(local.day, local.time)
            if epoch == autumn { #expect(again == at(epoch - 3600)) } else { #expect(again == at(epoch)) }
        }
    }

    @Test("the EU rules agree with the system's tzdata from 1996 to 2100 around every change")
    func agreesWithTzdata() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        for year in 1996...2100 {
            for month in [3, 10] {
                let change = ParisTime.lastSunday(year: year, month: month).serial * 86_400 + 3600
                for epoch in [change - 1, change, change + 86_400 * 100] {
                    #expect(ParisTime.offsetSeconds(at: at(epoch)) == paris.secondsFromGMT(for: at(epoch)), "\(year)-\(month)")
                }
            }
        }
    }

    @Test("midnight of a day is the start of an all-day event in Paris")
    func midnight() {
        #expect(ParisTime.midnight(day("2026-12-07")) == at(1_796_515_200 + 86_400 - 3600))   // 6 Dec 00:00 UTC + 1 day − 1 h
        #expect(ParisTime.midnight(day("2026-07-01")) == at(day("2026-07-01").serial * 86_400 - 7200))
    }
}
