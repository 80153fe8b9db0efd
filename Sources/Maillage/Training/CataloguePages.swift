import Foundation
import MaillageCore

/// `/formations`: the courses by theme, with their sessions to come, and the packs.
struct CataloguePage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Course: Encodable, Sendable {
        let code: String
        let title: String
        let href: String?
        let badges: [String]
        let duration: String
        let price: String
        let format: String
        /// nil when none (Leaf takes any array as true).
        let sessions: [ComingSessionLine]?
    }
    struct Theme: Encodable, Sendable { let label: String; let courses: [Course] }
    struct Pack: Encodable, Sendable {
        let title: String
        let href: String?
        let courses: [String]
        let duration: String
    }

    let action: String
    let q: String
    let themes: [Option]
    let formats: [Option]
    let certifyingOnly: Bool
    let filtered: Bool
    let resetHref: String?
    let count: String
    let groups: [Theme]
    let packs: [Pack]?
    let newCourseHref: String?
    let newPackHref: String?
    let newSessionHref: String?
    let sessionsHref: String?
}

/// The catalogue's filters, as in the URL: `theme`, `format`, `certifiant=1`, `q` (code, title,
/// objectives, folded). Unknown values fall back to « all ».
struct CatalogueFilters: Sendable, Equatable {
    var theme: TrainingTheme?
    var format: CourseFormat?
    var certifyingOnly: Bool
    var q: String

    init(_ query: [String: String]) {
        theme = query["theme"].flatMap(TrainingTheme.init(rawValue:))
        format = query["format"].flatMap(CourseFormat.init(rawValue:))
        certifyingOnly = query["certifiant"] == "1"
        let typed = String((query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        // A control character (a NUL) makes the search unknown: it falls back to « all ».
        q = MemberFields.hasControlCharacter(typed) ? "" : typed
    }

    var isEmpty: Bool { theme == nil && format == nil && !certifyingOnly && q.isEmpty }

    /// Whether a course passes the filters. A course « both » inter and intra passes either format.
    func matches(_ c: TrainingCourse) -> Bool {
        if let theme, c.themeValue != theme { return false }
        if let format, c.formatValue != format, c.formatValue != .both { return false }
        if certifyingOnly, !c.certifying { return false }
        if !q.isEmpty {
            let words = SearchText.fold(q).split(separator: " ").map(String.init)
            let text = SearchText.fold([c.code, c.title, c.objectives].joined(separator: " "))
            if !words.allSatisfy({ text.contains($0) }) { return false }
        }
        return true
    }
}
