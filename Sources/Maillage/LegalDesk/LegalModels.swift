import Fluent
import Foundation
import MaillageCore

// The legal desk's records (migration 017). Days are `YYYY-MM-DD` text (`Day`), in Paris.

/// The categories of a question, which are also the themes of the notes.
enum LegalCategory: String, Codable, CaseIterable, Sendable {
    case labour, iae, personalServices = "personal_services", tax, company, other

    var label: String {
        switch self {
        case .labour: "Droit du travail"
        case .iae: "Réglementation IAE"
        case .personalServices: "Services à la personne"
        case .tax: "Fiscalité"
        case .company: "Droit des sociétés"
        case .other: "Autre"
        }
    }
}

/// Where a question stands (`QuestionWorkflow`).
enum QuestionStatus: String, Codable, CaseIterable, Sendable {
    case new, inProgress = "in_progress", waiting, answered, closed

    /// As a jurist (and a delegate) reads it.
    var label: String {
        switch self {
        case .new: "Nouvelle"
        case .inProgress: "En cours"
        case .waiting: "En attente de l'adhérent"
        case .answered: "Répondue"
        case .closed: "Clôturée"
        }
    }

    /// As the member reads it: waiting is their turn.
    var memberLabel: String {
        switch self {
        case .waiting: "En attente de votre réponse"
        case .new: "Envoyée"
        default: label
        }
    }

    /// The jurists still owe an answer: the promised delay runs (not while waiting).
    var isOpenForJurists: Bool { self == .new || self == .inProgress }
}

/// Who wrote a message of a question's conversation.
enum MessageSide: String, Codable, Sendable { case member, jurist, system }

/// What a message is. `internal` notes are for jurists only: never in a member's or a delegate's
/// page, file, export, e-mail or API answer.
enum MessageKind: String, Codable, CaseIterable, Sendable {
    /// A member's message (the question's own text is the question's body).
    case message
    /// A jurist asks the member for information (the question waits for the member).
    case request
    /// A jurist's answer.
    case answer
    /// A jurists' internal note.
    case `internal`
}

/// The desk's settings (one row).
final class LegalSettingsRecord: Model, @unchecked Sendable {
    static let schema = "legal_settings"
    static let key = "legal"
    static let defaultPromisedDays = 5
    static let defaultReopenDays = 30

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    /// The promised delay, in working days (the waits for the member excluded).
    @Field(key: "promised_days") var promisedDays: Int
    /// How long after an answer the member may reopen the question (calendar days); then it closes.
    @Field(key: "reopen_days") var reopenDays: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        key = Self.key
        promisedDays = Self.defaultPromisedDays
        reopenDays = Self.defaultReopenDays
    }
}

/// A member's question to the legal desk, for one of its structures.
final class LegalQuestion: Model, @unchecked Sendable {
    static let schema = "legal_questions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    /// The structure's department when asked: statistics by delegation follow it.
    @Field(key: "department_code") var departmentCode: String
    @OptionalField(key: "asked_by") var askedBy: UUID?
    @Field(key: "asker_name") var askerName: String
    /// `LegalCategory` raw value.
    @Field(key: "category") var category: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// `QuestionStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    /// The member lets its delegation read the texts (otherwise the delegate sees the metadata only).
    @Field(key: "shared_with_delegation") var sharedWithDelegation: Bool
    @Field(key: "asked_at") var askedAt: Date
    @Field(key: "asked_on") var askedOn: String
    /// The promised delay in working days when the question was asked (a later setting does not move it).
    @Field(key: "promised_days") var promisedDays: Int
    /// The promised answer day, kept up to date by `QuestionService` (waits push it).
    @Field(key: "due_on") var dueOn: String
    /// The day the question started waiting for the member, while it waits.
    @OptionalField(key: "waiting_since") var waitingSince: String?
    /// Working days spent waiting for the member in the waits that are over.
    @Field(key: "waited_days") var waitedDays: Int
    @OptionalField(key: "first_answer_at") var firstAnswerAt: Date?
    @OptionalField(key: "first_answer_on") var firstAnswerOn: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "last_activity_at") var lastActivityAt: Date
    /// Raised by every step (a stale form is refused).
    @Field(key: "version") var version: Int

    init() {
        sharedWithDelegation = false
        promisedDays = LegalSettingsRecord.defaultPromisedDays
        waitedDays = 0
        version = 1
        status = QuestionStatus.new.rawValue
    }

    var statusValue: QuestionStatus { QuestionStatus(rawValue: status) ?? .new }
    var categoryValue: LegalCategory { LegalCategory(rawValue: category) ?? .other }
}

/// One step of a question's life, for its history and the statistics (waits, first answer).
final class LegalQuestionEvent: Model, @unchecked Sendable {
    static let schema = "legal_question_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: LegalQuestion
    /// `QuestionAction` raw value.
    @Field(key: "action") var action: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @Field(key: "at") var at: Date
    @Field(key: "on_day") var onDay: String
    @OptionalField(key: "by_user") var byUser: UUID?
    @Field(key: "by_name") var byName: String

    init() {}
}

/// A message of a question's conversation (or a jurists' internal note).
final class LegalMessage: Model, @unchecked Sendable {
    static let schema = "legal_messages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: LegalQuestion
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    /// `MessageSide` raw value.
    @Field(key: "side") var side: String
    /// `MessageKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isInternal: Bool { kind == MessageKind.internal.rawValue }
}

/// A file attached to a question or to one of its messages; `internal` when attached to an
/// internal note (jurists only).
final class LegalAttachment: Model, @unchecked Sendable {
    static let schema = "legal_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: LegalQuestion
    @OptionalParent(key: "message_id") var message: LegalMessage?
    /// The file's key in `req.services.files`.
    @Field(key: "file_key") var fileKey: String
    /// The name it was uploaded with (made safe), used as download name.
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    /// `FileKind` raw value, from the bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "internal") var `internal`: Bool
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() { `internal` = false }
}

/// Where a note stands.
enum NoteStatus: String, Codable, CaseIterable, Sendable {
    case draft, review, published, archived

    var label: String {
        switch self {
        case .draft: "Brouillon"
        case .review: "En relecture"
        case .published: "Publiée"
        case .archived: "Archivée"
        }
    }
}

/// A published legal note (« fiche »), often made from an anonymised answer.
final class LegalNote: Model, @unchecked Sendable {
    static let schema = "legal_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    /// `LegalCategory` raw value.
    @Field(key: "theme") var theme: String
    @Field(key: "body") var body: String
    /// `NoteStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "source_question_id") var sourceQuestionID: UUID?
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    /// The day until which the note is known to be right (law changes).
    @OptionalField(key: "valid_until") var validUntil: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    /// 1 for the first text; every « mise à jour » after publication adds one (`LegalNoteRevision`).
    @Field(key: "revision") var revision: Int

    init() {
        status = NoteStatus.draft.rawValue
        revision = 1
    }

    var statusValue: NoteStatus { NoteStatus(rawValue: status) ?? .draft }
    var themeValue: LegalCategory { LegalCategory(rawValue: theme) ?? .other }
}

/// One text of a note, kept when a published note is updated (« mise à jour » history).
final class LegalNoteRevision: Model, @unchecked Sendable {
    static let schema = "legal_note_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "note_id") var note: LegalNote
    @Field(key: "revision") var revision: Int
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// What changed, in the jurist's words (« Mise à jour : barème 2026 »).
    @Field(key: "summary") var summary: String
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @Field(key: "changed_by_name") var changedByName: String
    @Field(key: "changed_at") var changedAt: Date

    init() {}
}
