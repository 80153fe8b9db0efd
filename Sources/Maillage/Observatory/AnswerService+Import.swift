import Fluent
import Foundation
import MaillageCore

/// The answers import's steps (SPEC §8 answers file), taken by the application (`Party.system`)
/// for the administrator who started it, or for nobody from a command.
extension AnswerService {
    /// One line of an import: a structure's answer for one type, with its values after the
    /// line (known values the line leaves empty kept), and the stored answer it changes, as
    /// the import's preview read it.
    struct ImportLine: Sendable {
        let structure: Structure
        let type: String
        let values: [String: Exact]
        let existing: SurveyAnswer?
    }

    enum ImportOutcome: Sendable, Equatable { case created, updated, unchanged }

    /// What the line does, for the preview: an import never takes a validation back, and a
    /// line that changes neither the values nor the status is left alone.
    static func importOutcome(_ line: ImportLine, validate: Bool) -> ImportOutcome {
        guard let old = line.existing else { return .created }
        let to = AnswerWorkflow.table.transition(AnswerWorkflow.importAction(from: old.answerStatus, validate: validate)).to
        return old.values == line.values && old.answerStatus == to ? .unchanged : .updated
    }

    /// Writes every line in one transaction (the caller's, if it passes one) with one bump of
    /// the campaign's answers version; any refusal leaves nothing written. Returns each
    /// line's outcome, in order. A closed campaign refuses the whole file, even one whose
    /// lines change nothing (`Refusal.campaignClosed`).
    @discardableResult
    static func importAnswers(_ lines: [ImportLine], into campaign: Campaign, validate: Bool, by user: CurrentUser?,
                              on db: any Database) async throws -> [ImportOutcome] {
        guard campaign.acceptsAnswers else { throw Refusal.campaignClosed }
        let now = Date()
        return try await db.transaction { tx in
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(lines.count)
            for line in lines {
                outcomes.append(try await importAnswer(line, into: campaign, validate: validate, by: .system(user), at: now, on: tx))
            }
            try await ObservatoryData.bumpAnswers(campaign, on: tx)
            return outcomes
        }
    }

    /// One line, inside the import's transaction (`importAnswers` bumps the version once for
    /// all of them). The answer is transmitted, or validated; the member's confirmation of
    /// the warnings is taken as given (the file is the federation's), a return comment dropped.
    /// Throws `Refusal.campaignClosed` on a closed campaign (the import's apply rolls back).
    static func importAnswer(_ line: ImportLine, into campaign: Campaign, validate: Bool, by actor: Actor, at now: Date,
                             on tx: any Database) async throws -> ImportOutcome {
        let state = line.existing?.answerStatus
        let step = try check(AnswerWorkflow.importAction(from: state, validate: validate), from: state ?? .draft,
                             in: campaign, by: actor.parties)
        let outcome = importOutcome(line, validate: validate)
        guard outcome != .unchanged else { return .unchanged }
        let answer = try line.existing ?? SurveyAnswer(campaignID: try campaign.requireID(), structureID: try line.structure.requireID(),
                                                       type: line.type, departmentCode: line.structure.departmentCode)
        let before = line.existing?.auditSnapshot
        answer.values = line.values
        answer.warningsConfirmed = true
        answer.returnComment = nil
        if answer.answerStatus != step.to {
            answer.status = step.to.rawValue
            answer.submittedAt = answer.submittedAt ?? now
            if step.to == .validated { answer.validatedAt = now; answer.validatedBy = actor.user?.id }
        }
        try await answer.save(on: tx)
        // The file's type code, as the import has always named it.
        try await Audit.record(before == nil ? .create : .update, answer,
                               summary: "\(step.records) de la réponse de \(line.structure.name) (\(line.type), \(campaign.year))",
                               before: before, actor: actor.user, on: tx)
        return outcome
    }
}
