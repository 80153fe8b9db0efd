import Fluent

/// Database sessions, shared by every app instance (`DatabaseSessionDriver`).
struct CreateSessions: AsyncMigration {
    var name: String { "006_CreateSessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .id()
            .field("key_hash", .string, .required)
            .field("data", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("sessions").delete()
    }
}
