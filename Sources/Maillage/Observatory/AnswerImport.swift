import Fluent
import Foundation
import MaillageCore

/// Bulk answers (SPEC §8 answers file): a preview listing every bad line, then an
/// all-or-nothing application. Answers are matched on (campaign, SIRET, type): importing the
/// same file twice updates, never duplicates; an empty cell leaves a known value as it is.
enum AnswerImport {
    struct LineError: Sendable { let line: Int?; let messages: [String] }

    struct Report: Sendable {
        var lines = 0, created = 0, updated = 0, unchanged = 0, warnings = 0
        var errors: [LineError] = []
        var hasErrors: Bool { !errors.isEmpty }
    }

    enum Failure: Error { case invalid(Report) }

    struct Planned: Sendable {
        let row: AnswerRow
        let structure: Structure
        let existing: SurveyAnswer?
        let merged: [String: Exact]
    }

    static func parse(_ data: Data, filename: String, campaign: Campaign) -> AnswerFileParse {
        filename.lowercased().hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04])
            ? AnswerFile.parse(xlsx: data, expectedCampaign: campaign.year)
            : AnswerFile.parse(csv: data, expectedCampaign: campaign.year)
    }

    /// Checks every line against the register and the answer checks; writes nothing.
    static func plan(_ parsed: AnswerFileParse, campaign: Campaign, validate: Bool, on db: any Database) async throws -> (Report, [Planned]) {
        var report = Report()
        report.lines = parsed.rows.count + Set(parsed.errors.compactMap(\.line)).subtracting(parsed.rows.map(\.line)).count
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
        var planned: [Planned] = []
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
            if checks.contains(where: { $0.severity == .warning }) { report.warnings += 1 }
            planned.append(Planned(row: row, structure: s, existing: old, merged: merged))
            let target = validate ? AnswerStatus.validated : (old?.answerStatus == .validated ? .validated : .submitted)
            if old == nil { report.created += 1 }
            else if old!.values == merged && old!.answerStatus == target { report.unchanged += 1 }
            else { report.updated += 1 }
        }
        report.errors = byLine.map { LineError(line: $0.key, messages: $0.value) }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        return (report, planned)
    }

    /// Applies the file in one transaction, or nothing at all when any line is wrong.
    @discardableResult
    static func apply(_ parsed: AnswerFileParse, campaign: Campaign, validate: Bool, actor: CurrentUser?, on db: any Database) async throws -> Report {
        let (report, planned) = try await plan(parsed, campaign: campaign, validate: validate, on: db)
        guard !report.hasErrors else { throw Failure.invalid(report) }
        let now = Date()
        try await db.transaction { tx in
            for p in planned {
                let answer = try p.existing ?? SurveyAnswer(campaignID: try campaign.requireID(), structureID: try p.structure.requireID(),
                                                        type: p.row.type, departmentCode: p.structure.departmentCode)
                let status: AnswerStatus = validate ? .validated : (p.existing?.answerStatus == .validated ? .validated : .submitted)
                if let old = p.existing, old.values == p.merged, old.answerStatus == status { continue }
                let before = p.existing?.auditSnapshot
                answer.values = p.merged
                answer.warningsConfirmed = true
                answer.returnComment = nil
                if answer.answerStatus != status {
                    answer.status = status.rawValue
                    answer.submittedAt = answer.submittedAt ?? now
                    if status == .validated { answer.validatedAt = now; answer.validatedBy = actor?.id }
                }
                try await answer.save(on: tx)
                try await Audit.record(before == nil ? .create : .update, answer,
                                       summary: "Import de la réponse de \(p.structure.name) (\(p.row.type), \(campaign.year))",
                                       before: before, actor: actor, on: tx)
            }
            try await ObservatoryData.bumpAnswers(campaign, on: tx)
        }
        return report
    }
}

/// An uploaded answers file kept between its preview and its application (as CSV text).
final class AnswerImportBatch: Model, @unchecked Sendable {
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
