import Fluent
import Foundation

/// Who changed what, when: one row per create, update or delete of a register record.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}
}

/// A message to send: queued in the caller's transaction, delivered by the `mail.send` job
/// (`Mail/MailDelivery.swift`) when SMTP is configured, read by admins on the outbox page.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    /// Where a message stands (migration 014).
    enum Status: String, Sendable { case pending, sent, failed }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// When the message left; nil while it waits (migration 011).
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// `pending`, `sent` or `failed` (refused for good, or attempts exhausted).
    @Field(key: "status") var status: String
    /// Sending attempts made.
    @Field(key: "attempts") var attempts: Int
    /// The server's last answer (or why the connection failed).
    @OptionalField(key: "last_error") var lastError: String?
    /// The Message-ID it left (or will leave) with, kept across attempts.
    @OptionalField(key: "message_id") var messageID: String?

    init() {}
    init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        status = Status.pending.rawValue
        attempts = 0
    }
}

/// Queues e-mails: one row of `outbox_messages` per recipient and its `mail.send` job, written
/// on the caller's database (inside its transaction, so a rolled-back change sends nothing).
struct Outbox: Sendable {
    func queue(to recipient: String, subject: String, body: String, on db: any Database) async throws {
        let message = OutboxMessage(recipient: recipient, subject: subject, body: body)
        try await message.create(on: db)
        try await Self.enqueueDelivery(of: message.requireID(), on: db)
    }

    /// The same message to each recipient once, in a stable order.
    func queue(to recipients: [String], subject: String, body: String, on db: any Database) async throws {
        for r in Set(recipients).sorted() { try await queue(to: r, subject: subject, body: body, on: db) }
    }

    /// The `mail.send` job of a message (one active job per message: a double retry adds none).
    static func enqueueDelivery(of id: UUID, on db: any Database) async throws {
        try await JobQueue.enqueue(MailDelivery.kind, payload: MailDelivery.Payload(message: id),
                                   uniqueKey: "\(MailDelivery.kind):\(id.uuidString.lowercased())",
                                   maxAttempts: MailDelivery.maxAttempts, on: db)
    }
}
