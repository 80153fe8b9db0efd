import Fluent
import Foundation
import MaillageCore

/// Every step of an answer's life, each in one transaction: the campaign open where the step
/// needs it, the step allowed by `AnswerWorkflow.table` for this person from the answer's
/// state, the answer written, the campaign's answers version bumped (cached figures key on
/// it), the audit entry, the e-mail queued. The pages, the answers import and the commands
/// all come here; none of them changes an answer's status itself.
enum AnswerService {
    /// Why a step was refused; each caller says it in French (`AnswerController.refusal`).
    enum Refusal: Error, Equatable {
        /// The step changes an answer and the campaign is closed.
        case campaignClosed
        /// The answer is not in a state the step starts from (a stale page, a double click).
        case wrongState(AnswerStatus)
        /// This person may not take this step on this structure's answer.
        case notPermitted
    }

    /// The answer a step is about: one structure's answer for one type, in one campaign.
    struct Subject: Sendable {
        let campaign: Campaign
        let structure: Structure
        let type: String

        var typeLabel: String { StructureType(rawValue: type)?.shortLabel ?? type }
        /// "Relais Emploi Nantes (AI, 2024)", as audit entries and e-mails name the answer.
        var label: String { "\(structure.name) (\(typeLabel), \(campaign.year))" }
    }

    /// Who takes a step: what they are to the structure, and who signs the audit entry
    /// (nil: the application itself, from a command).
    struct Actor: Sendable {
        let parties: Set<Party>
        let user: CurrentUser?

        /// An import or a command: the application acts, for `user` when someone started it.
        static func system(_ user: CurrentUser?) -> Actor { Actor(parties: [.system], user: user) }
    }

    /// The step `action` from `state`, or why not: the one place that refuses a change of a
    /// closed campaign's answers, an answer in the wrong state, or the wrong person.
    static func check(_ action: AnswerAction, from state: AnswerStatus, in campaign: Campaign,
                      by parties: Set<Party>) throws(Refusal) -> Transition<AnswerStatus, AnswerAction> {
        if action.needsOpenCampaign && !campaign.isOpen { throw .campaignClosed }
        do throws(WorkflowRefusal<AnswerStatus>) {
            return try AnswerWorkflow.table.check(action, from: state, by: parties)
        } catch {
            switch error {
            case .wrongState(let s): throw .wrongState(s)
            case .notPermitted: throw .notPermitted
            }
        }
    }

    /// The steps `parties` may take on an answer in `state`: the buttons its page shows.
    static func actions(from state: AnswerStatus, in campaign: Campaign, by parties: Set<Party>) -> [AnswerAction] {
        AnswerWorkflow.table.actions(from: state, by: parties).filter { campaign.isOpen || !$0.needsOpenCampaign }
    }

    /// What stops a transmission, each next to its field: the checks' errors, warnings not
    /// confirmed, an empty answer. A draft is saved with them.
    static func submissionProblems(_ values: [String: Exact], checks: [AnswerCheck], warningsConfirmed: Bool) -> FieldErrors {
        var problems = FieldErrors()
        for c in checks where c.severity == .error { for f in c.fields { problems.add(f, c.message) } }
        if checks.contains(where: { $0.severity == .warning }) && !warningsConfirmed {
            problems.add("confirm_warnings", "Vérifiez les avertissements, ou cochez la case pour confirmer que les valeurs sont exactes.")
        }
        if values.isEmpty { problems.add("answer", "La réponse est vide : renseignez au moins une question avant de la transmettre.") }
        return problems
    }

    /// Saves the values as a draft (a returned answer stays returned), or transmits them
    /// (`submit`, after `submissionProblems`): the regional delegates hear of it by e-mail.
    @discardableResult
    static func save(_ values: [String: Exact], warningsConfirmed: Bool, submit: Bool, _ subject: Subject, by actor: Actor,
                     baseURL: String, on db: any Database) async throws -> SurveyAnswer {
        let now = Date()
        return try await step(subject, by: actor, on: db, { submit ? .submit : AnswerWorkflow.saveAction(from: $0) }) { answer in
            answer.values = values
            answer.warningsConfirmed = warningsConfirmed
            answer.departmentCode = subject.structure.departmentCode
            if submit { answer.submittedAt = now }
        } notify: { answer, tx in
            guard submit else { return }
            try await AnswerMail.send(to: try await AnswerMail.delegates(of: subject.structure, on: tx),
                subject: "Observatoire \(subject.campaign.year) : réponse à valider",
                body: "La réponse de \(subject.label) a été transmise.\nÀ valider : \(baseURL)\(link(subject))",
                on: tx)
        }
    }

    static func validate(_ subject: Subject, by actor: Actor, on db: any Database) async throws {
        let now = Date()
        try await step(subject, by: actor, on: db, { _ in .validate }) { answer in
            answer.validatedAt = now
            answer.validatedBy = actor.user?.id
            answer.returnComment = nil
        }
    }

    /// Returns a transmitted answer with the delegate's comment (checked by the form), which
    /// its managers receive by e-mail.
    static func sendBack(_ subject: Subject, comment: String, by actor: Actor, baseURL: String, on db: any Database) async throws {
        try await step(subject, by: actor, on: db, { _ in .sendBack }) { answer in
            answer.returnComment = comment
        } notify: { _, tx in
            try await AnswerMail.send(to: try await AnswerMail.managers(of: subject.structure, on: tx),
                subject: "Observatoire \(subject.campaign.year) : réponse à corriger",
                body: "Votre délégation vous renvoie la réponse de \(subject.structure.name) (\(subject.typeLabel)) :\n\n\(comment)\n\n\(baseURL)\(link(subject))",
                on: tx)
        }
    }

    static func reopen(_ subject: Subject, by actor: Actor, on db: any Database) async throws {
        try await step(subject, by: actor, on: db, { _ in .reopen }) { answer in
            answer.validatedAt = nil
            answer.validatedBy = nil
        }
    }

    /// One step in one transaction. The answer is read again inside it, so that a step taken
    /// from a stale page is checked against the answer as it is.
    @discardableResult
    private static func step(_ subject: Subject, by actor: Actor, on db: any Database,
                             _ action: @escaping @Sendable (AnswerStatus) -> AnswerAction,
                             change: @escaping @Sendable (SurveyAnswer) -> Void,
                             notify: @escaping @Sendable (SurveyAnswer, any Database) async throws -> Void = { _, _ in }) async throws -> SurveyAnswer {
        try await db.transaction { tx in
            let existing = try await SurveyAnswer.find(campaign: subject.campaign, structure: subject.structure, type: subject.type, on: tx)
            let state = existing?.answerStatus ?? .draft
            let step = try check(action(state), from: state, in: subject.campaign, by: actor.parties)
            let answer = try existing ?? SurveyAnswer(campaignID: subject.campaign.requireID(), structureID: subject.structure.requireID(),
                                                      type: subject.type, departmentCode: subject.structure.departmentCode)
            let before = existing?.auditSnapshot
            answer.status = step.to.rawValue
            change(answer)
            try await answer.save(on: tx)
            try await ObservatoryData.bumpAnswers(subject.campaign, on: tx)
            try await Audit.record(existing == nil ? .create : .update, answer,
                                   summary: "\(step.records) de la réponse de \(subject.label)", before: before, actor: actor.user, on: tx)
            try await notify(answer, tx)
            return answer
        }
    }

    private static func link(_ subject: Subject) -> String {
        SiteURL.answer(subject.campaign.year, subject.structure.id!, subject.type).path
    }
}
