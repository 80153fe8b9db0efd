import Fluent
import SQLKit

/// The one job queue (issue #10): `jobs` (what to run, when, how many tries, who holds it),
/// `schedule_runs` (a daily schedule ran on that day: the first instance to insert the row
/// enqueues the job) and `probe_runs` (each run of a `probe` job, so that a test can check
/// that every job ran exactly once across instances).
struct CreateJobs: AsyncMigration {
    var name: String { "013_CreateJobs" }

    func prepare(on db: any Database) async throws {
        try await db.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("status", .string, .required)
            // nil: as soon as possible (see `JobQueue.enqueue`)
            .field("run_at", .datetime)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("lease_until", .datetime)
            .field("leased_by", .string)
            .field("last_error", .string)
            .field("unique_key", .string)
            .field("requested_by", .uuid)
            .field("progress_done", .int, .required)
            .field("progress_total", .int, .required)
            .field("result", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX jobs_claim ON jobs (status, kind, run_at)").run()
        // A pending or running job holds its key: `enqueue` inserts with ON CONFLICT DO NOTHING on it.
        try await sql.raw("CREATE UNIQUE INDEX jobs_unique_active ON jobs (unique_key) WHERE status IN ('pending', 'running')").run()
        try await db.schema("schedule_runs")
            .field("name", .string, .required)
            .field("day", .string, .required)
            .field("job_id", .uuid, .required)
            .field("at", .datetime, .required)
            .unique(on: "name", "day")
            .create()
        try await db.schema("probe_runs")
            .field("job_id", .uuid, .required)
            .field("instance", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("probe_runs").delete()
        try await db.schema("schedule_runs").delete()
        try await db.schema("jobs").delete()
    }
}
