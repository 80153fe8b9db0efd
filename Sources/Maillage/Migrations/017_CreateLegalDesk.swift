import Fluent
import SQLKit

/// The legal desk and the resource library (issue #12): the desk's settings, questions with their
/// status history, messages (internal notes included) and attachments, published notes with their
/// revisions, library resources with their file versions, and the full-text search index (FTS5 on
/// SQLite, a `tsvector` with the `french` configuration on PostgreSQL).
struct CreateLegalDesk: AsyncMigration {
    var name: String { "017_CreateLegalDesk" }

    func prepare(on db: any Database) async throws {
        try await db.schema("legal_settings")
            .id()
            .field("key", .string, .required)
            .field("promised_days", .int, .required)
            .field("reopen_days", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
        try await db.schema("legal_questions")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("department_code", .string, .required)
            .field("asked_by", .uuid)
            .field("asker_name", .string, .required)
            .field("category", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("assignee_id", .uuid)
            .field("shared_with_delegation", .bool, .required)
            .field("asked_at", .datetime, .required)
            .field("asked_on", .string, .required)
            .field("promised_days", .int, .required)
            .field("due_on", .string, .required)
            .field("waiting_since", .string)
            .field("waited_days", .int, .required)
            .field("first_answer_at", .datetime)
            .field("first_answer_on", .string)
            .field("answered_at", .datetime)
            .field("closed_at", .datetime)
            .field("last_activity_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema("legal_question_events")
            .id()
            .field("question_id", .uuid, .required, .references("legal_questions", "id"))
            .field("action", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("at", .datetime, .required)
            .field("on_day", .string, .required)
            .field("by_user", .uuid)
            .field("by_name", .string, .required)
            .create()
        try await db.schema("legal_messages")
            .id()
            .field("question_id", .uuid, .required, .references("legal_questions", "id"))
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("side", .string, .required)
            .field("kind", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("legal_attachments")
            .id()
            .field("question_id", .uuid, .required, .references("legal_questions", "id"))
            .field("message_id", .uuid, .references("legal_messages", "id"))
            .field("file_key", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("internal", .bool, .required)
            .field("uploaded_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("legal_notes")
            .id()
            .field("title", .string, .required)
            .field("theme", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("source_question_id", .uuid)
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("reviewer_id", .uuid)
            .field("valid_until", .string)
            .field("published_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("revision", .int, .required)
            .create()
        try await db.schema("legal_note_revisions")
            .id()
            .field("note_id", .uuid, .required, .references("legal_notes", "id"))
            .field("revision", .int, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("summary", .string, .required)
            .field("changed_by", .uuid)
            .field("changed_by_name", .string, .required)
            .field("changed_at", .datetime, .required)
            .unique(on: "note_id", "revision")
            .create()
        try await db.schema("library_resources")
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("theme", .string, .required)
            .field("audience", .string, .required)
            .field("current_version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("created_by", .uuid)
            .create()
        try await db.schema("library_versions")
            .id()
            .field("resource_id", .uuid, .required, .references("library_resources", "id"))
            .field("number", .int, .required)
            .field("file_key", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("comment", .string, .required)
            .field("uploaded_by", .uuid)
            .field("uploaded_by_name", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .unique(on: "resource_id", "number")
            .create()
        try await db.schema("search_documents")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("audience", .string, .required)
            .field("structure_id", .uuid)
            .field("updated_at", .datetime, .required)
            .create()

        guard let sql = db as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX legal_questions_structure ON legal_questions (structure_id)",
            "CREATE INDEX legal_questions_status ON legal_questions (status, due_on)",
            "CREATE INDEX legal_questions_asked ON legal_questions (asked_on)",
            "CREATE INDEX legal_question_events_question ON legal_question_events (question_id, at)",
            "CREATE INDEX legal_messages_question ON legal_messages (question_id, created_at)",
            "CREATE INDEX legal_attachments_question ON legal_attachments (question_id)",
            "CREATE INDEX legal_notes_status ON legal_notes (status, published_at)",
            "CREATE INDEX library_versions_resource ON library_versions (resource_id, number)",
            "CREATE INDEX search_documents_kind ON search_documents (kind, audience)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector").run()
            try await sql.raw("CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv)").run()
        } else {
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" {
            try await sql.raw("DROP TABLE IF EXISTS search_fts").run()
        }
        for table in ["search_documents", "library_versions", "library_resources", "legal_note_revisions", "legal_notes",
                      "legal_attachments", "legal_messages", "legal_question_events", "legal_questions", "legal_settings"] {
            try await db.schema(table).delete()
        }
    }
}
