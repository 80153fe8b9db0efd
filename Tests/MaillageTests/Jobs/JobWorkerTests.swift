import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// Issue #10: the worker of a `serve` instance runs jobs soon after their enqueue and, at
/// shutdown, finishes or gives back what it runs before the databases close.
@Suite("Job worker")
struct JobWorkerTests {
    static func waitUntil(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try await condition()
    }

    @Test("the worker runs an enqueued probe at once (woken, not at its next poll) and stops cleanly")
    func runsEnqueuedJobs() async throws {
        try await withMaillage { app in
            // setup
            // Slots poll only every 60 s here: the job can only run within the test's 10 s if
            // the enqueue wakes a slot (no wall-clock bound, so a loaded machine cannot fail it).
            let worker = JobWorker(pollInterval: 60)
            worker.start(app)
            try await Task.sleep(nanoseconds: 300_000_000)  // both slots are waiting
            // MUT
            try await JobQueue.enqueue(ProbeJob.kind, payload: ["n": 1], on: app.db)
            let done = try await Self.waitUntil(seconds: 10) {
                try await JobRecord.query(on: app.db).filter(\.$kind == ProbeJob.kind).filter(\.$status == "done").count() == 1
            }
            await worker.shutdownAsync(app)
            // validate
            #expect(done, "woken by the enqueue, not by its next poll")
            let jobs = try await JobRecord.query(on: app.db).filter(\.$kind == ProbeJob.kind).all()
            #expect(jobs.allSatisfy { $0.leasedBy == app.jobs.instance })
        }
    }

    @Test("at shutdown a job that does not finish in time is cancelled and given back, its attempt not counted")
    func shutdownReleases() async throws {
        try await withMaillage { app in
            // setup
            app.jobs.register("test.slow") { _ in
                try await Task.sleep(nanoseconds: 30_000_000_000)
                return "fini"
            }
            app.jobs.register("test.quick") { _ in
                try? await Task.sleep(nanoseconds: 300_000_000)  // ignores cancellation, finishes within the drain
                return "fini"
            }
            let worker = JobWorker(drainTimeout: 1)
            let slow = try await JobQueue.enqueue("test.slow", payload: ["n": 1], on: app.db)
            let quick = try await JobQueue.enqueue("test.quick", payload: ["n": 2], on: app.db)
            worker.start(app)
            #expect(try await Self.waitUntil(seconds: 10) {
                try await JobRecord.query(on: app.db).filter(\.$status == "running").count() == 2
            })
            // MUT
            let started = Date()
            await worker.shutdownAsync(app)
            // validate
            // The slow job sleeps 30 s: shutdown cancelled it instead of waiting (generous bound:
            // the drain is 1 s, a loaded machine adds seconds, never the 30 s of the job).
            #expect(Date().timeIntervalSince(started) < 20)
            let s = try #require(try await JobRecord.find(slow, on: app.db))
            #expect(s.status == "pending" && s.attempts == 0 && s.leasedBy == nil)
            let q = try #require(try await JobRecord.find(quick, on: app.db))
            #expect(q.status == "done" && q.result == "fini")
        }
    }

    @Test("the worker starts in serve only, never in tests or with MAILLAGE_JOBS=off")
    func startsInServeOnly() async throws {
        let testing = try await Application.make(.testing)
        #expect(!JobWorker.shouldStart(testing))
        try await testing.asyncShutdown()
        let serve = try await Application.make(Environment(name: "production", arguments: ["maillage", "serve"]))
        #expect(JobWorker.shouldStart(serve))
        try await serve.asyncShutdown()
        let bare = try await Application.make(Environment(name: "production", arguments: ["maillage"]))
        #expect(JobWorker.shouldStart(bare))
        try await bare.asyncShutdown()
        let migrate = try await Application.make(Environment(name: "production", arguments: ["maillage", "migrate"]))
        #expect(!JobWorker.shouldStart(migrate))
        try await migrate.asyncShutdown()
    }
}
