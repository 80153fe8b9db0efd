import Fluent
import SQLKit

struct CreateAccounts: AsyncMigration {
    var name: String { "004_CreateAccounts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .id()
            .field("created_at", .datetime)
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("session_epoch", .int, .required)
            .field("is_active", .bool, .required)
            .field("last_login_at", .datetime)
            .unique(on: "email")
            .create()
        try await db.schema("role_grants")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("delegation_id", .uuid, .references("delegations", "id"))
            .field("structure_id", .uuid, .references("structures", "id"))
            .field("created_at", .datetime)
            .create()
        try await db.schema("one_time_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema("login_attempts")
            .id()
            .field("at", .datetime, .required)
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("succeeded", .bool, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX role_grants_user_idx ON role_grants (user_id)").run()
            try await sql.raw("CREATE INDEX login_attempts_email_idx ON login_attempts (email, at)").run()
            try await sql.raw("CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at)").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["login_attempts", "api_tokens", "one_time_tokens", "role_grants", "users"] {
            try await db.schema(table).delete()
        }
    }
}
