import Foundation
import SQLKit
import Vapor

/// `probe`: a job that does nothing but say who ran it — it sleeps a little and inserts a row
/// in `probe_runs` with the instance that held its lease — so that the several-instances test
/// checks that each job ran exactly once (`maillage jobs probe N`).
enum ProbeJob {
    static let kind = "probe"

    static func register(_ app: Application) {
        app.jobs.register(kind, maxAttempts: 3) { try await run($0) }
    }

    static func run(_ context: JobContext) async throws -> String? {
        try await Task.sleep(nanoseconds: 50_000_000)
        let query: SQLQueryString = """
            INSERT INTO probe_runs (job_id, instance, at)
            SELECT id, leased_by, \(bind: Date()) FROM jobs WHERE id = \(bind: context.id)
            """
        try await JobQueue.sql(context.db).raw(query).run()
        return nil
    }
}

/// The kinds and daily schedules every instance runs (`configure`). Kinds that need a
/// setting register themselves where the setting is read (`mail.send`).
enum JobKinds {
    static func register(_ app: Application) {
        ProbeJob.register(app)
        Housekeeping.register(app)
        ReminderSchedule.register(app)
    }
}
