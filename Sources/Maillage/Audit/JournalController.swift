import Fluent
import Foundation
import MaillageCore
import Vapor

/// The audit log, read by the national administration: filtered (who, what, which action,
/// when, which record), newest first or sorted by a column, paged with its total, exported
/// (`format=csv|xlsx`) exactly as filtered, every page.
enum JournalController {
    static let columns = [
        ListColumn("date", "Date"), ListColumn("auteur", "Auteur"), ListColumn("action", "Action"),
        ListColumn("objet", "Objet"), ListColumn("modifications", "Modifications", sortable: false),
    ]
    static let defaultSort = ListSort("date", descending: true)

    static func auditLog(_ req: Request) async throws -> Response {
        let raw = try req.query.decode([String: String].self)
        let (filters, errors) = JournalFilters.parse(raw)
        let state = ListState(raw, columns: columns, defaultSort: defaultSort)
        if let format = state.format, errors.isEmpty {
            let name = ListView.fileName("journal", filters: filters.queryItems, on: req, format: format)
            return ListExport.response(format, name: name, headers: JournalExport.headers,
                                       rows: try await JournalExport.rows(filters, sort: state.sort, on: req.db), sheet: "Journal")
        }
        let total = try await JournalQuery.filtered(filters, on: req.db).count()
        let list = ListView(.auditLog, columns: columns, state: state, filters: filters.queryItems, total: total,
                            exportable: true, noun: ("entrée", "entrées"))
        let rows = try await JournalQuery.sorted(filters, by: state.sort, on: req.db).range(list.offset..<(list.offset + list.limit)).all()
        let page = JournalPages.JournalPage(filters: filters, errors: errors, list: list, entries: try await JournalPages.entries(rows, req: req))
        return try await req.renderPage("admin/journal", title: "Journal des modifications", page,
                                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// The journal's page model: every string French, every link computed.
enum JournalPages {
    struct Entry: Encodable, Sendable {
        let at: String
        let actor: String
        let action: String
        let kind: String
        let summary: String
        let recordHref: String?
        /// Nil when nothing is listed (Leaf takes any array, even empty, as true).
        let changes: [AuditPresentation.Change]?
        /// A creation has no « Avant » column, a deletion no « Après ».
        let showsBefore: Bool
        let showsAfter: Bool
    }
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct JournalPage: Encodable, Sendable {
        let action: String
        let who: String
        let kinds: [Option]
        let actions: [Option]
        let from: String
        let to: String
        let record: String
        let errors: FieldErrors
        let list: ListView
        let entries: [Entry]

        init(filters f: JournalFilters, errors: FieldErrors, list: ListView, entries: [Entry]) {
            action = SiteURL.auditLog.path
            who = f.who
            kinds = AuditPresentation.kinds.map { Option(value: $0.code, label: $0.label, selected: $0.code == f.kind) }
            actions = [AuditAction.create, .update, .delete].map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.action) }
            from = f.from
            to = f.to
            record = f.record
            self.errors = errors
            self.list = list
            self.entries = entries
        }
    }

    static func entries(_ rows: [AuditEntry], req: Request) async throws -> [Entry] {
        let names = try await AuditNames.load(for: rows, on: req.db)
        return rows.map { e in
            Entry(at: FrenchFormat.dateTime(e.at), actor: e.actorLabel,
                  action: AuditAction(rawValue: e.action)?.label ?? e.action,
                  kind: AuditPresentation.kindLabel(e.entity), summary: e.summary,
                  recordHref: recordLink(e, req: req),
                  changes: Optional(AuditPresentation.changes(of: e.entity, before: Audit.decode(e.before), after: Audit.decode(e.after), names: names))
                    .flatMap { $0.isEmpty ? nil : $0 },
                  showsBefore: e.before != nil, showsAfter: e.after != nil)
        }
    }

    /// The record's own page, when it has one the person may open (a record deleted since
    /// answers 404 when followed, as any old link).
    static func recordLink(_ e: AuditEntry, req: Request) -> String? {
        switch e.entity {
        case Structure.auditEntity: UUID(uuidString: e.entityID).flatMap { req.link(to: .structure($0)) }
        case User.auditEntity: UUID(uuidString: e.entityID).flatMap { req.link(to: .user($0)) }
        case Campaign.auditEntity: Int(Audit.decode(e.after)["annee"] ?? Audit.decode(e.before)["annee"] ?? "").flatMap { req.link(to: .campaign($0)) }
        case "relance_observatoire": Int(e.entityID).flatMap { req.link(to: .campaign($0)) }
        default: nil
        }
    }
}
