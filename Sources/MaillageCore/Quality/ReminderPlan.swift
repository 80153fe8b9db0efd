import Foundation

/// Which reminders of a certification are due today (pure; the daily job records them). A
/// reminder is a (target, offset) step: the expiry or the next audit, so many days before.
/// A step is due from `target − offset` until the target day itself; once recorded it is never
/// due again (the job's insert does nothing the second time). When several steps of the same
/// target are due at once — a record created or dated late, a day missed — only the nearest one
/// (the smallest offset) sends a message: the others are recorded silently, so nobody gets
/// « dans 90 jours » and « dans 30 jours » on the same morning.
public enum ReminderPlan {
    /// What a reminder is about (`QualityReminderKind` in the app).
    public enum Kind: String, Sendable, CaseIterable {
        case expiry, audit
    }

    public struct Target: Sendable, Hashable {
        public let kind: Kind
        public let day: Day

        public init(kind: Kind, day: Day) {
            self.kind = kind
            self.day = day
        }
    }

    public struct Step: Sendable, Hashable {
        public let kind: Kind
        public let target: Day
        public let daysBefore: Int
        /// Only the smallest due offset of a target sends a message.
        public let mails: Bool
        /// Days from today to the target (0 on the day itself).
        public let daysLeft: Int

        public init(kind: Kind, target: Day, daysBefore: Int, mails: Bool, daysLeft: Int) {
            self.kind = kind
            self.target = target
            self.daysBefore = daysBefore
            self.mails = mails
            self.daysLeft = daysLeft
        }
    }

    /// The targets of a certification: its expiry and its next audit, when set.
    public static func targets(expiresOn: Day?, auditOn: Day?) -> [Target] {
        [expiresOn.map { Target(kind: .expiry, day: $0) }, auditOn.map { Target(kind: .audit, day: $0) }].compactMap { $0 }
    }

    /// The steps due `today` for the targets and the standard's offsets (days, each ≥ 1; others
    /// and repeats ignored), each target's steps by offset, the smallest (the one that mails) first.
    public static func due(targets: [Target], offsets: [Int], today: Day) -> [Step] {
        let offsets = Set(offsets.filter { $0 >= 1 }).sorted()
        var steps: [Step] = []
        for target in Set(targets).sorted(by: { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }) {
            let left = target.day - today
            guard left >= 0 else { continue }
            let due = offsets.filter { left <= $0 }
            for (i, offset) in due.enumerated() {
                steps.append(Step(kind: target.kind, target: target.day, daysBefore: offset, mails: i == 0, daysLeft: left))
            }
        }
        return steps
    }
}
