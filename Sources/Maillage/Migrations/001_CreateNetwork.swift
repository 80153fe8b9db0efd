import Fluent

struct CreateNetwork: AsyncMigration {
    var name: String { "001_CreateNetwork" }

    func prepare(on db: any Database) async throws {
        try await db.schema("departments")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .create()
        try await db.schema("delegations")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("valid_from", .int, .required)
            .field("valid_to", .int)
            .unique(on: "code", "valid_from")
            .create()
        try await db.schema("commissions")
            .id()
            .field("delegation_id", .uuid, .required, .references("delegations", "id"))
            .field("name", .string, .required)
            .create()
        try await db.schema("delegation_map_entries")
            .id()
            .field("department_code", .string, .required, .references("departments", "code"))
            .field("delegation_id", .uuid, .required, .references("delegations", "id"))
            .field("commission_id", .uuid, .references("commissions", "id"))
            .field("valid_from", .int, .required)
            .field("valid_to", .int)
            .unique(on: "department_code", "valid_from")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["delegation_map_entries", "commissions", "delegations", "departments"] {
            try await db.schema(table).delete()
        }
    }
}
