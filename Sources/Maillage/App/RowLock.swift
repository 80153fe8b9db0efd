import Fluent
import Foundation
import SQLKit

/// A row locked for the rest of the transaction, as the first statement of a step that reads what
/// it then decides on (the seats of a session, an event's capacity, a call's payments). On
/// PostgreSQL a second step on the same row waits for the first to commit (`FOR UPDATE`). On SQLite
/// there is nothing to do: `writeTransaction` already holds the database's only write lock.
enum RowLock {
    static func lock(_ table: String, _ id: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}
