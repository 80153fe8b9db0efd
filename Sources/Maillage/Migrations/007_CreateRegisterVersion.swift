import Fluent
import SQLKit

/// One row, one number: bumped by every write to the register, read by every directory page
/// to know whether this instance's snapshot is still current.
struct CreateRegisterVersion: AsyncMigration {
    var name: String { "007_CreateRegisterVersion" }

    func prepare(on db: any Database) async throws {
        try await db.schema("register_version")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        try await (db as! any SQLDatabase).insert(into: "register_version").columns("id", "version").values(SQLBind(1), SQLBind(1)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("register_version").delete()
    }
}
