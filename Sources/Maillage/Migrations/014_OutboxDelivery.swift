import Fluent
import SQLKit

/// Delivery state of each outbox message (`Mail/`): `status` pending / sent / failed, the
/// attempts made, the server's last answer and the Message-ID it left with. Messages already
/// marked sent stay sent; the others wait for the sender.
struct OutboxDelivery: AsyncMigration {
    var name: String { "014_OutboxDelivery" }

    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await db.schema("outbox_messages").field("status", .string, .required, .sql(.default("pending"))).update()
        try await db.schema("outbox_messages").field("attempts", .int, .required, .sql(.default(0))).update()
        try await db.schema("outbox_messages").field("last_error", .string).update()
        try await db.schema("outbox_messages").field("message_id", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE outbox_messages SET status = 'sent' WHERE sent_at IS NOT NULL").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS outbox_messages_status ON outbox_messages (status)").run()
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP INDEX IF EXISTS outbox_messages_status").run() }
        for field: FieldKey in ["status", "attempts", "last_error", "message_id"] {
            try await db.schema("outbox_messages").deleteField(field).update()
        }
    }
}
