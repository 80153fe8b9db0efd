import Fluent
import Foundation
import SQLKit

/// Gap-free number series for calls (`calls-2026` → `2026-0001`) and credit notes
/// (`credits-2026` → `AV-2026-0001`).
///
/// Numbers are taken inside the transaction that writes the numbered records: the row of the
/// series is updated first (`UPDATE … SET last = last + n … RETURNING last`), which takes its
/// row lock on PostgreSQL and the database's write lock on SQLite (one writer), and holds it
/// until the transaction ends. A concurrent run waits, then sees the committed records; a
/// rolled-back run gives its numbers back with everything else, so there is never a gap.
enum DuesNumbering {
    enum Failure: Error { case noSQL, noRow(String) }

    static func callSeries(_ year: Int) -> String { "calls-\(year)" }
    static func creditSeries(_ year: Int) -> String { "credits-\(year)" }

    /// Takes `n` numbers of `series` (n ≥ 1) and returns them. Must be called inside the
    /// caller's transaction.
    static func take(_ n: Int, series: String, on tx: any Database) async throws -> ClosedRange<Int> {
        precondition(n >= 1, "a count of numbers")
        let last = try await advance(n, series: series, on: tx)
        return (last - n + 1)...last
    }

    /// Locks the series without taking a number: what a generation does first, before it reads
    /// who still has no call.
    static func lock(series: String, on tx: any Database) async throws {
        _ = try await advance(0, series: series, on: tx)
    }

    /// The same lock where only PostgreSQL needs it: steps that do not take numbers (a grid edit, a
    /// base change, a direct-debit run) but must take turns with a run. On SQLite such steps already
    /// take turns in the process (`Database.writeTransaction`).
    static func lockOnPostgres(series: String, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        _ = try await advance(0, series: series, on: tx)
    }

    /// Moves the series by `n` and returns its new last number. Its first statement is a write,
    /// so that SQLite takes the write lock before anything is read in the transaction.
    private static func advance(_ n: Int, series: String, on tx: any Database) async throws -> Int {
        guard let sql = tx as? any SQLDatabase else { throw Failure.noSQL }
        // The series row, once: a concurrent first insert waits for the other and does nothing.
        try await sql.raw("""
            INSERT INTO dues_sequences (id, series, last) VALUES (\(bind: UUID()), \(bind: series), 0)
            ON CONFLICT (series) DO NOTHING
            """).run()
        guard let row = try await sql.raw("""
            UPDATE dues_sequences SET last = last + \(bind: n) WHERE series = \(bind: series) RETURNING last
            """).first() else { throw Failure.noRow(series) }
        return try row.decode(column: "last", as: Int.self)
    }

    /// « 2026-0001 »: four digits at least, more past 9 999.
    static func callNumber(year: Int, seq: Int) -> String { "\(year)-\(padded(seq))" }

    /// « AV-2026-0001 ».
    static func creditNumber(year: Int, seq: Int) -> String { "AV-\(year)-\(padded(seq))" }

    static func padded(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
