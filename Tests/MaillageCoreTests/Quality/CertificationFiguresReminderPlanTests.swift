import Foundation
import Testing
@testable import MaillageCore

/// The reminder steps due on a day: from target − offset to the target day; only the smallest due
/// offset of a target sends a message.
@Suite("Certification reminder plan")
struct CertificationFiguresReminderPlanTests {
    static let expiry = Day(iso: "2027-03-31")!
    static let audit = Day(iso: "2027-01-15")!

    func due(_ today: String, offsets: [Int] = [90, 30]) -> [ReminderPlan.Step] {
        ReminderPlan.due(targets: ReminderPlan.targets(expiresOn: Self.expiry, auditOn: nil), offsets: offsets, today: Day(iso: today)!)
    }

    @Test("nothing before 90 days; the 90-day step from the 90th day; both from the 30th, only 30 mails; nothing after the day")
    func window() {
        #expect(due("2026-12-30").isEmpty)                       // 91 days before
        #expect(due("2026-12-31") == [.init(kind: .expiry, target: Self.expiry, daysBefore: 90, mails: true, daysLeft: 90)])
        #expect(due("2027-02-28").map(\.daysBefore) == [90])     // 31 days before
        let both = due("2027-03-01")                             // 30 days before
        #expect(both.map(\.daysBefore) == [30, 90] && both.map(\.mails) == [true, false])
        #expect(due("2027-03-31").map(\.daysBefore) == [30, 90]) // the day itself
        #expect(due("2027-04-01").isEmpty)
    }

    @Test("expiry and audit are separate targets; bad offsets ignored")
    func targets() {
        let steps = ReminderPlan.due(targets: ReminderPlan.targets(expiresOn: Self.expiry, auditOn: Self.audit),
                                     offsets: [30, 0, -5, 30, 90], today: Day(iso: "2027-01-01")!)
        #expect(steps.map { "\($0.kind.rawValue)-\($0.daysBefore)-\($0.mails)" } == ["audit-30-true", "audit-90-false", "expiry-90-true"])
        #expect(steps.first?.daysLeft == 14)
        #expect(ReminderPlan.targets(expiresOn: nil, auditOn: nil).isEmpty)
    }
}
