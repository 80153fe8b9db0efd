import Fluent
import SQLKit

/// The Observatory: campaigns (questionnaire and settings frozen per campaign), answers
/// (one per structure, type and campaign) and uploaded answers files awaiting application.
struct CreateObservatory: AsyncMigration {
    var name: String { "008_CreateObservatory" }

    func prepare(on db: any Database) async throws {
        try await db.schema("campaigns")
            .id()
            .field("created_at", .datetime)
            .field("closed_at", .datetime)
            .field("year", .int, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("status", .string, .required)
            .field("k", .int, .required)
            .field("unemployed_etp_cost", .string, .required)
            .field("divisors", .string, .required)
            .field("questionnaire", .string, .required)
            .field("answers_version", .int, .required)
            .unique(on: "year")
            .create()
        try await db.schema("survey_answers")
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("structure_id", .uuid, .required, .references("structures", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("status", .string, .required)
            .field("values", .string, .required)
            .field("department_code", .string, .required)
            .field("warnings_confirmed", .bool, .required)
            .field("return_comment", .string)
            .field("submitted_at", .datetime)
            .field("validated_at", .datetime)
            .field("validated_by", .uuid)
            .unique(on: "campaign_id", "structure_id", "type")
            .create()
        try await db.schema("answer_import_batches")
            .id()
            .field("created_at", .datetime)
            .field("user_id", .uuid)
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content", .string, .required)
            .field("applied_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX survey_answers_structure_idx ON survey_answers (structure_id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["answer_import_batches", "survey_answers", "campaigns"] { try await db.schema(table).delete() }
    }
}
