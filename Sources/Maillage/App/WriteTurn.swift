import Fluent
import SQLKit

/// SQLite has one writer. sqlite-nio answers a locked database by retrying at once, forever, on a
/// thread of the shared pool (2 threads on 2 cores): a few transactions waiting for the write lock
/// can take every thread, and the one holding the lock then never gets a thread to finish — the
/// process hangs. A step that writes first (a numbered run, a payment, a credit note: they lock a
/// row before reading, `DuesNumbering`, `DuesCallService.lockCall`) therefore waits for its turn
/// here, without a thread, before it begins: one such transaction at a time in the process.
/// PostgreSQL needs none of this (row locks wait on the server); several instances need PostgreSQL.
actor WriteTurn {
    static let shared = WriteTurn()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

extension Database {
    /// `transaction`, taking the process's SQLite write turn first (`WriteTurn`) unless this is
    /// already inside a transaction (an import applying its lines) or on PostgreSQL. On SQLite the
    /// transaction's first statement is a write that changes nothing: it takes the database's write
    /// lock before the step reads anything. A transaction that reads and then writes fails at once
    /// (« database is locked », a stale snapshot in WAL mode) when another connection wrote in
    /// between — a session cookie saved, say, which takes no turn — whereas a first write waits.
    func writeTransaction<T: Sendable>(_ body: @Sendable @escaping (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await transaction(body) }
        await WriteTurn.shared.take()
        do {
            let result = try await transaction { tx in
                try await (tx as! any SQLDatabase).raw("UPDATE cache_versions SET version = version WHERE 1 = 0").run()
                return try await body(tx)
            }
            await WriteTurn.shared.give()
            return result
        } catch {
            await WriteTurn.shared.give()
            throw error
        }
    }
}
