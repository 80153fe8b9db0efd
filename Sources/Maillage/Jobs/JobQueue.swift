import Fluent
import Foundation
import SQLKit
import Vapor

/// The table-backed queue: every state change of a job is one SQL statement on `jobs`,
/// guarded by `leased_by`, so that several instances share one database safely.
///
/// Dates are bound as `Date` values (`SQLBind`), exactly as Fluent writes its own date
/// fields: a float of seconds since 1970 on SQLite, a `timestamptz` on PostgreSQL. Every
/// comparison is between a column and a bound date, never SQL's `now()`, so both databases
/// compare like with like and a test's `FixedClock` moves the queue's time too.
enum JobQueue {
    /// Lease taken by a claim, renewed every `renewEvery` while the job runs: a crashed
    /// instance's job becomes claimable again `lease` seconds after its last renewal.
    static let lease: TimeInterval = 60
    static let renewEvery: TimeInterval = 20
    /// Used when the kind is not registered in the enqueuing process (the worker writes the
    /// registered value at its first claim).
    static let defaultMaxAttempts = 5
    /// Rung after an enqueue, so that a worker of this process looks at once.
    static let doorbell = Doorbell()

    /// Enqueues a job on the caller's database (inside its transaction when there is one) and
    /// returns its id. `runAt` nil: as soon as possible (stored as NULL, so that whatever
    /// clock the claimer reads, the job is due). With a `uniqueKey`, a pending or running job
    /// with that key is not enqueued twice: its id is returned instead.
    @discardableResult
    static func enqueue(_ kind: String, payload: some Encodable, runAt: Date? = nil, uniqueKey: String? = nil,
                        requestedBy: UUID? = nil, maxAttempts: Int? = nil, on db: any Database) async throws -> UUID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let id = try await insert(id: UUID(), kind: kind, payload: json, runAt: runAt, uniqueKey: uniqueKey,
                                  requestedBy: requestedBy, maxAttempts: maxAttempts ?? defaultMaxAttempts, on: db)
        doorbell.ring()
        return id
    }

    struct Inserted: Decodable { let id: UUID }

    /// The insert behind `enqueue`: `ON CONFLICT … DO NOTHING` on the partial unique index of
    /// active keys (never an error, which would abort a PostgreSQL transaction).
    static func insert(id: UUID, kind: String, payload: String, runAt: Date?, uniqueKey: String?, requestedBy: UUID?,
                       maxAttempts: Int, on db: any Database) async throws -> UUID {
        let sql = sql(db)
        let query: SQLQueryString = """
            INSERT INTO jobs (id, kind, payload, status, run_at, attempts, max_attempts, unique_key, requested_by, \
            progress_done, progress_total, created_at)
            VALUES (\(bind: id), \(bind: kind), \(bind: payload), 'pending', \(bind: runAt), 0, \(bind: maxAttempts), \
            \(bind: uniqueKey), \(bind: requestedBy), 0, 0, \(bind: Date()))
            ON CONFLICT (unique_key) WHERE status IN ('pending', 'running') DO NOTHING
            RETURNING id
            """
        if let row = try await sql.raw(query).first(decoding: Inserted.self) { return row.id }
        guard let uniqueKey else { throw Abort(.internalServerError, reason: "job \(kind) not inserted") }
        let existing: SQLQueryString = """
            SELECT id FROM jobs WHERE unique_key = \(bind: uniqueKey) AND status IN ('pending', 'running') LIMIT 1
            """
        guard let row = try await sql.raw(existing).first(decoding: Inserted.self) else {
            throw Abort(.internalServerError, reason: "job \(kind) with key \(uniqueKey) neither inserted nor found")
        }
        return row.id
    }

    /// A job taken by a worker.
    struct Claimed: Decodable, Sendable {
        let id: UUID
        let kind: String
        let payload: String
        /// Runs started, this one included.
        let attempts: Int
        let max_attempts: Int
    }

    /// Takes the next due job of one of `kinds` for `instance`, or nil: one statement that
    /// marks it running, leases it and counts the attempt.
    ///
    /// On PostgreSQL the inner `SELECT … FOR UPDATE SKIP LOCKED` locks the chosen row and makes
    /// a concurrent claimer skip it, so two instances never take the same job. SQLite has no
    /// row locks and no such clause: it runs one writing statement at a time on the whole
    /// database, so the `UPDATE … WHERE id = (SELECT …)` is atomic there by construction —
    /// a second claimer's statement starts after the first committed and no longer sees the
    /// job as pending.
    ///
    /// Due: pending with `run_at` nil or past, or running with an expired lease (its instance
    /// stopped or hung) and attempts left. Oldest first.
    static func claim(kinds: [String], instance: String, now: Date, on db: any Database) async throws -> Claimed? {
        guard !kinds.isEmpty else { return nil }
        let sql = sql(db)
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let query: SQLQueryString = """
            UPDATE jobs SET status = 'running', lease_until = \(bind: now.addingTimeInterval(lease)), \
            leased_by = \(bind: instance), attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs WHERE kind IN (\(binds: kinds))
                AND ((status = 'pending' AND (run_at IS NULL OR run_at <= \(bind: now)))
                  OR (status = 'running' AND lease_until < \(bind: now) AND attempts < max_attempts))
                ORDER BY COALESCE(run_at, created_at), created_at LIMIT 1\(lock))
            RETURNING id, kind, payload, attempts, max_attempts
            """
        return try await sql.raw(query).first(decoding: Claimed.self)
    }

    /// Extends the lease of a running job; false when this instance no longer holds it.
    static func renew(_ id: UUID, instance: String, now: Date, on db: any Database) async throws -> Bool {
        let query: SQLQueryString = """
            UPDATE jobs SET lease_until = \(bind: now.addingTimeInterval(lease))
            WHERE id = \(bind: id) AND leased_by = \(bind: instance) AND status = 'running' RETURNING id
            """
        return try await sql(db).raw(query).first(decoding: Inserted.self) != nil
    }

    /// The job ran: status done with its result.
    static func complete(_ id: UUID, instance: String, result: String?, now: Date, on db: any Database) async throws {
        try await finish(id, instance: instance, status: .done, result: result, error: nil, now: now, on: db)
    }

    /// The job failed for good: status failed with the reason.
    static func fail(_ id: UUID, instance: String, error: String, now: Date, on db: any Database) async throws {
        try await finish(id, instance: instance, status: .failed, result: nil, error: error, now: now, on: db)
    }

    private static func finish(_ id: UUID, instance: String, status: JobStatus, result: String?, error: String?,
                               now: Date, on db: any Database) async throws {
        let query: SQLQueryString = """
            UPDATE jobs SET status = \(bind: status.rawValue), finished_at = \(bind: now), result = \(bind: result), \
            last_error = COALESCE(\(bind: error), last_error), lease_until = NULL
            WHERE id = \(bind: id) AND leased_by = \(bind: instance) AND status = 'running'
            """
        try await sql(db).raw(query).run()
    }

    /// The job failed this time: pending again, not before `runAt`.
    static func retry(_ id: UUID, instance: String, at runAt: Date, error: String, on db: any Database) async throws {
        let query: SQLQueryString = """
            UPDATE jobs SET status = 'pending', run_at = \(bind: runAt), last_error = \(bind: error), \
            lease_until = NULL, leased_by = NULL
            WHERE id = \(bind: id) AND leased_by = \(bind: instance) AND status = 'running'
            """
        try await sql(db).raw(query).run()
    }

    /// Gives a job back untouched (shutdown, or a kind this process cannot run): pending again
    /// at once, the interrupted attempt not counted.
    static func release(_ id: UUID, instance: String, on db: any Database) async throws {
        let query: SQLQueryString = """
            UPDATE jobs SET status = 'pending', lease_until = NULL, leased_by = NULL, attempts = attempts - 1
            WHERE id = \(bind: id) AND leased_by = \(bind: instance) AND status = 'running'
            """
        try await sql(db).raw(query).run()
    }

    /// Running jobs whose lease expired on their last attempt: failed (a retry would exceed
    /// `max_attempts`). Returns how many.
    @discardableResult
    static func failAbandoned(now: Date, on db: any Database) async throws -> Int {
        let query: SQLQueryString = """
            UPDATE jobs SET status = 'failed', finished_at = \(bind: now), lease_until = NULL, \
            last_error = \(bind: "L'instance qui exécutait le dernier essai s'est arrêtée avant la fin.")
            WHERE status = 'running' AND lease_until < \(bind: now) AND attempts >= max_attempts
            RETURNING id
            """
        return try await sql(db).raw(query).all(decoding: Inserted.self).count
    }

    /// Records the maximum of attempts of the kind as registered (enqueuers may not know it).
    static func setMaxAttempts(_ id: UUID, _ max: Int, on db: any Database) async throws {
        let query: SQLQueryString = "UPDATE jobs SET max_attempts = \(bind: max) WHERE id = \(bind: id)"
        try await sql(db).raw(query).run()
    }

    static func progress(_ id: UUID, done: Int, total: Int, on db: any Database) async throws {
        let query: SQLQueryString = """
            UPDATE jobs SET progress_done = \(bind: done), progress_total = \(bind: total) WHERE id = \(bind: id)
            """
        try await sql(db).raw(query).run()
    }

    /// Back-off after a failed attempt (1-based): 30 s, 1 min, 2 min… capped at one hour.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(attempt - 1, 0), 12)
        return min(30 * pow(2, Double(exponent)), 3600)
    }

    static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
}
