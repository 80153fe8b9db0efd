import Fluent
import SQLKit

struct CreateStructures: AsyncMigration {
    var name: String { "003_CreateStructures" }

    func prepare(on db: any Database) async throws {
        try await db.schema("structures")
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("siret", .string, .required)
            .field("name", .string, .required)
            .field("types", .string, .required)
            .field("address", .string)
            .field("postal_code", .string)
            .field("commune", .string, .required)
            .field("department_code", .string, .required, .references("departments", "code"))
            .field("website", .string)
            .field("status", .string, .required)
            .field("joined_on", .string)
            .field("left_on", .string)
            .field("ges_parent_id", .uuid, .references("structures", "id"))
            .field("search_text", .string, .required)
            .unique(on: "siret")
            .create()
        try await db.schema("memberships")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("joined_on", .string, .required)
            .field("left_on", .string)
            .field("leave_reason", .string)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX structures_name_idx ON structures (name)").run()
            try await sql.raw("CREATE INDEX structures_department_idx ON structures (department_code)").run()
            try await sql.raw("CREATE INDEX memberships_structure_idx ON memberships (structure_id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("memberships").delete()
        try await db.schema("structures").delete()
    }
}
