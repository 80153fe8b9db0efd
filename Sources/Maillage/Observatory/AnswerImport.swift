import Fluent
import Foundation
import MaillageCore

/// Bulk answers (SPEC §8 answers file) through the import flow (`Importer`): a preview listing
/// every bad line and every value each line changes (an answer already transmitted or
/// validated overwritten is to confirm), then an all-or-nothing application. Answers are matched on (campaign,
/// SIRET, type): importing the same file twice updates, never duplicates; an empty cell
/// leaves a known value as it is. Each line's new status is the step `AnswerWorkflow` gives
/// an import.
struct AnswerImporter: BatchImporter {
    let campaign: Campaign
    /// "Import as validated": the delegation checked the answers off line.
    let validate: Bool
    let actor: CurrentUser?

    struct Line: Sendable {
        let row: AnswerRow
        let structure: Structure
        let existing: SurveyAnswer?
        let merged: [String: Exact]
        let step: Transition<AnswerStatus, AnswerAction>

        var serviceLine: AnswerService.ImportLine {
            AnswerService.ImportLine(structure: structure, type: row.type, values: merged, existing: existing)
        }
    }

    func parse(_ data: Data, filename: String) -> AnswerFileParse {
        filename.lowercased().hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04])
            ? AnswerFile.parse(xlsx: data, expectedCampaign: campaign.year)
            : AnswerFile.parse(csv: data, expectedCampaign: campaign.year)
    }

    /// Checks every line against the register and the answer checks; writes nothing.
    func plan(_ parsed: AnswerFileParse, on db: any Database) async throws -> ImportPreview<Line> {
        var preview = ImportPreview<Line>()
        preview.lines = parsed.rows.count + Set(parsed.errors.compactMap(\.line)).subtracting(parsed.rows.map(\.line)).count
        var byLine: [Int?: [String]] = [:]
        for e in parsed.errors { byLine[e.line, default: []].append((e.column.map { "[\($0)] " } ?? "") + e.message) }
        let sirets = Array(Set(parsed.rows.map(\.siret)))
        var structures: [String: Structure] = [:]
        for chunk in stride(from: 0, to: sirets.count, by: 500) {
            for s in try await Structure.query(on: db).filter(\.$siret ~~ Array(sirets[chunk..<min(chunk + 500, sirets.count)])).all() {
                structures[s.siret] = s
            }
        }
        let existing = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID()).all()
        let known = Dictionary(existing.map { ("\($0.$structure.id)|\($0.type)", $0) }, uniquingKeysWith: { a, _ in a })
        for row in parsed.rows {
            guard let s = structures[row.siret] else {
                byLine[row.line, default: []].append("SIRET \(row.siret) inconnu du registre des adhérents."); continue
            }
            guard CampaignDefaults.answeringTypes(s.types).contains(row.type) else {
                byLine[row.line, default: []].append("« \(s.name) » ne porte pas le type \(row.type) dans le registre."); continue
            }
            let old = known["\(s.id!)|\(row.type)"]
            var merged = old?.values ?? [:]
            for (k, v) in row.values { merged[k] = v }
            let checks = AnswerChecks.run(merged, divisor: campaign.divisor(for: row.type))
            let errors = checks.filter { $0.severity == .error }
            if !errors.isEmpty { byLine[row.line, default: []] += errors.map(\.message); continue }
            let state = old?.answerStatus ?? .draft
            guard let step = try? AnswerWorkflow.table.check(AnswerWorkflow.importAction(from: old?.answerStatus, validate: validate),
                                                             from: state, by: [.system]) else {
                byLine[row.line, default: []].append("Cette réponse ne peut pas être importée dans son état actuel."); continue
            }
            let change = Line(row: row, structure: s, existing: old, merged: merged, step: step)
            let effect: PlannedLine<Line>.Effect = switch AnswerService.importOutcome(change.serviceLine, validate: validate) {
            case .created: .create
            case .updated: .update
            case .unchanged: .unchanged
            }
            preview.planned.append(PlannedLine(line: row.line, effect: effect, change: change,
                                               warnings: checks.filter { $0.severity == .warning }.map(\.message),
                                               fields: effect == .update ? Self.changes(old, merged, to: step.to) : []))
        }
        preview.fileErrors = byLine[nil] ?? []
        preview.lineErrors = byLine.compactMap { key, messages in key.map { LineError(line: $0, messages: messages) } }.sorted { $0.line < $1.line }
        return preview
    }

    /// Through the answer service's import step (party `.system`, no version bump per line).
    func write(_ line: PlannedLine<Line>, on tx: any Database) async throws {
        let p = line.change
        _ = try await AnswerService.importAnswer(p.serviceLine, into: campaign, validate: validate, by: .system(actor), at: Date(), on: tx)
    }

    /// Cached figures key on the campaign's answers version.
    func finish(_ preview: ImportPreview<Line>, on tx: any Database) async throws {
        try await ObservatoryData.bumpAnswers(campaign, on: tx)
    }
}

/// The answers import for callers that hold the file: the command line and tests.
enum AnswerImport {
    static func parse(_ data: Data, filename: String, campaign: Campaign) -> AnswerFileParse {
        AnswerImporter(campaign: campaign, validate: false, actor: nil).parse(data, filename: filename)
    }

    /// Applies the file in one transaction, or nothing at all when any line is wrong
    /// (`ImportRefused`).
    @discardableResult
    static func apply(_ parsed: AnswerFileParse, campaign: Campaign, validate: Bool, actor: CurrentUser?,
                      on db: any Database) async throws -> ImportPreview<AnswerImporter.Line> {
        try await AnswerImporter(campaign: campaign, validate: validate, actor: actor).apply(parsed, on: db)
    }
}

/// An uploaded answers file kept between its preview and its application (base64 of the bytes).
final class AnswerImportBatch: ImportBatchRecord, @unchecked Sendable {
    static let schema = "answer_import_batches"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "user_id") var userID: UUID?
    @Parent(key: "campaign_id") var campaign: Campaign
    @Field(key: "filename") var filename: String
    @Field(key: "content") var content: String
    @OptionalField(key: "applied_at") var appliedAt: Date?

    init() {}
}
