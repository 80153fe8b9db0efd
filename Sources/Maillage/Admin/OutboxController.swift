import Fluent
import FluentSQL
import Foundation
import MaillageCore
import Vapor

/// The outbox, read by the national administration while real sending is to come: filtered by
/// recipient, subject and status, newest first or sorted by a column, paged with its total,
/// exported (`format=csv|xlsx`) as filtered.
enum OutboxController {
    static let columns = [
        ListColumn("date", "Date"), ListColumn("destinataire", "Destinataire"), ListColumn("objet", "Objet"),
        ListColumn("statut", "Statut"), ListColumn("message", "Message", sortable: false),
    ]
    static let defaultSort = ListSort("date", descending: true)

    static func outbox(_ req: Request) async throws -> Response {
        let raw = try req.query.decode([String: String].self)
        let filters = OutboxFilters.parse(raw)
        let state = ListState(raw, columns: columns, defaultSort: defaultSort)
        if let format = state.format {
            let messages = try await OutboxQuery.sorted(filters, by: state.sort, on: req.db).all()
            let name = ListView.fileName("courriels", filters: filters.queryItems, on: req, format: format)
            return ListExport.response(format, name: name, headers: ["Date", "Destinataire", "Objet", "Statut", "Message"],
                                       rows: messages.map(OutboxPage.Message.init).map {
                                           [.text($0.at), .text($0.recipient), .text($0.subject), .text($0.status), .text($0.text)]
                                       }, sheet: "Courriels")
        }
        let total = try await OutboxQuery.filtered(filters, on: req.db).count()
        let list = ListView(.outbox, columns: columns, state: state, filters: filters.queryItems, total: total,
                            exportable: true, noun: ("courriel", "courriels"))
        let rows = try await OutboxQuery.sorted(filters, by: state.sort, on: req.db).range(list.offset..<(list.offset + list.limit)).all()
        return try await req.renderPage("admin/outbox", title: "Courriels", OutboxPage(filters: filters, list: list, messages: rows.map(OutboxPage.Message.init)))
    }
}

/// What the outbox form filters on (GET, kept in the URL).
struct OutboxFilters: Sendable, Equatable {
    enum Status: String, CaseIterable, Sendable {
        case pending = "en_attente", sent = "envoye"
        var label: String { self == .pending ? "En attente" : "Envoyé" }
    }
    var recipient = ""
    var subject = ""
    var status: Status? = nil

    static func parse(_ query: [String: String]) -> OutboxFilters {
        func text(_ key: String) -> String { String((query[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)) }
        return OutboxFilters(recipient: text("destinataire"), subject: text("objet"), status: Status(rawValue: text("statut")))
    }

    var isEmpty: Bool { recipient.isEmpty && subject.isEmpty && status == nil }

    var queryItems: [(String, String?)] {
        [("destinataire", recipient.isEmpty ? nil : recipient), ("objet", subject.isEmpty ? nil : subject), ("statut", status?.rawValue)]
    }
}

enum OutboxQuery {
    static func filtered(_ f: OutboxFilters, on db: any Database) -> QueryBuilder<OutboxMessage> {
        let q = OutboxMessage.query(on: db)
        for (column, text) in [("recipient", f.recipient), ("subject", f.subject)] where !text.isEmpty {
            q.filter(.sql(embed: "LOWER(\(ident: column)) LIKE \(bind: JournalQuery.likePattern(text.lowercased())) ESCAPE '!'"))
        }
        switch f.status {
        case .pending: q.filter(\.$sentAt == nil)
        case .sent: q.filter(\.$sentAt != nil)
        case nil: break
        }
        return q
    }

    /// The filtered messages in the list's order; ties (and the default) newest first.
    static func sorted(_ f: OutboxFilters, by sort: ListSort, on db: any Database) -> QueryBuilder<OutboxMessage> {
        let q = filtered(f, on: db)
        let direction: DatabaseQuery.Sort.Direction = sort.descending ? .descending : .ascending
        switch sort.key {
        case "destinataire": q.sort(\.$recipient, direction)
        case "objet": q.sort(\.$subject, direction)
        case "statut": q.sort(\.$sentAt, direction)
        default: break
        }
        let newestFirst = !(sort.key == "date" && !sort.descending)
        return q.sort(\.$createdAt, newestFirst ? .descending : .ascending).sort(\.$id, newestFirst ? .descending : .ascending)
    }
}

struct OutboxPage: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        let at: String
        let recipient: String
        let subject: String
        let status: String
        let sent: Bool
        /// The body with its web addresses as links (`HTML`: text escaped, only http(s) links).
        let body: HTML
        /// Long bodies are folded behind their first line.
        let summary: String?
        /// The body as plain text (exports).
        let text: String

        init(_ m: OutboxMessage) {
            text = m.body
            at = m.createdAt.map(FrenchFormat.dateTime) ?? ""
            recipient = m.recipient
            subject = m.subject
            sent = m.sentAt != nil
            status = m.sentAt.map { "envoyé le " + FrenchFormat.dateTime($0) } ?? "en attente"
            body = OutboxPage.linked(m.body)
            let firstLine = m.body.split(separator: "\n").first.map(String.init) ?? ""
            summary = m.body.count > OutboxPage.foldAbove ? String(firstLine.prefix(80)) + " …" : nil
        }
    }
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }

    static let foldAbove = 280

    let action: String
    let recipient: String
    let subject: String
    let statuses: [Option]
    let list: ListView
    let messages: [Message]

    init(filters f: OutboxFilters, list: ListView, messages: [Message]) {
        action = SiteURL.outbox.path
        recipient = f.recipient
        subject = f.subject
        statuses = OutboxFilters.Status.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == f.status) }
        self.list = list
        self.messages = messages
    }

    /// Plain text with each `http://` or `https://` address made a link; everything escaped.
    static func linked(_ text: String) -> HTML {
        var parts: [HTML] = [], plain = "", word = ""
        func endWord() {
            defer { word = "" }
            guard word.hasPrefix("http://") || word.hasPrefix("https://") else { plain += word; return }
            // Sentence punctuation after an address is not part of it.
            var address = word, trailing = ""
            while let last = address.last, ".,;:!?)»".contains(last) { trailing = String(last) + trailing; address.removeLast() }
            parts.append(.text(plain))
            parts.append(.element("a", ["href": address], .text(address)))
            plain = trailing
        }
        for c in text {
            if c.isWhitespace { endWord(); plain.append(c) } else { word.append(c) }
        }
        endWord()
        parts.append(.text(plain))
        return HTML(parts)
    }
}
