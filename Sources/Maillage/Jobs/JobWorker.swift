import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The worker of one `serve` instance: `slots` loops that each claim one due job at a time
/// (polling every second, at once after an enqueue in this process), and a loop that
/// enqueues the day's schedules every minute. Registered after the databases and the
/// request drain, it stops first: it stops claiming, lets running jobs finish for a while,
/// then cancels their handlers — a job whose handler is cancelled that way is given back
/// (`JobQueue.release`) before the databases close.
final class JobWorker: LifecycleHandler, Sendable {
    static let slots = 2
    static let defaultPollInterval: TimeInterval = 1
    static let scheduleInterval: TimeInterval = 60
    /// How long shutdown lets running jobs finish before cancelling them.
    let drainTimeout: TimeInterval
    /// How long an idle slot waits before looking again, unless an enqueue wakes it.
    let pollInterval: TimeInterval

    init(drainTimeout: TimeInterval = 10, pollInterval: TimeInterval = JobWorker.defaultPollInterval) {
        self.drainTimeout = drainTimeout
        self.pollInterval = pollInterval
    }

    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let stopping = NIOLockedValueBox(false)
    private let running = RunningJobs()

    /// Only `serve` (Vapor's default command) runs jobs: not the other commands, not Swift
    /// tests (they drain with `app.jobs.runDue()`), not with `MAILLAGE_JOBS=off`.
    static func shouldStart(_ app: Application) -> Bool {
        guard app.environment != .testing else { return false }
        if Environment.get("MAILLAGE_JOBS")?.lowercased() == "off" { return false }
        let args = app.environment.arguments.dropFirst()
        guard let command = args.first else { return true }
        return command == "serve" || command.hasPrefix("-")
    }

    func didBootAsync(_ app: Application) async throws {
        guard Self.shouldStart(app) else { return }
        start(app)
    }

    /// Starts the loops (also used by tests that want a live worker).
    func start(_ app: Application) {
        let jobs = app.jobs
        app.logger.info("job worker started", metadata: ["instance": .string(jobs.instance),
                                                         "kinds": .string(jobs.registry.kindNames.joined(separator: ","))])
        let loops = Task { [self] in
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<Self.slots { group.addTask { await self.claimLoop(jobs) } }
                group.addTask { await self.scheduleLoop(jobs) }
            }
        }
        task.withLockedValue { $0 = loops }
    }

    private var isStopping: Bool { stopping.withLockedValue { $0 } }

    private func claimLoop(_ jobs: Jobs) async {
        let app = jobs.application
        let runner = JobRunner(application: app, registry: jobs.registry, instance: jobs.instance, running: running)
        while !isStopping, !Task.isCancelled {
            do {
                if let job = try await JobQueue.claim(kinds: jobs.registry.kindNames, instance: jobs.instance,
                                                      now: app.services.clock.now, on: app.db) {
                    await runner.run(job)
                    continue
                }
            } catch {
                app.logger.error("job worker: claim failed: \(String(reflecting: error))")
            }
            await JobQueue.doorbell.wait(seconds: pollInterval)
        }
    }

    private func scheduleLoop(_ jobs: Jobs) async {
        let app = jobs.application
        while !isStopping, !Task.isCancelled {
            do {
                try await JobQueue.failAbandoned(now: app.services.clock.now, on: app.db)
                try await jobs.runSchedules()
            } catch {
                app.logger.error("job worker: schedules failed: \(String(reflecting: error))")
            }
            let until = Date().addingTimeInterval(Self.scheduleInterval)
            while !isStopping, !Task.isCancelled, Date() < until {
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        guard let loops = task.withLockedValue({ $0 }) else { return }
        stopping.withLockedValue { $0 = true }
        JobQueue.doorbell.ring()
        let finished = NIOLockedValueBox(false)
        let waiter = Task { await loops.value; finished.withLockedValue { $0 = true } }
        func wait(_ seconds: TimeInterval) async {
            let deadline = Date().addingTimeInterval(seconds)
            while !finished.withLockedValue({ $0 }), Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        }
        // The loops stop claiming at once; running jobs get `drainTimeout` to finish.
        await wait(drainTimeout)
        if !finished.withLockedValue({ $0 }) {
            app.logger.warning("job worker: \(running.count) jobs still running after \(Int(drainTimeout)) s, cancelling them")
            // A cancelled handler's job is given back by its slot (`JobQueue.release`).
            running.cancelAll()
            await wait(5)
        }
        if !finished.withLockedValue({ $0 }) {
            // A handler that ignores cancellation: its lease expires and another instance takes the job.
            app.logger.error("job worker: jobs ignore cancellation; leaving them to their lease")
            loops.cancel()
        }
        waiter.cancel()
        app.logger.info("job worker stopped", metadata: ["instance": .string(app.jobs.instance)])
    }
}
