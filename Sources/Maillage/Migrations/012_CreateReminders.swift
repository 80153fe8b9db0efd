import Fluent

/// The Observatory's reminders: each run (campaign, when, who, how many messages and
/// structures) and the structures it reminded, so that none is reminded twice within the
/// delay and the follow-up shows the history.
struct CreateReminders: AsyncMigration {
    var name: String { "012_CreateReminders" }

    func prepare(on db: any Database) async throws {
        try await db.schema("reminder_runs")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("recipients", .int, .required)
            .field("structures", .int, .required)
            .create()
        try await db.schema("reminder_targets")
            .id()
            .field("run_id", .uuid, .required, .references("reminder_runs", "id", onDelete: .cascade))
            .field("structure_id", .uuid, .required, .references("structures", "id", onDelete: .cascade))
            .unique(on: "run_id", "structure_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("reminder_targets").delete()
        try await db.schema("reminder_runs").delete()
    }
}
