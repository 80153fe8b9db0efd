import Foundation

/// « Enregistrer un audit blanc » for a structure.
struct MockAuditNewPage: Encodable, Sendable {
    let structureName: String
    let qualityHref: String?
    let action: String?
    let form: [String: String]
    var errors: FieldErrors
    let standards: [QualityOption]
    let readiness: [QualityOption]
}

/// One mock audit, as recorded.
struct MockAuditPage: Encodable, Sendable {
    let structureName: String
    let qualityHref: String?
    let standardName: String
    let day: String
    let auditor: String
    let readiness: String
    let readinessCode: String
    /// Paragraphs; nil when empty (Leaf treats an empty array as true).
    let strengths: [String]?
    let findings: [String]?
    let recommendations: [String]?
}

/// The standards admin: the list and the form.
struct StandardsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable, Equatable {
        let code: String
        let name: String
        let cycle: String
        let surveillance: String
        let reminders: String
        let flags: [String]
        let active: Bool
        let editHref: String?
    }
    let homeHref: String?
    let newHref: String?
    let rows: [Row]
}

struct StandardFormPage: Encodable, Sendable {
    let heading: String
    let listHref: String?
    let action: String?
    let form: [String: String]
    var errors: FieldErrors
    let checks: [Check]
    let submitLabel: String

    struct Check: Encodable, Sendable, Equatable {
        let field: String
        let label: String
        let checked: Bool
    }
}
