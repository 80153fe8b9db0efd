import Fluent

/// Published releases of a campaign's figures: each frozen (the answers and members it was
/// computed from, and its figures documents as downloaded), numbered within its campaign.
struct CreateObservatoryReleases: AsyncMigration {
    var name: String { "009_CreateObservatoryReleases" }

    func prepare(on db: any Database) async throws {
        try await db.schema("observatory_releases")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid)
            .field("answers", .int, .required)
            .field("snapshot", .string, .required)
            .unique(on: "campaign_id", "number")
            .create()
        try await db.schema("observatory_release_documents")
            .id()
            .field("release_id", .uuid, .required, .references("observatory_releases", "id", onDelete: .cascade))
            .field("scope", .string, .required)
            .field("json", .string, .required)
            .unique(on: "release_id", "scope")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("observatory_release_documents").delete()
        try await db.schema("observatory_releases").delete()
    }
}
