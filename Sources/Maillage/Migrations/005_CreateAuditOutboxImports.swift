import Fluent
import SQLKit

struct CreateAuditOutboxImports: AsyncMigration {
    var name: String { "005_CreateAuditOutboxImports" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await db.schema("outbox_messages")
            .id()
            .field("created_at", .datetime)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .create()
        try await db.schema("import_batches")
            .id()
            .field("created_at", .datetime)
            .field("user_id", .uuid)
            .field("filename", .string, .required)
            .field("content", .string, .required)
            .field("applied_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX audit_entries_at_idx ON audit_entries (at)").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["import_batches", "outbox_messages", "audit_entries"] { try await db.schema(table).delete() }
    }
}
