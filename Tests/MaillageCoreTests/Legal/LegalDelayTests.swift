import Foundation
import Testing
@testable import MaillageCore

private func day(_ iso: String) -> Day { Day(iso: iso)! }

@Suite("Legal delay and figures")
struct LegalDelayTests {
    @Test("5 working days asked on Thursday 2 April 2026 are due Friday 10 April (Easter Monday skipped)")
    func due() {
        let delay = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: [])
        #expect(delay.due == day("2026-04-10"))
        #expect(!delay.isOverdue(today: day("2026-04-10"), waiting: false))
        #expect(delay.isOverdue(today: day("2026-04-11"), waiting: false))
    }

    @Test("a finished wait of 3 working days pushes the due day by 3 working days")
    func waitPushes() {
        // Waiting from Tuesday 7 April to Friday 10 April: 8, 9, 10 → 3 working days.
        let wait = LegalDelay.Wait(from: day("2026-04-07"), to: day("2026-04-10"))
        let delay = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: [wait])
        #expect(delay.waitedWorkingDays(until: day("2026-05-01")) == 3)
        #expect(delay.due == WorkingDays.add(8, to: day("2026-04-02")))
        #expect(delay.due == day("2026-04-15"))
    }

    @Test("an open wait stops the clock: never overdue while waiting")
    func openWait() {
        let wait = LegalDelay.Wait(from: day("2026-04-07"), to: nil)
        let delay = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: [wait])
        #expect(delay.due == day("2026-04-10"))
        #expect(!delay.isOverdue(today: day("2026-06-01"), waiting: true))
        #expect(!delay.isOverdue(today: day("2026-06-01"), waiting: false))
        #expect(delay.waitedWorkingDays(until: day("2026-04-09")) == 2)
        let answered = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: [])
        #expect(!answered.isOverdue(today: day("2026-06-01"), waiting: true))
    }

    @Test("elapsed working days leave the waits out")
    func elapsed() {
        let waits = [LegalDelay.Wait(from: day("2026-04-07"), to: day("2026-04-10")),
                     LegalDelay.Wait(from: day("2026-04-14"), to: nil)]
        let delay = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: waits)
        // (2 Apr, 16 Apr]: 3, 7, 8, 9, 10, 13, 14, 15, 16 = 9; waited 3 + (15, 16) = 5 → 4.
        #expect(WorkingDays.count(from: day("2026-04-02"), to: day("2026-04-16")) == 9)
        #expect(delay.elapsedWorkingDays(until: day("2026-04-16")) == 4)
        #expect(delay.elapsedWorkingDays(until: day("2026-04-02")) == 0)
        let plain = LegalDelay(asked: day("2026-04-02"), promised: 5, waits: [])
        #expect(plain.elapsedWorkingDays(until: day("2026-04-10")) == 5)
    }

    @Test("median: odd, even (exact half), empty")
    func median() {
        #expect(LegalFigures.median([5, 1, 3]) == 3)
        #expect(LegalFigures.median([4, 1, 2, 7]) == Decimal(string: "3"))
        #expect(LegalFigures.median([1, 2]) == Decimal(string: "1.5"))
        #expect(LegalFigures.median([2, 3, 10, 11]) == Decimal(string: "6.5"))
        #expect(LegalFigures.median([]) == nil)
        #expect(LegalFigures.median([7]) == 7)
    }
}
