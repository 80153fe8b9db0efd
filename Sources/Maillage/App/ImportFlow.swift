import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

// One import flow for every file the federation sends in (members, Observatory answers, and
// dues statements or training registrations next): the file is read into lines, each bad
// line with its problems in French; every good line is planned against the database (the
// preview); the stored batch is applied all or nothing, in one transaction, and only once.
// An importer is one type conforming to `Importer` (and `BatchImporter` for the web's
// upload → preview → apply pages) plus its template.

/// One line of a file as the preview shows it: what applying it would do.
struct PlannedLine<Change: Sendable>: Sendable {
    enum Effect: Sendable, Equatable { case create, update, unchanged }

    /// Physical line of the file (the header is line 1).
    let line: Int
    let effect: Effect
    /// What the importer needs to write the line.
    let change: Change
    /// Problems that do not stop the import, in French: shown and counted, imported as they are.
    var warnings: [String] = []
    /// The line's changes field by field, for a preview that shows old and new values (and
    /// asks to confirm the sensitive ones); empty while no importer fills it.
    var fields: [FieldChange] = []
}

/// One field a line changes: its value in the database and in the file.
struct FieldChange: Sendable, Equatable {
    let field: String
    let old: String?
    let new: String?
}

/// What applying a file would do, or why it cannot be applied: every problem of every line at once.
struct ImportPreview<Change: Sendable>: Sendable {
    /// Lines read, header excluded, bad ones included.
    var lines = 0
    /// Problems of the file as a whole (empty, a required column missing, a cell not bound to a line).
    var fileErrors: [String] = []
    /// Problems of single lines, in line order.
    var lineErrors: [LineError] = []
    /// The good lines, in the order they are written.
    var planned: [PlannedLine<Change>] = []

    var hasErrors: Bool { !fileErrors.isEmpty || !lineErrors.isEmpty }
    var created: Int { planned.count(where: { $0.effect == .create }) }
    var updated: Int { planned.count(where: { $0.effect == .update }) }
    var unchanged: Int { planned.count(where: { $0.effect == .unchanged }) }
    /// Lines with at least one warning.
    var warnings: Int { planned.count(where: { !$0.warnings.isEmpty }) }

    /// Records `messages` against `line` (nil: the file), merged with what the line already has.
    mutating func report(_ messages: [String], line: Int?) {
        guard !messages.isEmpty else { return }
        guard let line else { fileErrors += messages; return }
        if let i = lineErrors.firstIndex(where: { $0.line == line }) {
            lineErrors[i] = LineError(line: line, messages: lineErrors[i].messages + messages)
        } else {
            lineErrors.append(LineError(line: line, messages: messages))
            lineErrors.sort { $0.line < $1.line }
        }
    }
}

/// The file had errors, or the database refused a line while it was written: nothing was written.
struct ImportRefused<Change: Sendable>: Error {
    let preview: ImportPreview<Change>
}

/// A line the database refuses while it is written (a rule the plan could not see): the
/// whole import is rolled back and the line reported with these messages.
struct ImportLineRefusal: Error {
    let messages: [String]
}

/// A stored batch applied a second time (a double click, a reloaded page): nothing is written again.
struct ImportAlreadyApplied: Error {
    static let message = "Cet import a déjà été appliqué."
}

/// What an importer writes: it plans every line against the database, then writes the planned
/// lines; the flow holds the transaction, the all-or-nothing rule and the preview's counts.
protocol Importer: Sendable {
    /// The file read into lines, each bad line with its problems.
    associatedtype Parsed: Sendable
    /// What one good line would change.
    associatedtype Change: Sendable

    /// Checks every line against the database, writes nothing. Lines are planned in the
    /// order they must be written (a GES before its entities).
    func plan(_ file: Parsed, on db: any Database) async throws -> ImportPreview<Change>

    /// Writes one created or updated line, with its audit entries, through the capability's
    /// service. Throws `ImportLineRefusal` when the service refuses the line.
    func write(_ line: PlannedLine<Change>, on tx: any Database) async throws

    /// Called once after the last line, in the same transaction (e.g. bump a cache version).
    func finish(_ preview: ImportPreview<Change>, on tx: any Database) async throws
}

extension Importer {
    func finish(_ preview: ImportPreview<Change>, on tx: any Database) async throws {}

    /// What applying the file would do.
    func preview(_ file: Parsed, on db: any Database) async throws -> ImportPreview<Change> {
        try await plan(file, on: db)
    }

    /// Applies the file all or nothing, in one transaction: planned again inside it (the
    /// database may have changed since the preview), then written line by line. Throws
    /// `ImportRefused` — nothing written — when any line is wrong; `claim` runs first in the
    /// transaction (see `BatchImporter`).
    @discardableResult
    func apply(_ file: Parsed, on db: any Database,
               claim: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> ImportPreview<Change> {
        try await db.transaction { tx in
            try await claim(tx)
            var preview = try await plan(file, on: tx)
            guard !preview.hasErrors else { throw ImportRefused(preview: preview) }
            for line in preview.planned where line.effect != .unchanged {
                do {
                    try await write(line, on: tx)
                } catch let refusal as ImportLineRefusal {
                    preview.report(refusal.messages, line: line.line)
                    throw ImportRefused(preview: preview)
                }
            }
            try await finish(preview, on: tx)
            return preview
        }
    }
}

// MARK: batches

/// An uploaded file kept between its preview and its application; each importer has its table.
protocol ImportBatchRecord: Model where IDValue == UUID {
    var filename: String { get }
    /// Set, in the transaction that applies the batch, when it was applied.
    var appliedAt: Date? { get set }
}

extension ImportBatchRecord {
    /// Marks the batch applied, or throws `ImportAlreadyApplied` if it already was. Run first
    /// in the applying transaction: a concurrent second apply waits for it, then finds the
    /// batch applied; a refused apply rolls the mark back with everything else.
    static func claim(_ id: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else {
            guard let batch = try await find(id, on: tx), batch.appliedAt == nil else { throw ImportAlreadyApplied() }
            batch.appliedAt = Date()
            return try await batch.save(on: tx)
        }
        let claimed = try await sql.update(schema)
            .set("applied_at", to: Date())
            .where("id", .equal, id)
            .where("applied_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        guard !claimed.isEmpty else { throw ImportAlreadyApplied() }
    }
}

/// An importer with web pages: upload → preview → apply, the file kept in a batch table.
protocol BatchImporter: Importer {
    associatedtype Batch: ImportBatchRecord

    /// Said next to the file field when none was sent.
    var missingFile: String { get }
    /// Reads an uploaded file.
    func parse(_ data: Data, filename: String) -> Parsed
    /// The batch that keeps an uploaded file until it is applied.
    func batch(_ data: Data, filename: String, by user: CurrentUser) throws -> Batch
    /// Reads a stored batch back; nil when it is not this importer's (another campaign's).
    func parse(_ batch: Batch) -> Parsed?

    /// The upload page, with the problem of the file field or a notice.
    func uploadPage(_ req: Request, error: String?, notice: String?, status: HTTPStatus) async throws -> Response
    /// The preview of a stored batch: counts, bad lines, the apply button when there are none.
    func previewPage(_ req: Request, batch: Batch, _ preview: ImportPreview<Change>, status: HTTPStatus) async throws -> Response
    /// Where the person goes once the batch is applied.
    func appliedPage(_ req: Request, _ preview: ImportPreview<Change>) async throws -> Response
}

/// The upload form of every importer: the file (other fields are the importer's).
struct ImportUpload: Decodable {
    var file: File?
}

extension BatchImporter {
    /// Step 1: the uploaded file is kept as a batch and previewed.
    func upload(_ req: Request) async throws -> Response {
        guard let file = try req.form(ImportUpload.self).file, file.data.readableBytes > 0 else {
            return try await uploadPage(req, error: missingFile, notice: nil, status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let stored = try batch(data, filename: String(file.filename.prefix(200)), by: try req.requireUser())
        try await stored.create(on: req.db)
        let preview = try await plan(parse(data, filename: file.filename), on: req.db)
        return try await previewPage(req, batch: stored, preview, status: preview.hasErrors ? .unprocessableEntity : .ok)
    }

    /// Step 2: the stored batch is applied, all or nothing, once.
    func apply(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("batchID", as: UUID.self), let stored = try await Batch.find(id, on: req.db),
              let file = parse(stored) else { throw Abort(.notFound) }
        do {
            let preview = try await apply(file, on: req.db) { tx in try await Batch.claim(id, on: tx) }
            return try await appliedPage(req, preview)
        } catch let refused as ImportRefused<Change> {
            return try await previewPage(req, batch: stored, refused.preview, status: .unprocessableEntity)
        } catch is ImportAlreadyApplied {
            return try await uploadPage(req, error: nil, notice: ImportAlreadyApplied.message, status: .conflict)
        }
    }
}
