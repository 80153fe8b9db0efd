import Fluent

/// When a queued message left (`outbox_messages.sent_at`): empty while it waits. The sender
/// to come sets it; the outbox page shows and filters « en attente » / « envoyé » by it.
struct AddOutboxSentAt: AsyncMigration {
    var name: String { "011_AddOutboxSentAt" }

    func prepare(on db: any Database) async throws {
        try await db.schema("outbox_messages").field("sent_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("outbox_messages").deleteField("sent_at").update()
    }
}
