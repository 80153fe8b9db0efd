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
//
// What will change is shown before it changes (issue #9): the importer fills each updated
// line's `fields` with every field it changes, old and new value in French, and marks the
// `sensitive` ones (a member renamed or retyped, an answer already transmitted overwritten).
// The person then chooses what to apply (`ImportSelection`, read from the apply form by the
// flow itself, so every importer gets it): creations always, updates unless « Créations
// seulement » (`mode=creations`), and a line with a sensitive change only when its box is
// ticked (`confirm` = its line number; the command line says `--confirm-sensitive`). The
// lines left out come back in `ImportPreview.skipped` for the flash; what is applied is
// still all or nothing. `ImportPreviewRow`, `summary` and `appliedMessage` give every
// preview page the same table and the same French sentences.

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
    /// The line's changes field by field (updates only), for a preview that shows old and new
    /// values and asks to confirm the sensitive ones.
    var fields: [FieldChange] = []

    /// An update with at least one sensitive change: applied only when confirmed.
    var needsConfirmation: Bool { effect == .update && fields.contains(where: \.sensitive) }
}

/// One field a line changes: its value in the database and in the file, both as a French
/// reader expects them (names, dates dd/MM/yyyy, numbers with a decimal comma).
struct FieldChange: Sendable, Equatable {
    /// Stable key ("name", "types", an indicator code), for tests and the command line.
    let field: String
    /// What the preview calls it: « Nom », « Types ».
    let label: String
    /// Nil: no value.
    let old: String?
    let new: String?
    /// A change a person must confirm before it is applied (a rename, a new type, another
    /// delegation, an answer already transmitted overwritten).
    var sensitive: Bool = false
}

/// Which of the planned lines an apply writes: every creation; the updates unless
/// `creationsOnly`; of those, a line with a sensitive change only when it is confirmed.
struct ImportSelection: Sendable, Equatable {
    enum Confirmed: Sendable, Equatable {
        /// Every sensitive line (the command line's `--confirm-sensitive`, programmatic callers).
        case all
        /// These line numbers: the boxes ticked in the preview.
        case lines(Set<Int>)
    }

    var creationsOnly = false
    var confirmed: Confirmed = .lines([])

    /// Everything the file changes, sensitive changes included.
    static let everything = ImportSelection(creationsOnly: false, confirmed: .all)

    /// Why `line` is left out, or nil when it is written.
    func skip(_ line: PlannedLine<some Sendable>) -> SkippedLine.Reason? {
        guard line.effect == .update else { return nil }
        if creationsOnly { return .creationsOnly }
        guard line.needsConfirmation else { return nil }
        switch confirmed {
        case .all: return nil
        case .lines(let ticked): return ticked.contains(line.line) ? nil : .unconfirmed
        }
    }
}

/// A planned update an apply left out, and why.
struct SkippedLine: Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// It had a sensitive change whose box was not ticked.
        case unconfirmed
        /// « Créations seulement »: no update is applied.
        case creationsOnly
    }

    let line: Int
    let reason: Reason
}

/// What applying a file would do, or why it cannot be applied: every problem of every line at once.
struct ImportPreview<Change: Sendable>: Sendable {
    /// Lines read, header excluded, bad ones included.
    var lines = 0
    /// Problems of the file as a whole (empty, a required column missing, a cell not bound to a line).
    var fileErrors: [String] = []
    /// Problems of single lines, in line order.
    var lineErrors: [LineError] = []
    /// The good lines, in the order they are written (once applied: the lines written or unchanged).
    var planned: [PlannedLine<Change>] = []
    /// Once applied: the planned updates the selection left out, in line order.
    var skipped: [SkippedLine] = []

    var hasErrors: Bool { !fileErrors.isEmpty || !lineErrors.isEmpty }
    var created: Int { planned.count(where: { $0.effect == .create }) }
    var updated: Int { planned.count(where: { $0.effect == .update }) }
    var unchanged: Int { planned.count(where: { $0.effect == .unchanged }) }
    /// Lines with at least one warning.
    var warnings: Int { planned.count(where: { !$0.warnings.isEmpty }) }
    /// Updates that wait for a confirmation.
    var sensitive: Int { planned.count(where: \.needsConfirmation) }

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
    /// database may have changed since the preview), then the lines `selection` keeps written
    /// one by one. Throws `ImportRefused` — nothing written — when any line is wrong; `claim`
    /// runs first in the transaction (see `BatchImporter`). The result's `planned` holds the
    /// lines written or unchanged, `skipped` the updates left out.
    @discardableResult
    func apply(_ file: Parsed, on db: any Database, selecting selection: ImportSelection = .everything,
               claim: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> ImportPreview<Change> {
        try await db.transaction { tx in
            try await claim(tx)
            var preview = try await plan(file, on: tx)
            guard !preview.hasErrors else { throw ImportRefused(preview: preview) }
            var kept: [PlannedLine<Change>] = []
            for line in preview.planned {
                if let reason = selection.skip(line) {
                    preview.skipped.append(SkippedLine(line: line.line, reason: reason))
                    continue
                }
                kept.append(line)
                guard line.effect != .unchanged else { continue }
                do {
                    try await write(line, on: tx)
                } catch let refusal as ImportLineRefusal {
                    preview.report(refusal.messages, line: line.line)
                    throw ImportRefused(preview: preview)
                }
            }
            preview.planned = kept
            preview.skipped.sort { $0.line < $1.line }
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

/// The apply form of every importer: the sensitive lines ticked (`confirm`, line numbers) and
/// « Créations seulement » (`mode=creations`); other fields are the importer's.
struct ImportChoice: Decodable {
    var confirm: [Int]?
    var mode: String?

    var selection: ImportSelection {
        ImportSelection(creationsOnly: mode == "creations", confirmed: .lines(Set(confirm ?? [])))
    }
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
        let selection = try req.form(ImportChoice.self).selection
        do {
            let preview = try await apply(file, on: req.db, selecting: selection) { tx in try await Batch.claim(id, on: tx) }
            return try await appliedPage(req, preview)
        } catch let refused as ImportRefused<Change> {
            return try await previewPage(req, batch: stored, refused.preview, status: .unprocessableEntity)
        } catch is ImportAlreadyApplied {
            return try await uploadPage(req, error: nil, notice: ImportAlreadyApplied.message, status: .conflict)
        }
    }
}
