import Fluent
import FluentSQL
import Foundation
import MaillageCore
import Vapor

/// The outbox, read by the national administration: each message with its delivery status
/// (waiting, sent, refused with the server's answer), filtered by recipient, subject and status,
/// newest first or sorted by a column, paged with its total, exported (`format=csv|xlsx`) as
/// filtered; a refused message can be sent again (« Renvoyer »).
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
                                       rows: messages.map { OutboxPage.Message($0) }.map {
                                           [.text($0.at), .text($0.recipient), .text($0.subject), .text($0.status), .text($0.text)]
                                       }, sheet: "Courriels")
        }
        let total = try await OutboxQuery.filtered(filters, on: req.db).count()
        let list = ListView(.outbox, columns: columns, state: state, filters: filters.queryItems, total: total,
                            exportable: true, noun: ("courriel", "courriels"))
        let rows = try await OutboxQuery.sorted(filters, by: state.sort, on: req.db).range(list.offset..<(list.offset + list.limit)).all()
        let messages = rows.map { OutboxPage.Message($0, retry: $0.id.flatMap { req.link(to: .retryOutboxMessage(.value($0))) }) }
        return try await req.renderPage("admin/outbox", title: "Courriels",
                                        OutboxPage(filters: filters, list: list, messages: messages, sending: req.application.config.smtpURL != nil))
    }

    /// « Renvoyer » a refused message: a confirmation first (`confirm=1`), then back to the
    /// queue, audited (`MailDelivery.retry`).
    static func retry(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("messageID", as: UUID.self),
              let message = try await OutboxMessage.find(id, on: req.db) else { throw Abort(.notFound) }
        struct Form: Decodable { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else {
            return try await ConfirmPage.render(req, heading: "Renvoyer ce courriel ?",
                message: "Le courriel « \(message.subject) » à \(message.recipient) sera remis dans la file d'envoi et envoyé à nouveau "
                    + "par le serveur SMTP. Dernière réponse du serveur : \(message.lastError ?? "aucune").",
                action: SiteURL.retryOutboxMessage(.value(id)).path, confirmLabel: "Renvoyer le courriel", cancel: SiteURL.outbox.path)
        }
        if try await MailDelivery.retry(id, actor: try req.requireUser(), on: req.db) {
            req.flash("Courriel remis dans la file d'envoi.")
        } else {
            req.flash("Ce courriel n'est pas en échec : il n'y a rien à renvoyer.", kind: "error")
        }
        return req.redirect(to: SiteURL.outbox.path)
    }
}

/// What the outbox form filters on (GET, kept in the URL).
struct OutboxFilters: Sendable, Equatable {
    enum Status: String, CaseIterable, Sendable {
        case pending = "en_attente", sent = "envoye", failed = "refuse"
        var label: String {
            switch self {
            case .pending: "En attente"
            case .sent: "Envoyé"
            case .failed: "Refusé"
            }
        }
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
        case .pending: q.filter(\.$sentAt == nil).filter(\.$status != OutboxMessage.Status.failed.rawValue)
        case .sent: q.filter(\.$sentAt != nil)
        case .failed: q.filter(\.$sentAt == nil).filter(\.$status == OutboxMessage.Status.failed.rawValue)
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
        case "statut": q.sort(\.$status, direction).sort(\.$sentAt, direction)
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
        let failed: Bool
        /// « Renvoyer » (a refused message, national admins).
        let retry: String?
        /// The body with its web addresses as links (`HTML`: text escaped, only http(s) links).
        let body: HTML
        /// Long bodies are folded behind their first line.
        let summary: String?
        /// The body as plain text (exports).
        let text: String

        init(_ m: OutboxMessage, retry: String? = nil) {
            text = m.body
            at = m.createdAt.map(FrenchFormat.dateTime) ?? ""
            recipient = m.recipient
            subject = m.subject
            sent = m.sentAt != nil
            failed = !sent && m.status == OutboxMessage.Status.failed.rawValue
            self.retry = failed ? retry : nil
            if let at = m.sentAt {
                status = "envoyé le " + FrenchFormat.dateTime(at)
            } else if failed {
                status = "refusé : " + (m.lastError ?? "sans réponse du serveur")
            } else if let error = m.lastError {
                status = "en attente (nouvel essai : " + error + ")"
            } else {
                status = "en attente"
            }
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
    /// Whether an SMTP server is configured (`MAILLAGE_SMTP_URL`); else a notice says messages stay here.
    let sending: Bool

    init(filters f: OutboxFilters, list: ListView, messages: [Message], sending: Bool = false) {
        self.sending = sending
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
