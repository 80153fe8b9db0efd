import Fluent
import SQLKit

/// Quality (issue #14): the standards as data, each structure's certifications with their events,
/// documents and reminders, the delegates' mock audits, and the CAP self-assessment (a
/// questionnaire per year, assessments with their answers and frozen scores, the action plan).
struct CreateQuality: AsyncMigration {
    var name: String { "020_CreateQuality" }

    func prepare(on db: any Database) async throws {
        try await db.schema("quality_standards")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("cycle_years", .int, .required)
            .field("surveillance_months", .int, .required)
            .field("group_certification", .bool, .required)
            .field("public_label", .bool, .required)
            .field("reminder_days", .string, .required)
            .field("active", .bool, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("quality_certifications")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("standard_id", .uuid, .required, .references("quality_standards", "id"))
            .field("status", .string, .required)
            .field("engaged_on", .string, .required)
            .field("audit_on", .string)
            .field("audit_kind", .string)
            .field("certified_on", .string)
            .field("decision_on", .string)
            .field("expires_on", .string)
            .field("renewals", .int, .required)
            .field("body", .string, .required)
            .field("auditor", .string, .required)
            .field("note", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("quality_certification_events")
            .id()
            .field("certification_id", .uuid, .required, .references("quality_certifications", "id"))
            .field("action", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("on_day", .string, .required)
            .field("expires_on", .string)
            .field("audit_kind", .string)
            .field("note", .string, .required)
            .field("actor_id", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .create()
        try await db.schema("quality_certification_documents")
            .id()
            .field("certification_id", .uuid, .required, .references("quality_certifications", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("file_key", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .create()
        try await db.schema("quality_mock_audits")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("standard_id", .uuid, .required, .references("quality_standards", "id"))
            .field("held_on", .string, .required)
            .field("auditor_id", .uuid, .references("users", "id"))
            .field("auditor_name", .string, .required)
            .field("readiness", .string, .required)
            .field("strengths", .string, .required)
            .field("findings", .string, .required)
            .field("recommendations", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("quality_reminders")
            .id()
            .field("certification_id", .uuid, .required, .references("quality_certifications", "id"))
            .field("kind", .string, .required)
            .field("target_on", .string, .required)
            .field("days_before", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "certification_id", "kind", "target_on", "days_before")
            .create()

        try await db.schema("cap_questionnaires")
            .id()
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("scale_labels", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
        try await db.schema("cap_questions")
            .id()
            .field("questionnaire_id", .uuid, .required, .references("cap_questionnaires", "id"))
            .field("axis", .string, .required)
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("text", .string, .required)
            .field("help", .string, .required)
            .field("scale_max", .int, .required)
            .field("weight", .int, .required)
            .unique(on: "questionnaire_id", "code")
            .create()
        try await db.schema("cap_assessments")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("year", .int, .required)
            .field("questionnaire_id", .uuid, .required, .references("cap_questionnaires", "id"))
            .field("status", .string, .required)
            .field("submitted_at", .datetime)
            .field("submitted_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "structure_id", "year")
            .create()
        try await db.schema("cap_answers")
            .id()
            .field("assessment_id", .uuid, .required, .references("cap_assessments", "id"))
            .field("question_id", .uuid, .required, .references("cap_questions", "id"))
            .field("value", .int)
            .field("comment", .string, .required)
            .unique(on: "assessment_id", "question_id")
            .create()
        try await db.schema("cap_scores")
            .id()
            .field("assessment_id", .uuid, .required, .references("cap_assessments", "id"))
            .field("axis", .string, .required)
            .field("points", .int64, .required)
            .field("max_points", .int64, .required)
            .unique(on: "assessment_id", "axis")
            .create()
        try await db.schema("cap_actions")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("axis", .string, .required)
            .field("title", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("created_year", .int, .required)
            .field("done_on", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()

        for standard in Self.standards { try await standard.create(on: db) }

        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX quality_certifications_structure ON quality_certifications (structure_id)").run()
        try await sql.raw("CREATE INDEX quality_certification_events_cert ON quality_certification_events (certification_id)").run()
        try await sql.raw("CREATE INDEX cap_assessments_year ON cap_assessments (year, status)").run()
        try await sql.raw("CREATE INDEX cap_actions_structure ON cap_actions (structure_id)").run()
    }

    /// The standards every federation starts with (SPEC §6); admins add others.
    static var standards: [QualityStandard] {
        [
            QualityStandard(code: "CEDRE", name: "CEDRE",
                            description: "Le référentiel qualité de la fédération pour les structures d'insertion : accueil, accompagnement et engagements réciproques avec chaque personne en parcours.",
                            cycleYears: 3, surveillanceMonths: 12, position: 1),
            QualityStandard(code: "CEDRE-ISO", name: "CEDRE ISO 9001",
                            description: "La certification de groupe CEDRE adossée à l'ISO 9001, avec des audits croisés entre structures certifiées.",
                            cycleYears: 3, surveillanceMonths: 12, groupCertification: true, position: 2),
            QualityStandard(code: "QUALIOPI", name: "Qualiopi",
                            description: "La certification nationale des organismes de formation, exigée pour les financements publics et mutualisés.",
                            cycleYears: 3, surveillanceMonths: 18, position: 3),
            QualityStandard(code: "CAP-RSE", name: "CAP RSE",
                            description: "Le label de responsabilité sociétale construit avec l'AFNOR sur la norme ISO 26000, préparé par l'auto-diagnostic CAP.",
                            cycleYears: 3, surveillanceMonths: 18, position: 4),
        ]
    }

    func revert(on db: any Database) async throws {
        for table in ["cap_actions", "cap_scores", "cap_answers", "cap_assessments", "cap_questions", "cap_questionnaires",
                      "quality_reminders", "quality_mock_audits", "quality_certification_documents",
                      "quality_certification_events", "quality_certifications", "quality_standards"] {
            try await db.schema(table).delete()
        }
    }
}
