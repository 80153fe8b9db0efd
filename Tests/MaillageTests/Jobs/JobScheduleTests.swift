import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// Issue #10: daily schedules run once per day across instances; the Observatory's
/// automatic reminder reaches each late structure once.
@Suite("Daily schedules")
struct JobScheduleTests {
    static func paris(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test("a daily schedule is enqueued once per day across two instances, from its hour (Paris time)")
    func oncePerDay() async throws {
        try await withMaillage { app in
            // setup: 06:30 in Paris (winter, UTC+1)
            let clock = FixedClock(Self.paris("2026-01-15T05:30:00Z"))
            app.services = AppServices(config: app.config, clock: clock)
            app.jobs.register("test.daily") { ctx in ctx.payload }
            app.jobs.daily("test.daily", at: 7, kind: "test.daily")
            // Other capabilities' schedules are registered too: count this one only.
            let mine = { (names: [String]) in names.filter { $0 == "test.daily" } }
            // MUT + validate
            #expect(try await mine(app.jobs.runSchedules()).isEmpty)
            clock.advance(by: 3600)  // 07:30
            // Two instances check at the same minute: one enqueues.
            async let first = app.jobs.runSchedules()
            async let second = app.jobs.runSchedules()
            let (a, b) = try await (first, second)
            #expect(mine(a).count + mine(b).count == 1)
            #expect(try await mine(app.jobs.runSchedules()).isEmpty)
            #expect(try await app.jobs.runDue(as: "A", kinds: ["test.daily"]) + app.jobs.runDue(as: "B", kinds: ["test.daily"]) == 1)
            clock.advance(by: 12 * 3600)  // 19:30 the same day
            #expect(try await mine(app.jobs.runSchedules()).isEmpty)
            clock.advance(by: 10 * 3600)  // 05:30 the next day: not yet
            #expect(try await mine(app.jobs.runSchedules()).isEmpty)
            clock.advance(by: 2 * 3600)  // 07:30 the next day
            #expect(try await mine(app.jobs.runSchedules()) == ["test.daily"])
            try await app.jobs.runDue(kinds: ["test.daily"])
            let jobs = try await JobRecord.query(on: app.db).filter(\.$kind == "test.daily").sort(\.$createdAt).all()
            #expect(jobs.map(\.status) == ["done", "done"])
            #expect(jobs.map(\.result) == [#"{"day":"2026-01-15","schedule":"test.daily"}"#, #"{"day":"2026-01-16","schedule":"test.daily"}"#])
            struct Run: Decodable { let name: String; let day: String; let job_id: UUID }
            let runs = try await JobQueue.sql(app.db).raw("SELECT name, day, job_id FROM schedule_runs WHERE name = 'test.daily' ORDER BY day").all(decoding: Run.self)
            #expect(runs.map(\.day) == ["2026-01-15", "2026-01-16"])
            #expect(Set(runs.map(\.job_id)) == Set(jobs.compactMap(\.id)))
        }
    }

    @Test("the Paris day and hour follow summer time")
    func parisDay() {
        #expect(DailySchedules.parisDay(Self.paris("2026-07-01T05:00:00Z")) == ("2026-07-01", 7))
        #expect(DailySchedules.parisDay(Self.paris("2026-01-01T05:00:00Z")) == ("2026-01-01", 6))
        #expect(DailySchedules.parisDay(Self.paris("2026-12-31T23:30:00Z")) == ("2027-01-01", 0))
    }

    @Test("the automatic reminder sends each late structure's managers one message, recorded as Maillage's, and nothing on a second run the same day")
    func automaticReminders() async throws {
        try await withMaillage { app in
            // setup: 10 June 2025, 10:00 in Paris; the 2024 campaign is open, nobody answered
            let (f, clock) = try await ReminderTests.setUp(app)
            try await ReminderTests.manager("vendee@test.maillage.test", of: f.otherPDL, app)
            // a closed campaign is left alone
            try await ObservatoryFixtures.campaign(2023, open: false, on: app.db)
            // MUT
            #expect(try await app.jobs.runSchedules().contains(ReminderSchedule.kind))
            #expect(try await app.jobs.runDue(kinds: [ReminderSchedule.kind]) == 1)
            // validate
            #expect(try await ReminderTests.mails(to: Fixtures.Who.member.email, app) == 1)
            #expect(try await ReminderTests.mails(to: "vendee@test.maillage.test", app) == 1)
            let runs = try await ReminderRun.query(on: app.db).with(\.$targets).with(\.$campaign).all()
            #expect(runs.count == 1)
            #expect(runs.first?.actorID == nil)
            #expect(runs.first?.campaign.year == 2024)
            #expect(Set(runs.first?.targets.map(\.structureID) ?? []) == [f.inPDL.id!, f.otherPDL.id!])
            let history = try await Reminders.history(runs[0].campaign, on: app.db)
            #expect(history.map(\.actor) == ["Maillage"])
            // The same day: the schedule does not run again, and the job run again sends nothing.
            clock.advance(by: 3600)
            #expect(try await !app.jobs.runSchedules().contains(ReminderSchedule.kind))
            try await JobQueue.enqueue(ReminderSchedule.kind, payload: ["manual": true], on: app.db)
            #expect(try await app.jobs.runDue(kinds: [ReminderSchedule.kind]) == 1)
            #expect(try await OutboxMessage.query(on: app.db).count() == 2)
            #expect(try await ReminderRun.query(on: app.db).count() == 1)
            // After the delay, the next day's run reminds them again.
            clock.advance(by: Double(app.config.reminderDelayDays) * 86_400)
            #expect(try await app.jobs.runSchedules().contains(ReminderSchedule.kind))
            try await app.jobs.runDue(kinds: [ReminderSchedule.kind])
            #expect(try await ReminderTests.mails(to: Fixtures.Who.member.email, app) == 2)
        }
    }
}
