import Foundation
import NIOConcurrencyHelpers

/// What time it is, asked of one service so that a test can fix it (`FixedClock`).
/// (Not Swift's `Clock`, which measures durations: this one tells the date.)
protocol WallClock: Sendable {
    var now: Date { get }
}

extension WallClock {
    /// The calendar year of `now`: the network map in force, the campaign under way.
    var year: Int { Calendar(identifier: .gregorian).component(.year, from: now) }
}

struct SystemClock: WallClock {
    var now: Date { Date() }
}

/// A clock that shows the time it is given, and moves only when told.
final class FixedClock: WallClock {
    private let date: NIOLockedValueBox<Date>

    init(_ date: Date) { self.date = NIOLockedValueBox(date) }

    var now: Date { date.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) { date.withLockedValue { $0.addTimeInterval(seconds) } }
}
