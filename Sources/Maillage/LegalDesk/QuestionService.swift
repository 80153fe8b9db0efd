import Fluent
import Foundation
import MaillageCore
import SQLKit

/// Every step of a question's life (`QuestionWorkflow`), for pages, the API and the daily job.
/// One step is one `writeTransaction`: the question re-read, the table checked, the question
/// written with its event, its message and attachments, its audit entry, its e-mails to the other
/// side and its search document. The promised delay (`due_on`) stops while the question waits.
enum QuestionService {
    static let maxSubject = 200
    static let maxText = 10_000

    /// Why a step was refused, in French for the page.
    enum Refusal: Error {
        /// The question is no longer in a status the step starts from (409).
        case wrongState(QuestionStatus)
        /// The page was read before another step (409).
        case stale
        /// Reopening more than `reopen_days` after the answer (409).
        case reopenExpired(days: Int)
        /// The person may not take this step (403; pages never offer it).
        case notPermitted
        /// Bad input, by field (422).
        case invalid(FieldErrors)

        var message: String {
            switch self {
            case .wrongState(let s):
                "Cette question est maintenant « \(s.label) » : cette action n'est plus possible. Rechargez la page."
            case .stale:
                "La question a changé depuis que vous avez ouvert la page (quelqu'un vient d'agir). Rechargez la page et recommencez."
            case .reopenExpired(let days):
                "La réponse date de plus de \(days) jours : la question ne peut plus être rouverte. Posez une nouvelle question."
            case .notPermitted:
                "Vous ne pouvez pas faire cette action sur cette question."
            case .invalid(let errors):
                errors.summary.map(\.message).joined(separator: " ")
            }
        }
    }

    /// Who takes a step: the person (nil for the daily job) and what they are to the question's structure.
    typealias Actor = StepActor
    typealias Context = StepContext

    /// A new question, as read by `QuestionForms.Ask`.
    struct Ask: Sendable {
        var structureID: UUID
        var category: LegalCategory
        var subject: String
        var body: String
        var shared: Bool
    }

    /// The steps after asking, with what they carry.
    enum Step: Sendable {
        case take
        case assign(UUID)
        case requestInfo(String)
        case reply(String)
        case answer(String)
        case close
        case reopen
        case share(Bool)
        case internalNote(String)

        var action: QuestionAction? {
            switch self {
            case .take: .take
            case .assign: .assign
            case .requestInfo: .requestInfo
            case .reply: .reply
            case .answer: .answer
            case .close: .close
            case .reopen: .reopen
            case .share, .internalNote: nil
            }
        }

        /// The audit kind's last word.
        var auditWord: String { action?.rawValue ?? (isShare ? "share" : "internal_note") }
        private var isShare: Bool { if case .share = self { true } else { false } }
    }

    // MARK: asking

    /// Creates the question with its attachments (already stored), its event, audit, e-mails to
    /// the jurists and its search document.
    static func ask(_ ask: Ask, files: [StoredFile], by actor: Actor, context: Context, on db: any Database) async throws -> LegalQuestion {
        try await db.writeTransaction { tx in
            guard let structure = try await Structure.find(ask.structureID, on: tx) else { throw Refusal.notPermitted }
            // `ask` starts from nothing: only its parties are checked.
            guard !QuestionWorkflow.table.transition(.ask).by.isDisjoint(with: actor.parties) else { throw Refusal.notPermitted }
            let settings = try await Self.settings(on: tx)
            let today = context.today
            let q = LegalQuestion()
            q.$structure.id = ask.structureID
            q.departmentCode = structure.departmentCode
            q.askedBy = actor.user?.id
            q.askerName = actor.name
            q.category = ask.category.rawValue
            q.subject = ask.subject
            q.body = ask.body
            q.status = QuestionStatus.new.rawValue
            q.sharedWithDelegation = ask.shared
            q.askedAt = context.now
            q.askedOn = today.iso
            q.promisedDays = settings.promisedDays
            q.dueOn = LegalDelay(asked: today, promised: q.promisedDays, waits: []).due.iso
            q.lastActivityAt = context.now
            try await q.create(on: tx)
            let id = try q.requireID()
            try await event(q, action: .ask, from: nil, to: .new, actor: actor, context: context, on: tx)
            try await attach(files, to: q, message: nil, internal: false, actor: actor, context: context, on: tx)
            try await Audit.record(.create, auditKind("ask"), id: id.uuidString,
                                   summary: "Question posée — \(ask.category.label) (\(structure.name))",
                                   after: snapshot(q), actor: actor.user, on: tx)
            let to = try await jurists(on: tx)
            try await context.outbox.queue(to: to, subject: "Nouvelle question juridique : \(structure.name)",
                                           body: mailBody(intro: "\(structure.name) pose une question (\(ask.category.label)).",
                                                          question: q, context: context), on: tx)
            try await index(q, on: tx)
            return q
        }
    }

    // MARK: the other steps

    /// Takes `step` on the question `id`; `version` (from the page's form) refuses a stale page.
    @discardableResult
    static func perform(_ step: Step, on id: UUID, version: Int?, files: [StoredFile] = [], by actor: Actor,
                        context: Context, on db: any Database) async throws -> LegalQuestion {
        try await db.writeTransaction { tx in
            // PostgreSQL: concurrent steps on one question take turns (SQLite: one writer, `writeTransaction`).
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                _ = try await sql.select().column("id").from(LegalQuestion.schema).where("id", .equal, SQLBind(id)).for(.update).all()
            }
            guard let q = try await LegalQuestion.find(id, on: tx) else { throw Refusal.notPermitted }
            if let version, version != q.version { throw Refusal.stale }
            let from = q.statusValue
            let settings = try await Self.settings(on: tx)
            let today = context.today
            var to = from
            if let action = step.action {
                switch Result(catching: { () throws(WorkflowRefusal<QuestionStatus>) in
                    try QuestionWorkflow.table.check(action, from: from, by: actor.parties)
                }) {
                case .success(let step): to = step.to
                case .failure(.wrongState(let s)): throw Refusal.wrongState(s)
                case .failure(.notPermitted): throw Refusal.notPermitted
                }
            }
            // Business rules of the step, by field.
            var errors = FieldErrors()
            var text: String? = nil
            switch step {
            case .requestInfo(let t), .reply(let t), .answer(let t), .internalNote(let t):
                let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { errors.add("text", "Écrivez votre message.") }
                else if trimmed.count > maxText { errors.add("text", "Le message ne peut dépasser 10 000 caractères (il en compte \(FrenchFormat.integer(trimmed.count))).") }
                text = trimmed
            case .assign(let user):
                if try await !isJurist(user, on: tx) { errors.add("assignee", "Choisissez une ou un juriste dans la liste.") }
            case .reopen:
                let answered = q.answeredAt.map { Day.today(now: $0) } ?? today
                if today - answered > settings.reopenDays { throw Refusal.reopenExpired(days: settings.reopenDays) }
            case .share:
                guard actor.parties.contains(.manager) else { throw Refusal.notPermitted }
            case .internalNote:
                guard actor.parties.contains(.jurist) else { throw Refusal.notPermitted }
            case .take, .close:
                break
            }
            guard errors.isEmpty else { throw Refusal.invalid(errors) }
            // A member's message to a question nobody took yet leaves it new.
            if case .reply = step, from == .new { to = .new }

            let before = snapshot(q)
            // The clock stops while waiting: leaving a wait pushes the due day by its working days.
            if from == .waiting, to != .waiting, let since = q.waitingSince.flatMap(Day.init(iso:)) {
                q.waitedDays += WorkingDays.count(from: since, to: today)
                q.waitingSince = nil
            }
            // Reopened: from the answer to the reopening the ball was in the member's court, a wait
            // like any other, so the jurists get their promised delay minus what was left of it.
            if case .reopen = step, let answered = q.answeredAt.map({ Day.today(now: $0) }) {
                q.waitedDays += WorkingDays.count(from: answered, to: today)
            }
            if to == .waiting, from != .waiting { q.waitingSince = today.iso }
            if let asked = Day(iso: q.askedOn) {
                q.dueOn = WorkingDays.add(q.promisedDays + q.waitedDays, to: asked).iso
            }
            switch step {
            case .take: q.assigneeID = actor.user?.id
            case .assign(let user): q.assigneeID = user
            case .answer:
                q.answeredAt = context.now
                if q.firstAnswerAt == nil { q.firstAnswerAt = context.now; q.firstAnswerOn = today.iso }
                q.closedAt = nil
            case .close: q.closedAt = context.now
            case .reopen: q.closedAt = nil
            case .share(let on): q.sharedWithDelegation = on
            default: break
            }
            q.status = to.rawValue
            q.version += 1
            q.lastActivityAt = context.now
            try await q.save(on: tx)

            if let action = step.action {
                try await event(q, action: action, from: from, to: to, actor: actor, context: context, on: tx)
            }
            if let text {
                let kind: MessageKind = switch step {
                case .requestInfo: .request
                case .answer: .answer
                case .internalNote: .internal
                default: .message
                }
                let m = LegalMessage()
                m.$question.id = id
                m.authorID = actor.user?.id
                m.authorName = actor.name
                m.side = (kind == .message ? MessageSide.member : .jurist).rawValue
                m.kind = kind.rawValue
                m.body = text
                m.createdAt = context.now
                try await m.create(on: tx)
                try await attach(files, to: q, message: m, internal: kind == .internal, actor: actor, context: context, on: tx)
            }
            let structure = try await Structure.find(q.$structure.id, on: tx)
            let summary = switch step {
            case .share(let on): on ? "Question partagée avec la délégation" : "Partage avec la délégation retiré"
            case .internalNote: "Note interne ajoutée"
            default: QuestionWorkflow.table.transition(step.action!).records
            }
            try await Audit.record(.update, auditKind(step.auditWord), id: id.uuidString,
                                   summary: "\(summary) — \(q.categoryValue.label) (\(structure?.name ?? "—"))",
                                   before: before, after: snapshot(q), actor: actor.user, on: tx)
            try await notify(step, question: q, structureName: structure?.name ?? "", actor: actor, context: context, on: tx)
            if case .internalNote = step {} else { try await index(q, on: tx) }
            return q
        }
    }

    /// The daily job: answered questions whose answer is older than `reopen_days` are closed by the system.
    static func autoClose(context: Context, on db: any Database) async throws -> Int {
        let settings = try await Self.settings(on: db)
        let limit = context.today.adding(days: -settings.reopenDays)
        let answered = try await LegalQuestion.query(on: db).filter(\.$status == QuestionStatus.answered.rawValue).all()
        var closed = 0
        for q in answered {
            guard let at = q.answeredAt, Day.today(now: at) < limit, let id = q.id else { continue }
            do {
                try await perform(.close, on: id, version: q.version, by: .system, context: context, on: db)
                closed += 1
            } catch is Refusal {
                continue  // a member acted meanwhile
            }
        }
        return closed
    }
}
