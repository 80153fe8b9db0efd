import Foundation
import MaillageCore

/// A choice of a select.
struct QuestionOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// The ask page (`legal/question-new`).
struct QuestionNewPage: Encodable, Sendable {
    /// Published notes that may answer the question, laid out by `legal/partials/suggestions`.
    struct Suggestions: Encodable, Sendable {
        /// Nil when none matched (the partial then shows nothing).
        let notes: [LegalSuggestions.Note]?
        let heading: String
    }

    let action: String?
    let homeHref: String?
    let structures: [QuestionOption]
    /// One structure only: shown as text, posted as a hidden field.
    let onlyStructure: QuestionOption?
    let categories: [QuestionOption]
    var form: [String: String] = [:]
    var errors = FieldErrors()
    /// The suggestions endpoint (the script fills `#note-suggestions` while the subject is typed).
    let suggestURL: String?
    /// Suggestions computed on the server (« Chercher des fiches », without the script).
    var suggestionsAsked = false
    var suggestions = Suggestions(notes: nil, heading: LegalSuggestions.heading)
    var hasSuggestions = false
    let maxFiles: Int
    let maxFileSize: String
    let accepted: String
}

/// One question's page (`legal/question`): header, thread, and the forms the person may use.
struct QuestionPage: Encodable, Sendable {
    struct Attachment: Encodable, Sendable {
        let name: String
        let href: String?
        let detail: String
    }

    struct Message: Encodable, Sendable {
        let id: String
        let author: String
        let side: String
        let kindLabel: String
        let isInternal: Bool
        let isAnswer: Bool
        let at: String
        let paragraphs: [String]
        let attachments: [Attachment]
    }

    /// A form of the page: where it posts, and whether it takes files.
    struct Form: Encodable, Sendable {
        let action: String
        let uploads: Bool
    }

    struct Event: Encodable, Sendable {
        let at: String
        let label: String
        let by: String
    }

    let id: String
    let subject: String
    let structure: String
    let structureHref: String?
    let category: String
    let status: String
    let statusCode: String
    let askedOn: String
    let asker: String
    /// « 09/03/2026 » or « suspendue : en attente de l'adhérent depuis le … ».
    let dueOn: String
    let overdue: Bool
    let assignee: String
    let shared: Bool
    let sharedLabel: String
    let homeHref: String?
    /// The version every form posts back (a stale page is refused).
    let version: Int
    /// Texts hidden: a delegate on a question not shared.
    let textsHidden: Bool
    let paragraphs: [String]
    let attachments: [Attachment]
    var messages: [Message]
    let events: [Event]
    var errors = FieldErrors()
    var form: [String: String] = [:]

    // Forms offered (nil: not for this person or not in this status).
    var reply: Form? = nil
    var reopen: Form? = nil
    var reopenUntil: String? = nil
    var close: Form? = nil
    var share: Form? = nil
    var take: Form? = nil
    var assign: Form? = nil
    var jurists: [QuestionOption] = []
    var requestInfo: Form? = nil
    var answer: Form? = nil
    var internalNote: Form? = nil
    var noteHref: String? = nil
    let maxFiles: Int
}
