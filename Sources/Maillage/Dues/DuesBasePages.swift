import Foundation
import MaillageCore

/// The bases of a dues year, one line per member (admin: all; delegate: their delegation).
struct DuesBasesPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Line: Encodable, Sendable {
        let structure: String
        let href: String?
        let types: String
        /// « AI 612 345,00 € · ACI — ».
        let bases: String
        let source: String
        let flagged: Bool
    }
    let heading: String
    /// « Barème 2026, version 1 : chiffre d'affaires 2025 » or why there is nothing to show.
    let gridLabel: String
    let hasGrid: Bool
    let action: String
    let delegations: [Option]
    let sources: [Option]
    let flaggedOnly: Bool
    let list: ListView
    let lines: [Line]
}

/// One member's bases of a year: each type's figure and where it comes from, and the form the
/// person may use (a manager declares or confirms, a delegate or an admin corrects).
struct DuesBasePage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let type: String
        let label: String
        let amount: String
        let source: String
        let flagged: Bool
        let value: String
        let error: String?
    }
    let heading: String
    let structureName: String
    let gridLabel: String?
    let deadline: String?
    /// Why the bases cannot change (call issued, deadline passed), or nil.
    let readOnlyNotice: String?
    /// A refusal or a note shown above the form.
    let problem: String?
    let rows: [Row]
    let canDeclare: Bool
    let canCorrect: Bool
    let action: String?
    let reason: String
    let errors: FieldErrors
    let listHref: String?
    let callsHref: String?
}
