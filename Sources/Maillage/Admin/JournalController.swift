import Fluent
import Foundation
import MaillageCore
import Vapor

/// The audit log and the outbox, read by the national administration.
enum JournalController {
    struct Change: Encodable, Sendable {
        let field: String
        let before: String
        let after: String
    }
    struct Entry: Encodable, Sendable {
        let at: String
        let actor: String
        let action: String
        let entity: String
        let summary: String
        let changes: [Change]
    }
    struct JournalPage: Encodable, Sendable {
        let entity: String
        let entries: [Entry]
        let prev: String?
        let next: String?
    }

    static let perPage = 50

    static func auditLog(_ req: Request) async throws -> Response {
        let entityFilter = ((try? req.query.get(String.self, at: "entite")) ?? "").trimmingCharacters(in: .whitespaces)
        let page = max(1, min((try? req.query.get(Int.self, at: "page")) ?? 1, 100_000))
        let q = AuditEntry.query(on: req.db).sort(\.$at, .descending)
        if !entityFilter.isEmpty { q.filter(\.$entityID == entityFilter) }
        let rows = try await q.range(((page - 1) * perPage)..<(page * perPage + 1)).all()
        let entries = rows.prefix(perPage).map { e in
            let before = Audit.decode(e.before), after = Audit.decode(e.after)
            let keys = Set(before.keys).union(after.keys).sorted()
            return Entry(at: FrenchFormat.dateTime(e.at), actor: e.actorLabel,
                         action: AuditAction(rawValue: e.action)?.label ?? e.action, entity: e.entity, summary: e.summary,
                         changes: keys.compactMap { k in
                             before[k] == after[k] ? nil : Change(field: k, before: before[k] ?? "", after: after[k] ?? "")
                         })
        }
        let pageLink = { (n: Int) in
            SiteURL.auditLog.path(query: ["entite": entityFilter.isEmpty ? nil : entityFilter, "page": String(n)])
        }
        return try await req.renderPage("admin/journal", title: "Journal des modifications", JournalPage(
            entity: entityFilter, entries: Array(entries),
            prev: page > 1 ? pageLink(page - 1) : nil,
            next: rows.count > perPage ? pageLink(page + 1) : nil))
    }

    struct Message: Encodable, Sendable {
        let at: String
        let recipient: String
        let subject: String
        let body: String
    }
    struct OutboxPage: Encodable, Sendable { let messages: [Message] }

    static func outbox(_ req: Request) async throws -> Response {
        let messages = try await OutboxMessage.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        return try await req.renderPage("admin/outbox", title: "Courriels en attente", OutboxPage(messages: messages.map {
            Message(at: $0.createdAt.map(FrenchFormat.dateTime) ?? "", recipient: $0.recipient, subject: $0.subject, body: $0.body)
        }))
    }
}
