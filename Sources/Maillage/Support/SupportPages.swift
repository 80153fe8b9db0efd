import Foundation
import MaillageCore

/// An option of a select.
struct SupportOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A link with its label.
struct SupportLink: Encodable, Sendable {
    let label: String
    let href: String
}

/// `/accompagnement`: the supports followed (national, or the delegate's delegation).
struct SupportsPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let structure: String
        let structureHref: String
        let programme: String
        let delegation: String
        let delegate: String
        let started: String
        let ended: String
        let status: String
        let days: String
        let href: String
    }

    let heading: String
    let scopeNote: String?
    let action: String
    let lines: [Line]
    let list: ListView
    let years: [SupportOption]
    /// nil for a delegate of one delegation (nothing to choose).
    let delegations: [SupportOption]?
    let programmes: [SupportOption]
    let statuses: [SupportOption]
    let daysHref: String?
    let figuresHref: String?
    let programmesHref: String?
}

/// `/accompagnement/structures/:s`: one structure's supports and the days logged about it.
struct StructureSupportsPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let programme: String
        let started: String
        let ended: String
        let status: String
        let delegate: String
        let days: String
        let href: String
    }

    let heading: String
    let structureName: String
    let homeHref: String?
    let qualityHref: String?
    let newHref: String?
    let lines: [Line]?
    let days: [DayLine]?
    let totalDays: String?
}

/// A logged intervention day as the lists show it.
struct DayLine: Encodable, Sendable {
    let date: String
    let delegation: String
    let kind: String
    let amount: String
    let structure: String
    let programme: String
    let note: String
}

/// `/accompagnement/structures/:s/suivis/:id`.
struct SupportPage: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        let label: String
        let value: String
    }

    let heading: String
    let structureName: String
    let structureHref: String
    let facts: [Fact]
    /// nil when empty (Leaf takes any array as true).
    let outcome: [String]?
    let editHref: String?
    let newDayHref: String?
    let days: [DayLine]?
    let totalDays: String
}

/// The support form: new (programme, start, delegate, outcome) or edit (status, end, outcome).
struct SupportFormPage: Encodable, Sendable {
    let heading: String
    let structureName: String
    let backHref: String
    let action: String?
    let isEdit: Bool
    /// On an edit: the programme and start, which do not change.
    let programmeName: String?
    let started: String?
    var form: [String: String]
    var errors: FieldErrors
    let programmes: [SupportOption]
    let delegates: [SupportOption]
    let statuses: [SupportOption]
    let version: String?
    let notice: String?
    let submitLabel: String
}

/// `/accompagnement/journees`: the year's intervention days and the form to log some.
struct DaysPage: Encodable, Sendable {
    struct Form: Encodable, Sendable {
        let action: String
        var values: [String: String]
        var errors: FieldErrors
        let delegations: [SupportOption]
        let kinds: [SupportOption]
        let supports: [SupportOption]
        let notice: String?
    }

    let heading: String
    let scopeNote: String?
    let action: String
    let lines: [DayLine]
    let list: ListView
    let totalDays: String
    let years: [SupportOption]
    let delegations: [SupportOption]?
    let form: Form?
    let supportsHref: String?
    let figuresHref: String?
}

/// `/accompagnement/programmes`.
struct ProgrammesPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let code: String
        let name: String
        let description: String
        let active: Bool
        let position: String
        let editHref: String?
    }

    let lines: [Line]
    let newHref: String?
    let homeHref: String?
}

/// The programme form (new and edit).
struct ProgrammeFormPage: Encodable, Sendable {
    let heading: String
    let backHref: String?
    let action: String?
    var form: [String: String]
    var errors: FieldErrors
    let active: Bool
    let submitLabel: String
}

/// Shared wording of the support pages.
enum SupportPages {
    static let dash = "—"

    static func date(_ iso: String?) -> String { iso.map(FrenchFormat.date) ?? dash }

    static func dayLine(_ r: SupportQueries.DayRow) -> DayLine {
        DayLine(date: FrenchFormat.date(r.day.onDay), delegation: r.delegationName, kind: r.day.kindValue.label,
                amount: SupportFigures.daysText(r.day.halfDays), structure: r.structureName ?? dash, programme: r.programmeName ?? dash,
                note: r.day.note.isEmpty ? dash : r.day.note)
    }

    static func options<T>(_ items: [T], value: (T) -> String, label: (T) -> String, selected: String?) -> [SupportOption] {
        items.map { SupportOption(value: value($0), label: label($0), selected: value($0) == selected) }
    }
}
