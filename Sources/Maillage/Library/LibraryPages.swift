import Foundation
import MaillageCore

/// A choice of a select, with its state.
struct LibraryOption: Encodable, Sendable, Equatable {
    let value: String
    let label: String
    let selected: Bool

    static func options<T: RawRepresentable & CaseIterable>(_ all: T.AllCases, selected: String?,
                                                            label: (T) -> String) -> [LibraryOption] where T.RawValue == String {
        all.map { LibraryOption(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }
}

/// The library (`library/home`): filters, the list, the link to add a resource.
struct LibraryHomePage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let title: String
        let href: String
        let kind: String
        let theme: String
        let audience: String
        let membersOnly: Bool
        let updated: String
        /// « PDF, 1,2 Mo »
        let file: String
        let downloadHref: String?
    }

    let action: String
    let q: String
    let themes: [LibraryOption]
    let kinds: [LibraryOption]
    /// Nil for anyone who sees public resources only.
    let audiences: [LibraryOption]?
    let newHref: String?
    let list: ListView
    let rows: [Row]
}

/// One resource (`library/resource`): what it is, its current file, its versions, and for
/// publishers the « Nouvelle version » form.
struct LibraryResourcePage: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        let number: String
        let date: String
        let by: String
        let comment: String
        let fileName: String
        let file: String
        let href: String
        let current: Bool
    }

    let title: String
    let description: [String]
    let kind: String
    let theme: String
    let audience: String
    let membersOnly: Bool
    let current: Version?
    let versions: [Version]
    let listHref: String
    let editHref: String?
    /// The « Nouvelle version » form's target (nil: not a publisher).
    let versionAction: String?
    var comment = ""
    var errors = FieldErrors()
}

/// The new and edit forms of a resource (`library/form`).
struct LibraryFormPage: Encodable, Sendable {
    let heading: String
    let isNew: Bool
    let action: String
    let cancelHref: String
    let submitLabel: String
    let form: [String: String]
    let kinds: [LibraryOption]
    let themes: [LibraryOption]
    let audiences: [LibraryOption]
    let errors: FieldErrors
    let maxFile: String
}

extension LibraryResourcePage.Version {
    init(_ v: LibraryVersion, href: String, current: Bool) {
        number = "Version \(v.number)"
        date = LibraryPages.day(v.uploadedAt)
        by = v.uploadedByName
        comment = v.comment
        fileName = v.fileName
        file = LibraryPages.fileLabel(v)
        self.href = href
        self.current = current
    }
}

enum LibraryPages {
    /// « 23/11/2026 », the day in Paris.
    static func day(_ d: Date) -> String { FrenchFormat.date(Day.today(now: d).iso) }

    /// « PDF, 1,2 Mo »
    static func fileLabel(_ v: LibraryVersion) -> String {
        "\(FileKind(rawValue: v.kind)?.label ?? v.contentType), \(FileSniffer.frenchSize(v.size))"
    }

    /// The description's paragraphs.
    static func paragraphs(_ text: String) -> [String] { TextParagraphs.split(text) }

    static func form(heading: String, isNew: Bool, action: String, cancelHref: String, submitLabel: String,
                     form: [String: String], errors: FieldErrors) -> LibraryFormPage {
        LibraryFormPage(
            heading: heading, isNew: isNew, action: action, cancelHref: cancelHref, submitLabel: submitLabel, form: form,
            kinds: LibraryOption.options(ResourceKind.allCases, selected: form["kind"]) { (k: ResourceKind) in k.label },
            themes: LibraryOption.options(ResourceTheme.allCases, selected: form["theme"]) { (t: ResourceTheme) in t.label },
            audiences: LibraryOption.options(ResourceAudience.allCases, selected: form["audience"]) { (a: ResourceAudience) in
                a == .public ? "Tout le monde (public)" : "Les adhérents et l'équipe (connectés)"
            },
            errors: errors, maxFile: FileSniffer.frenchSize(LibraryURL.maxFileSize))
    }
}
