import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// Issue #10: one table-backed job queue — due jobs claimed once, retries with back-off,
/// failures recorded, leases that expire, unique keys. Runs on SQLite and, with
/// DATABASE_URL, on PostgreSQL.
@Suite("Job queue")
struct JobQueueTests {
    /// A clock the test moves, starting now (so that `runAt: nil` and clock time agree).
    static func clock(_ app: Application) -> FixedClock {
        let clock = FixedClock(Date())
        app.services = AppServices(config: app.config, clock: clock)
        return clock
    }

    static func job(_ id: UUID, _ app: Application) async throws -> JobRecord {
        try #require(try await JobRecord.find(id, on: app.db))
    }

    struct Echo: Codable { let text: String }

    @Test("an enqueued job is claimed, run with its payload, and recorded done with its result")
    func enqueueClaimComplete() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            app.jobs.register("test.echo") { ctx in
                try await ctx.progress(1, of: 2)
                return "echo:\(try ctx.decode(Echo.self).text):\(ctx.attempt)"
            }
            let id = try await JobQueue.enqueue("test.echo", payload: Echo(text: "bonjour"), on: app.db)
            #expect(try await Self.job(id, app).status == "pending")
            // MUT
            let ran = try await app.jobs.runDue()
            // validate
            #expect(ran == 1)
            let job = try await Self.job(id, app)
            #expect(job.status == "done")
            #expect(job.result == "echo:bonjour:1")
            #expect(job.attempts == 1)
            #expect(job.progressDone == 1 && job.progressTotal == 2)
            #expect(job.finishedAt.map { abs($0.timeIntervalSince(clock.now)) < 0.01 } == true)
            #expect(job.leaseUntil == nil)
            #expect(try await app.jobs.runDue() == 0)
        }
    }

    @Test("a job due now is claimed, one due in a minute is not until the clock reaches it")
    func dueVersusNotDue() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            let later = try await JobQueue.enqueue("test.k", payload: Echo(text: "later"), runAt: clock.now.addingTimeInterval(60), on: app.db)
            let now = try await JobQueue.enqueue("test.k", payload: Echo(text: "now"), runAt: clock.now, on: app.db)
            // MUT
            let first = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            let second = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            let other = try await JobQueue.claim(kinds: ["test.other"], instance: "A", now: clock.now.addingTimeInterval(120), on: app.db)
            clock.advance(by: 59)
            let stillNot = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            clock.advance(by: 1)
            let third = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            // validate
            #expect(first?.id == now)
            #expect(first?.attempts == 1)
            #expect(second == nil)
            #expect(other == nil)  // only the kinds asked for
            #expect(stillNot == nil)
            #expect(third?.id == later)
            let claimed = try await Self.job(later, app)
            #expect(claimed.status == "running" && claimed.leasedBy == "A")
            #expect(claimed.leaseUntil.map { abs($0.timeIntervalSince(clock.now.addingTimeInterval(JobQueue.lease))) < 0.01 } == true)
        }
    }

    @Test("a failing job is retried after 30 s, then 60 s, and is failed with its error after its last attempt")
    func retryBackoffThenFailed() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            app.jobs.register("test.flaky", maxAttempts: 3) { ctx in throw Abort(.badGateway, reason: "panne \(ctx.attempt)") }
            let id = try await JobQueue.enqueue("test.flaky", payload: Echo(text: ""), on: app.db)
            // MUT + validate
            #expect(try await app.jobs.runDue() == 1)
            var job = try await Self.job(id, app)
            #expect(job.status == "pending" && job.attempts == 1 && job.lastError == "panne 1")
            #expect(job.maxAttempts == 3)
            #expect(job.runAt.map { abs($0.timeIntervalSince(clock.now.addingTimeInterval(30))) < 0.01 } == true)
            clock.advance(by: 29)
            #expect(try await app.jobs.runDue() == 0)
            clock.advance(by: 1)
            #expect(try await app.jobs.runDue() == 1)
            job = try await Self.job(id, app)
            #expect(job.status == "pending" && job.attempts == 2 && job.lastError == "panne 2")
            #expect(job.runAt.map { abs($0.timeIntervalSince(clock.now.addingTimeInterval(60))) < 0.01 } == true)
            clock.advance(by: 60)
            #expect(try await app.jobs.runDue() == 1)
            job = try await Self.job(id, app)
            #expect(job.status == "failed" && job.attempts == 3 && job.lastError == "panne 3")
            #expect(job.finishedAt != nil)
            clock.advance(by: 3600)
            #expect(try await app.jobs.runDue() == 0)
        }
    }

    @Test("the back-off doubles from 30 s and stops at one hour")
    func backoffFormula() {
        #expect(JobQueue.backoff(afterAttempt: 1) == 30)
        #expect(JobQueue.backoff(afterAttempt: 2) == 60)
        #expect(JobQueue.backoff(afterAttempt: 7) == 1920)
        #expect(JobQueue.backoff(afterAttempt: 8) == 3600)
        #expect(JobQueue.backoff(afterAttempt: 40) == 3600)
    }

    @Test("a permanent failure stops at once; a retry with a delay waits that delay")
    func permanentAndExplicitRetry() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            app.jobs.register("test.refused", maxAttempts: 8) { _ in throw JobError.permanent(reason: "550 boîte inconnue") }
            app.jobs.register("test.later", maxAttempts: 8) { _ in throw JobError.retry(after: 5, reason: "421 occupé") }
            let refused = try await JobQueue.enqueue("test.refused", payload: Echo(text: ""), on: app.db)
            let later = try await JobQueue.enqueue("test.later", payload: Echo(text: ""), on: app.db)
            // MUT
            #expect(try await app.jobs.runDue() == 2)
            // validate
            let r = try await Self.job(refused, app)
            #expect(r.status == "failed" && r.attempts == 1 && r.lastError == "550 boîte inconnue")
            let l = try await Self.job(later, app)
            #expect(l.status == "pending" && l.lastError == "421 occupé")
            #expect(l.runAt.map { abs($0.timeIntervalSince(clock.now.addingTimeInterval(5))) < 0.01 } == true)
        }
    }

    @Test("a crashed worker's job is claimable again once its lease expired, and the late worker cannot overwrite it")
    func leaseExpiry() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            let id = try await JobQueue.enqueue("test.k", payload: Echo(text: ""), on: app.db)
            let a = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            #expect(a?.id == id)
            // MUT: A renews once, then "crashes"
            clock.advance(by: 50)
            #expect(try await JobQueue.renew(id, instance: "A", now: clock.now, on: app.db))
            clock.advance(by: 59)
            let tooEarly = try await JobQueue.claim(kinds: ["test.k"], instance: "B", now: clock.now, on: app.db)
            clock.advance(by: 2)
            let b = try await JobQueue.claim(kinds: ["test.k"], instance: "B", now: clock.now, on: app.db)
            // validate
            #expect(tooEarly == nil)
            #expect(b?.id == id && b?.attempts == 2)
            #expect(try await JobQueue.renew(id, instance: "A", now: clock.now, on: app.db) == false)
            try await JobQueue.complete(id, instance: "A", result: "de A", now: clock.now, on: app.db)
            #expect(try await Self.job(id, app).status == "running")
            try await JobQueue.complete(id, instance: "B", result: "de B", now: clock.now, on: app.db)
            let job = try await Self.job(id, app)
            #expect(job.status == "done" && job.result == "de B" && job.leasedBy == "B")
        }
    }

    @Test("a job whose last attempt's lease expired is failed, not run again")
    func abandonedLastAttempt() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app)
            let id = try await JobQueue.enqueue("test.k", payload: Echo(text: ""), maxAttempts: 1, on: app.db)
            _ = try await JobQueue.claim(kinds: ["test.k"], instance: "A", now: clock.now, on: app.db)
            clock.advance(by: JobQueue.lease + 1)
            // MUT
            let again = try await JobQueue.claim(kinds: ["test.k"], instance: "B", now: clock.now, on: app.db)
            let failed = try await JobQueue.failAbandoned(now: clock.now, on: app.db)
            // validate
            #expect(again == nil)
            #expect(failed == 1)
            let job = try await Self.job(id, app)
            #expect(job.status == "failed" && job.lastError?.contains("arrêtée") == true)
        }
    }

    @Test("a pending or running job with the same unique key is not enqueued twice; a finished one frees the key")
    func uniqueKey() async throws {
        try await withMaillage { app in
            // setup
            _ = Self.clock(app)
            app.jobs.register("test.k") { _ in nil }
            // MUT
            let first = try await JobQueue.enqueue("test.k", payload: Echo(text: "1"), uniqueKey: "export:2024", on: app.db)
            let second = try await JobQueue.enqueue("test.k", payload: Echo(text: "2"), uniqueKey: "export:2024", on: app.db)
            let otherKey = try await JobQueue.enqueue("test.k", payload: Echo(text: "3"), uniqueKey: "export:2025", on: app.db)
            let noKey1 = try await JobQueue.enqueue("test.k", payload: Echo(text: "4"), on: app.db)
            let noKey2 = try await JobQueue.enqueue("test.k", payload: Echo(text: "5"), on: app.db)
            // validate
            #expect(first == second)
            #expect(Set([first, otherKey, noKey1, noKey2]).count == 4)
            #expect(try await JobRecord.query(on: app.db).count() == 4)
            // Inside a transaction on PostgreSQL, the conflict must not abort it.
            try await app.db.transaction { tx in
                let again = try await JobQueue.enqueue("test.k", payload: Echo(text: "6"), uniqueKey: "export:2024", on: tx)
                #expect(again == first)
                _ = try await JobRecord.query(on: tx).count()
            }
            try await app.jobs.runDue()
            let third = try await JobQueue.enqueue("test.k", payload: Echo(text: "7"), uniqueKey: "export:2024", on: app.db)
            #expect(third != first)
            #expect(try await JobRecord.query(on: app.db).count() == 5)
        }
    }

    @Test("an enqueue rolled back with its transaction leaves no job")
    func enqueueInTransaction() async throws {
        try await withMaillage { app in
            // MUT
            do {
                try await app.db.transaction { tx in
                    try await JobQueue.enqueue("test.k", payload: Echo(text: ""), on: tx)
                    throw Abort(.conflict)
                }
            } catch {}
            // validate
            let count = try await JobRecord.query(on: app.db).count()
            #expect(count == 0)
        }
    }

    @Test("two claimers running at once over 50 probe jobs run each exactly once")
    func concurrentClaimers() async throws {
        try await withMaillage { app in
            // setup
            _ = Self.clock(app)
            try await app.db.transaction { tx in
                for i in 0..<50 { try await JobQueue.enqueue(ProbeJob.kind, payload: ["n": i], on: tx) }
            }
            // MUT
            async let a = app.jobs.runDue(as: "instance-A")
            async let b = app.jobs.runDue(as: "instance-B")
            let (ranA, ranB) = try await (a, b)
            // validate
            #expect(ranA + ranB == 50)
            struct Row: Decodable { let job_id: UUID; let instance: String }
            let runs = try await JobQueue.sql(app.db).raw("SELECT job_id, instance FROM probe_runs").all(decoding: Row.self)
            #expect(runs.count == 50)
            #expect(Set(runs.map(\.job_id)).count == 50)
            #expect(runs.filter { $0.instance == "instance-A" }.count == ranA)
            #expect(runs.filter { $0.instance == "instance-B" }.count == ranB)
            #expect(try await JobRecord.query(on: app.db).filter(\.$status == "done").count() == 50)
            #expect(try await JobRecord.query(on: app.db).filter(\.$attempts == 1).count() == 50)
        }
    }
}
