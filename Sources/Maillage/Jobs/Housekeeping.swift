import Fluent
import Foundation
import SQLKit
import Vapor

/// `housekeeping`: what serves nobody any more, dropped once a day just after midnight (Paris)
/// by whichever instance records the day first: expired sessions and old sign-in tries (also
/// pruned now and then at sign-in), finished jobs and probe runs older than `keepFinished`.
/// Failed jobs are kept as long as done ones: the outbox and the export pages show their error.
enum Housekeeping {
    static let kind = "housekeeping"
    static let keepFinished: TimeInterval = 30 * 24 * 3600

    static func register(_ app: Application) {
        app.jobs.register(kind, maxAttempts: 3) { try await run($0) }
        app.jobs.daily(kind, at: 0, kind: kind)
    }

    static func run(_ context: JobContext) async throws -> String? {
        let db = context.db
        try await DatabaseSessionDriver.prune(on: db)
        let before = context.application.services.clock.now.addingTimeInterval(-keepFinished)
        let finished = try await JobRecord.query(on: db)
            .filter(\.$status ~~ ["done", "failed"])
            .filter(\.$finishedAt < before)
            .count()
        try await JobQueue.sql(db).raw("""
            DELETE FROM probe_runs WHERE job_id IN
              (SELECT id FROM jobs WHERE status IN ('done', 'failed') AND finished_at < \(bind: before))
            """).run()
        try await JobRecord.query(on: db).filter(\.$status ~~ ["done", "failed"]).filter(\.$finishedAt < before).delete()
        return "\(finished) tâche(s) terminée(s) supprimée(s)"
    }
}
