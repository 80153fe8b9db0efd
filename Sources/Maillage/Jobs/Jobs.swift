import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The kinds this process runs and its daily schedules, registered in `configure` before
/// serving (`app.jobs.register`, `app.jobs.daily`); the worker only claims registered kinds.
final class JobRegistry: Sendable {
    struct Kind: Sendable {
        let maxAttempts: Int
        let handler: JobHandler
    }

    /// A job enqueued once a day, at or after `hour` (Europe/Paris), by the first instance
    /// to record the day in `schedule_runs`.
    struct Daily: Sendable {
        let name: String
        let hour: Int
        let kind: String
    }

    /// This process's name in `jobs.leased_by` and `probe_runs.instance`: "host:pid:uuid8".
    let instance: String
    private let kinds = NIOLockedValueBox<[String: Kind]>([:])
    private let schedules = NIOLockedValueBox<[Daily]>([])

    init(instance: String = JobRegistry.instanceName()) { self.instance = instance }

    static func instanceName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
    }

    func register(_ kind: String, maxAttempts: Int, handler: @escaping JobHandler) {
        kinds.withLockedValue { $0[kind] = Kind(maxAttempts: max(1, maxAttempts), handler: handler) }
    }

    func daily(_ name: String, at hour: Int, kind: String) {
        schedules.withLockedValue { list in
            list.removeAll { $0.name == name }
            list.append(Daily(name: name, hour: min(max(hour, 0), 23), kind: kind))
        }
    }

    func kind(_ name: String) -> Kind? { kinds.withLockedValue { $0[name] } }
    var kindNames: [String] { kinds.withLockedValue { $0.keys.sorted() } }
    var dailySchedules: [Daily] { schedules.withLockedValue { $0 } }
}

/// `app.jobs`: registration, the in-test drain and the schedules, over the application's
/// registry and database.
struct Jobs: Sendable {
    let application: Application
    let registry: JobRegistry

    var instance: String { registry.instance }

    func register(_ kind: String, maxAttempts: Int = JobQueue.defaultMaxAttempts, handler: @escaping JobHandler) {
        registry.register(kind, maxAttempts: maxAttempts, handler: handler)
    }

    func daily(_ name: String, at hour: Int, kind: String) {
        registry.daily(name, at: hour, kind: kind)
    }

    /// Runs every due job once, one after the other, and returns how many ran (Swift tests,
    /// in place of the worker). A job that asks to be retried at once is not run twice.
    @discardableResult
    func runDue(as instance: String? = nil, kinds: [String]? = nil) async throws -> Int {
        let instance = instance ?? registry.instance
        let kinds = kinds.map { Set($0).intersection(registry.kindNames).sorted() } ?? registry.kindNames
        try await JobQueue.failAbandoned(now: application.services.clock.now, on: application.db)
        var ran: Set<UUID> = []
        while let job = try await JobQueue.claim(kinds: kinds, instance: instance,
                                                 now: application.services.clock.now, on: application.db) {
            if ran.contains(job.id) {
                try await JobQueue.release(job.id, instance: instance, on: application.db)
                break
            }
            ran.insert(job.id)
            await JobRunner(application: application, registry: registry, instance: instance).run(job)
        }
        return ran.count
    }

    /// Enqueues the daily jobs due today that no instance has enqueued yet; returns their names.
    @discardableResult
    func runSchedules() async throws -> [String] {
        try await DailySchedules.run(registry.dailySchedules, now: application.services.clock.now,
                                     logger: application.logger, on: application.db)
    }
}

extension Application {
    private struct JobRegistryKey: StorageKey { typealias Value = JobRegistry }

    /// Set up in `configure` (`app.jobs.register…`), before serving.
    var jobs: Jobs {
        if let registry = storage[JobRegistryKey.self] { return Jobs(application: self, registry: registry) }
        let registry = JobRegistry()
        storage[JobRegistryKey.self] = registry
        return Jobs(application: self, registry: registry)
    }
}

/// Runs one claimed job: renews its lease while it runs, then records how it ended.
struct JobRunner: Sendable {
    let application: Application
    let registry: JobRegistry
    let instance: String
    /// The worker's handlers under way, which its shutdown may cancel (nil: `runDue`).
    var running: RunningJobs? = nil

    var db: any Database { application.db }
    var now: Date { application.services.clock.now }

    func run(_ job: JobQueue.Claimed) async {
        var logger = application.logger
        logger[metadataKey: "job"] = .string(job.id.uuidString)
        logger[metadataKey: "job_kind"] = .string(job.kind)
        guard let kind = registry.kind(job.kind) else {
            try? await JobQueue.release(job.id, instance: instance, on: db)
            return
        }
        do {
            if job.max_attempts != kind.maxAttempts { try await JobQueue.setMaxAttempts(job.id, kind.maxAttempts, on: db) }
        } catch {
            logger.error("job: cannot record max attempts: \(String(reflecting: error))")
        }
        logger.info("job started", metadata: ["attempt": .stringConvertible(job.attempts)])
        let started = Date()
        let context = JobContext(id: job.id, kind: job.kind, attempt: job.attempts, payload: job.payload,
                                 application: application, logger: logger)
        let renewal = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(JobQueue.renewEvery * 1_000_000_000))
                guard !Task.isCancelled else { return }
                if (try? await JobQueue.renew(job.id, instance: instance, now: now, on: db)) == false {
                    logger.warning("job lease lost")
                    return
                }
            }
        }
        // The handler runs in a task of its own, so that shutdown can cancel it alone: the
        // outcome below is then still written from this task, which is not cancelled (a
        // database call from a cancelled task may never get its connection back).
        let handler = Task { try await kind.handler(context) }
        running?.add(job.id, handler)
        let outcome = await handler.result
        running?.remove(job.id)
        renewal.cancel()
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        do {
            switch outcome {
            case .success(let result):
                try await JobQueue.complete(job.id, instance: instance, result: result, now: now, on: db)
                logger.info("job done", metadata: ["ms": .stringConvertible(ms)])
            case .failure(let error) where error is CancellationError || handler.isCancelled:
                // Shutdown: give the job back for another instance, the attempt not counted.
                try await JobQueue.release(job.id, instance: instance, on: db)
                logger.notice("job interrupted by shutdown: released")
            case .failure(JobError.permanent(let reason)):
                try await JobQueue.fail(job.id, instance: instance, error: Self.trim(reason), now: now, on: db)
                logger.error("job failed for good", metadata: ["error": .string(reason)])
            case .failure(let error):
                var after: TimeInterval?
                var reason = Self.describe(error)
                if case JobError.retry(let a, let r) = error { (after, reason) = (a, r) }
                if job.attempts >= kind.maxAttempts {
                    try await JobQueue.fail(job.id, instance: instance, error: Self.trim(reason), now: now, on: db)
                    logger.error("job failed, attempts exhausted", metadata: ["error": .string(reason)])
                } else {
                    let delay = after ?? JobQueue.backoff(afterAttempt: job.attempts)
                    try await JobQueue.retry(job.id, instance: instance, at: now.addingTimeInterval(delay),
                                             error: Self.trim(reason), on: db)
                    logger.warning("job failed, retry in \(Int(delay)) s", metadata: ["error": .string(reason)])
                }
            }
        } catch {
            // The lease expires and the job is claimed again.
            logger.error("job: cannot record the outcome: \(String(reflecting: error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let abort = error as? any AbortError { return abort.reason }
        return String(describing: error)
    }

    static func trim(_ s: String) -> String { s.count > 2000 ? String(s.prefix(2000)) + "…" : s }
}

/// Handlers under way in a worker, by job: its shutdown cancels those that outlast the drain.
final class RunningJobs: Sendable {
    private let tasks = NIOLockedValueBox<[UUID: Task<String?, any Error>]>([:])

    func add(_ id: UUID, _ task: Task<String?, any Error>) { tasks.withLockedValue { $0[id] = task } }
    func remove(_ id: UUID) { tasks.withLockedValue { _ = $0.removeValue(forKey: id) } }
    var count: Int { tasks.withLockedValue { $0.count } }

    func cancelAll() {
        for task in tasks.withLockedValue({ Array($0.values) }) { task.cancel() }
    }
}
