import Fluent
import SQLKit

/// The network agenda (issue #13): events with their registrations, the personal secret
/// tokens of the iCalendar feeds, and the `agenda` row of `cache_versions` (the feeds' ETag).
struct CreateAgenda: AsyncMigration {
    var name: String { "019_CreateAgenda" }

    func prepare(on db: any Database) async throws {
        try await db.schema("agenda_events")
            .id()
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("delegation_id", .uuid, .references("delegations", "id"))
            .field("audience", .string, .required)
            .field("all_day", .bool, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("first_day", .string, .required)
            .field("last_day", .string, .required)
            .field("place", .string)
            .field("address", .string)
            .field("online_url", .string)
            .field("description", .string, .required)
            .field("status", .string, .required)
            .field("registration_open", .bool, .required)
            .field("capacity", .int)
            .field("registration_deadline", .string)
            .field("sequence", .int, .required)
            .field("version", .int, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("agenda_registrations")
            .id()
            .field("event_id", .uuid, .required, .references("agenda_events", "id"))
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("registered_by", .uuid)
            .field("registered_by_name", .string, .required)
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("job", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            .create()
        try await db.schema("calendar_feed_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "token")
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "agenda_events_first_day").on("agenda_events").column("first_day").run()
        try await sql.create(index: "agenda_registrations_event").on("agenda_registrations").column("event_id").run()
        try await sql.insert(into: CacheVersions.schema).columns("source", "version")
            .values(SQLBind(CacheSource.agenda.rawValue), SQLBind(1))
            .run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: CacheVersions.schema).where("source", .equal, CacheSource.agenda.rawValue).run()
        for table in ["calendar_feed_tokens", "agenda_registrations", "agenda_events"] { try await db.schema(table).delete() }
    }
}
