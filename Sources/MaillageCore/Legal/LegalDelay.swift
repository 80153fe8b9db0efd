import Foundation

/// The promised delay of a question: `promised` working days from the day it was asked, pushed by
/// every working day spent waiting for the member (the clock stops while waiting).
public struct LegalDelay: Sendable, Equatable {
    /// A stretch spent waiting for the member; `to` nil = still waiting.
    public struct Wait: Sendable, Equatable {
        public var from: Day
        public var to: Day?
        public init(from: Day, to: Day?) {
            self.from = from
            self.to = to
        }
    }

    public var asked: Day
    public var promised: Int
    public var waits: [Wait]

    public init(asked: Day, promised: Int, waits: [Wait]) {
        self.asked = asked
        self.promised = max(0, promised)
        self.waits = waits
    }

    /// `promised` working days after `asked`, plus the working days of the finished waits
    /// (an open wait has not pushed anything yet: the question is not overdue while it lasts).
    public var due: Day {
        let waited = waits.reduce(0) { sum, wait in
            guard let to = wait.to else { return sum }
            return sum + span(wait, until: to)
        }
        return WorkingDays.add(promised + waited, to: asked)
    }

    /// Working days spent waiting up to `today` (an open wait counts up to `today`).
    public func waitedWorkingDays(until today: Day) -> Int {
        waits.reduce(0) { $0 + span($1, until: today) }
    }

    /// Working days actually spent from asked to `day` (waits excluded): what statistics take as "time to first answer".
    public func elapsedWorkingDays(until day: Day) -> Int {
        max(0, WorkingDays.count(from: asked, to: day) - waitedWorkingDays(until: day))
    }

    /// Never while waiting (`waiting`, or an open wait); otherwise past the due day.
    public func isOverdue(today: Day, waiting: Bool) -> Bool {
        if waiting || waits.contains(where: { $0.to == nil }) { return false }
        return today > due
    }

    /// The working days of `wait` in (from, end], within (asked, limit].
    private func span(_ wait: Wait, until limit: Day) -> Int {
        let start = max(wait.from, asked)
        let end = min(wait.to ?? limit, limit)
        return WorkingDays.count(from: start, to: end)
    }
}
