import Fluent
import Foundation
import SQLKit

/// More first statements for write transactions (see `TrainingLocks`): on SQLite a write that
/// changes nothing takes the database's write lock before the step reads; on PostgreSQL the row
/// is locked `FOR UPDATE` (or nothing, for a step that only creates).
extension TrainingLocks {
    /// A registration's row (the satisfaction form's one-time token).
    static func lockRegistration(_ id: UUID, on tx: any Database) async throws {
        try await firstWrite("training_registrations", set: "version", id: id, on: tx)
    }

    /// A course's row (its edit).
    static func lockCourse(_ id: UUID, on tx: any Database) async throws {
        try await firstWrite("training_courses", set: "updated_at", id: id, on: tx)
    }

    /// A step that creates a row after reading (a new course, its code checked first): SQLite's
    /// write lock through an update of no row; nothing on PostgreSQL (the unique index decides).
    static func beginWrite(_ table: String, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw("UPDATE \(ident: table) SET id = id WHERE 1 = 0").run()
    }

    private static func firstWrite(_ table: String, set column: String, id: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
        } else {
            try await sql.raw("UPDATE \(ident: table) SET \(ident: column) = \(ident: column) WHERE id = \(bind: id)").run()
        }
    }
}
