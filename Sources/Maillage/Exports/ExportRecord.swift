import Fluent
import Foundation

/// What a prepared export is about: the register (the directory's filters) or a campaign's answers.
enum ExportSubject: String, Codable, Sendable {
    case register, answers

    /// The job kind that prepares it (`ExportJobs`).
    var kind: String { "export." + rawValue }
}

/// An export's job payload: everything the job needs, fixed when the person asked (their
/// scope, the file's name), so that the file is the one the direct export would have given.
struct ExportPayload: Codable, Sendable {
    var subject: ExportSubject
    var format: String
    /// The name the file is downloaded under, the direct export's.
    var fileName: String
    /// « Fichier des adhérents (XLSX) », shown on the pages.
    var title: String
    var requestedBy: UUID
    var scope: ExportScope
    /// The register: the directory's query string (filters and sort).
    var query: [String: String]? = nil
    /// The answers: the campaign's year.
    var year: Int? = nil

    var listFormat: ListFormat { format == "csv" ? .csv : .xlsx }
    var contentType: String { listFormat == .csv ? Download.csvType : Download.xlsxType }
}

/// An export as the queue keeps it: a row of `jobs` of an `export.*` kind.
struct ExportRecord: Sendable {
    let id: UUID
    let status: String
    let payload: ExportPayload
    let requestedBy: UUID?
    let progressDone: Int
    let progressTotal: Int
    let result: String?
    let lastError: String?
    let createdAt: Date
    let finishedAt: Date?

    /// A prepared file is kept this long after it is ready (`exports.cleanup` deletes it then).
    static let lifetime: TimeInterval = 7 * 24 * 3600

    var expiresAt: Date? { finishedAt.map { $0.addingTimeInterval(Self.lifetime) } }

    func isExpired(now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }
}

/// Reads of the export jobs (`JobRecord`, the queue's rows of an `export.*` kind).
enum ExportQuery {
    static let kinds = [ExportSubject.register.kind, ExportSubject.answers.kind]

    private static func record(_ j: JobRecord) -> ExportRecord? {
        guard let id = j.id, let payload = try? JSONDecoder().decode(ExportPayload.self, from: Data(j.payload.utf8)) else { return nil }
        return ExportRecord(id: id, status: j.status, payload: payload, requestedBy: j.requestedBy,
                            progressDone: j.progressDone, progressTotal: j.progressTotal, result: j.result,
                            lastError: j.lastError, createdAt: j.createdAt, finishedAt: j.finishedAt)
    }

    /// The export `id` when `user` asked for it; nil for anyone else (they are told it does not exist).
    static func find(_ id: UUID, requestedBy user: UUID, on db: any Database) async throws -> ExportRecord? {
        try await JobRecord.query(on: db).filter(\.$id == id).filter(\.$kind ~~ kinds).filter(\.$requestedBy == user)
            .first().flatMap(record)
    }

    /// The person's exports, most recent first.
    static func recent(requestedBy user: UUID, limit: Int = 50, on db: any Database) async throws -> [ExportRecord] {
        try await JobRecord.query(on: db).filter(\.$kind ~~ kinds).filter(\.$requestedBy == user)
            .sort(\.$createdAt, .descending).limit(limit).all().compactMap(record)
    }

    /// Finished exports whose file is past its lifetime and still kept (`exports.cleanup`).
    static func expired(before cutoff: Date, on db: any Database) async throws -> [(id: UUID, key: String)] {
        try await JobRecord.query(on: db).filter(\.$kind ~~ kinds).filter(\.$status == JobStatus.done.rawValue)
            .filter(\.$result != nil).filter(\.$finishedAt < cutoff).all()
            .compactMap { j in j.id.flatMap { id in j.result.map { (id, $0) } } }
    }

    /// Forgets the file of an export once deleted: its page then says it expired.
    static func forgetFile(_ id: UUID, on db: any Database) async throws {
        try await JobRecord.query(on: db).filter(\.$id == id).set(\.$result, to: nil).update()
    }
}
