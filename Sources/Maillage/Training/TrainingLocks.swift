import Fluent
import Foundation
import SQLKit

/// Row locks for the steps that count seats. Call inside `db.writeTransaction`, first, before
/// reading what the step decides on. On PostgreSQL the row is locked (`FOR UPDATE`) until the
/// transaction ends, so two managers taking the last seat at once are served one after the
/// other. On SQLite the step writes first (a no-op update of the row): the transaction then holds
/// the database's write lock from its first statement, whereas a transaction that reads and
/// then writes fails at once (« database is locked ») when another connection wrote in between
/// — a session cookie saved, say.
enum TrainingLocks {
    static func lockSession(_ id: UUID, on tx: any Database) async throws {
        try await lock("training_sessions", id, on: tx)
    }

    static func lockEvent(_ id: UUID, on tx: any Database) async throws {
        try await lock("agenda_events", id, on: tx)
    }

    private static func lock(_ table: String, _ id: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
        } else {
            try await sql.raw("UPDATE \(ident: table) SET version = version WHERE id = \(bind: id)").run()
        }
    }
}
