import Fluent
import Foundation
import Vapor

/// Thrown by a handler: try again later (transient) or stop for good (permanent).
/// Any other error counts as `.retry(after: nil, …)`.
enum JobError: Error, Sendable {
    case retry(after: TimeInterval?, reason: String)
    case permanent(reason: String)
}

/// What a handler is given to run one job.
struct JobContext: Sendable {
    let id: UUID
    let kind: String
    /// 1 for the first run, 2 for the first retry…
    let attempt: Int
    /// The JSON given to `JobQueue.enqueue`.
    let payload: String
    let application: Application
    var db: any Database { application.db }
    let logger: Logger

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }

    /// Writes `progress_done` / `progress_total`, for a progress bar.
    func progress(_ done: Int, of total: Int) async throws {
        try await JobQueue.progress(id, done: done, total: total, on: db)
    }
}

/// A handler returns the job's result (stored in `jobs.result`, e.g. a FileStore key) or nil.
typealias JobHandler = @Sendable (JobContext) async throws -> String?

/// A row of `jobs`, for reads (status pages, tests). Claims and state changes go through
/// `JobQueue`, in SQL, so that two instances never take the same job.
final class JobRecord: Model, @unchecked Sendable {
    static let schema = "jobs"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "kind") var kind: String
    @Field(key: "payload") var payload: String
    @Field(key: "status") var status: String
    /// Not before; nil: as soon as possible.
    @OptionalField(key: "run_at") var runAt: Date?
    /// Runs started.
    @Field(key: "attempts") var attempts: Int
    @Field(key: "max_attempts") var maxAttempts: Int
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "leased_by") var leasedBy: String?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "unique_key") var uniqueKey: String?
    @OptionalField(key: "requested_by") var requestedBy: UUID?
    @Field(key: "progress_done") var progressDone: Int
    @Field(key: "progress_total") var progressTotal: Int
    @OptionalField(key: "result") var result: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    var jobStatus: JobStatus? { JobStatus(rawValue: status) }
}

enum JobStatus: String, Codable, Sendable, CaseIterable {
    case pending, running, done, failed
}
