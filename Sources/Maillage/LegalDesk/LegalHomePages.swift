import Foundation
import MaillageCore

/// The questions list (`/juridique`): filters, the table through `ListView`, the person's buttons.
struct LegalHomePage: Encodable, Sendable {
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Row: Encodable, Sendable {
        let askedOn: String
        let structure: String
        let category: String
        /// The subject, or « Non partagée » (`hidden`) for a delegate when not shared.
        let subject: String
        let hidden: Bool
        let href: String?
        let status: String
        let statusKey: String
        let assignee: String
        let dueOn: String
        let overdue: Bool
    }
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
    }

    let heading: String
    let intro: String
    let action: String
    let statuses: [Option]
    let categories: [Option]
    /// Nil when the person sees a single delegation or their own structures only.
    let delegations: [Option]?
    /// Jurists only.
    let assignees: [Option]?
    let overdue: Bool
    let list: ListView
    let rows: [Row]
    let askHref: String?
    let links: [Link]
}

extension LegalHomePage {
    static let hiddenSubject = "Non partagée"

    static let columns = [
        ListColumn("asked", "Posée le"), ListColumn("structure", "Structure"), ListColumn("category", "Catégorie"),
        ListColumn("subject", "Objet", sortable: false), ListColumn("status", "Statut"), ListColumn("assignee", "Juriste"),
        ListColumn("due", "Réponse promise le"), ListColumn("overdue", "En retard"),
    ]

    /// The export's headers: the list's columns, spelled out.
    static let exportHeaders = ["Posée le", "Structure", "Catégorie", "Objet", "Statut", "Juriste", "Réponse promise le", "En retard"]

    static func exportRow(_ l: LegalQuestionLine, assignee: String, today: Day) -> [XLSXCell] {
        [Day(iso: l.askedOn).map { .date($0) } ?? .text(l.askedOn), .text(l.structureName), .text(l.category.label),
         .text(l.subject ?? hiddenSubject), .text(l.statusLabel), .text(assignee),
         Day(iso: l.dueOn).map { .date($0) } ?? .text(l.dueOn), .text(l.isOverdue(today: today) ? "En retard" : "")]
    }
}
