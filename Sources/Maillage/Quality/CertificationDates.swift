import Foundation
import MaillageCore

/// The calendar arithmetic of a certification: an expiry `cycleYears` after the decision, the next
/// surveillance audit `surveillanceMonths` after the last one (nil when it would pass the expiry:
/// the renewal audit takes its place). A month added to the 31st ends on the month's last day.
enum CertificationDates {
    static func adding(months: Int, to day: Day) -> Day {
        let index = day.year * 12 + (day.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        var d = day.day
        while d > 28, Day(year: year, month: month, day: d) == nil { d -= 1 }
        return Day(year: year, month: month, day: d) ?? day
    }

    static func expiry(decision: Day, cycleYears: Int) -> Day {
        adding(months: 12 * cycleYears, to: decision)
    }

    /// The next surveillance audit after `from`, or nil (no surveillance, or past the expiry).
    static func nextSurveillance(from: Day, surveillanceMonths: Int, expiresOn: Day?) -> Day? {
        guard surveillanceMonths > 0 else { return nil }
        let next = adding(months: surveillanceMonths, to: from)
        if let expiresOn, next >= expiresOn { return nil }
        return next
    }
}
