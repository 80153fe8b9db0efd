import Foundation
import MaillageCore

/// `/juridique/fiches`: published notes by theme; the jurists also see the drafts and notes in review.
struct NotesPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let title: String
        let href: String?
        let validity: String?
        let stale: Bool
        let status: String?
    }
    struct Theme: Encodable, Sendable { let label: String; let notes: [Row] }

    let searchAction: String?
    let newHref: String?
    let themes: [Theme]
    /// Drafts, notes in review and archived notes (jurists only), nil when none or not a jurist.
    let unpublished: [Row]?
    let empty: Bool
}

/// One note.
struct NotePage: Encodable, Sendable {
    struct Revision: Encodable, Sendable { let number: String; let date: String; let by: String; let summary: String }
    struct Step: Encodable, Sendable { let action: String; let label: String; let primary: Bool }

    let notesHref: String?
    let title: String
    let theme: String
    let status: String
    let published: Bool
    let paragraphs: [String]
    let validity: String?
    let stale: Bool
    let author: String
    let publishedOn: String?
    let revisions: [Revision]?
    let editHref: String?
    let steps: [Step]?
    let sourceHref: String?
    var refusal: String?
    /// The note's `LegalNoteService.stamp` when the page was read (hidden field of each step form).
    var stamp: String = ""

    /// « Valable jusqu'au 31/12/2026 »; a past day is flagged « À vérifier ».
    static func validity(_ iso: String?, today: Day) -> (text: String?, stale: Bool) {
        guard let iso, let day = Day(iso: iso) else { return (nil, false) }
        return ("Valable jusqu'au \(day.french)", day < today)
    }
}

/// `/juridique/recherche`.
struct SearchPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }

    let action: String
    let query: String
    let types: [Option]
    /// A French hint when there is nothing to search for.
    let hint: String?
    let summary: String?
    /// The hits (`LegalSearchController.resultList`); nil when none.
    let results: HTML?
    /// The neighbouring pages of results.
    let previous: String?
    let next: String?
}

/// The suggestions fragment.
struct SuggestionsFragment: Encodable, Sendable {
    let heading: String
    /// nil when empty (Leaf takes any array as true).
    let notes: [LegalSuggestions.Note]?
}
