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

/// A message waiting to be sent; real sending comes later, admins read them meanwhile.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// When the message left; nil while it waits (migration 011).
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
    init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// Queues e-mails: one row of `outbox_messages` per recipient, written on the caller's
/// database (inside its transaction, so a rolled-back change sends nothing). Real sending
/// will read the rows; callers do not change.
struct Outbox: Sendable {
    func queue(to recipient: String, subject: String, body: String, on db: any Database) async throws {
        try await OutboxMessage(recipient: recipient, subject: subject, body: body).create(on: db)
    }

    /// The same message to each recipient once, in a stable order.
    func queue(to recipients: [String], subject: String, body: String, on db: any Database) async throws {
        for r in Set(recipients).sorted() { try await queue(to: r, subject: subject, body: body, on: db) }
    }
}
