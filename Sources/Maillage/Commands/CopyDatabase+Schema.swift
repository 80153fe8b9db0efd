import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// The source's tables and foreign keys, read from SQLite itself.
enum SQLiteSchema {
    struct Table {
        let name: String
        /// (column, referenced column) of foreign keys to the same table (a GES parent).
        var selfReferences: [(column: String, references: String)] = []
    }

    /// Every table, each after the tables it references (self-references apart).
    static func tablesInForeignKeyOrder(_ db: any SQLDatabase) async throws -> [Table] {
        // Virtual tables (the FTS5 search index) and their shadow tables are SQLite's own: the
        // target builds its index from the copied `search_documents` (`SearchIndex.rebuildVectors`).
        let names = try await db.raw("""
            SELECT t.name FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
            AND COALESCE(t.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'
            AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
                            AND substr(t.name, 1, length(v.name) + 1) = v.name || '_')
            ORDER BY t.name
            """)
            .all().map { try $0.decode(column: "name", as: String.self) }
        var parents: [String: Set<String>] = [:]
        var tables: [String: Table] = [:]
        for name in names {
            var table = Table(name: name)
            let keys = try await db.raw("SELECT \"table\" AS parent, \"from\" AS col, \"to\" AS ref FROM pragma_foreign_key_list(\(bind: name))").all()
            for key in keys {
                let parent = try key.decode(column: "parent", as: String.self)
                if parent == name {
                    let ref = (try? key.decode(column: "ref", as: String?.self)) ?? nil
                    table.selfReferences.append((try key.decode(column: "col", as: String.self), ref ?? "id"))
                } else {
                    parents[name, default: []].insert(parent)
                }
            }
            tables[name] = table
        }
        var ordered: [Table] = []
        var done = Set<String>()
        while ordered.count < names.count {
            let ready = names.filter { !done.contains($0) && (parents[$0] ?? []).isSubset(of: done.union([$0])) }
            guard !ready.isEmpty else {
                throw BackupError("Références circulaires entre les tables \(names.filter { !done.contains($0) }.joined(separator: ", ")) : copie impossible.")
            }
            for name in ready { ordered.append(tables[name]!); done.insert(name) }
        }
        return ordered
    }

    /// Rows of a self-referencing table with every referenced row first (rows whose parent is
    /// absent go last, for PostgreSQL to refuse them as SQLite would have).
    static func parentsFirst(_ rows: [SQLiteRow], references: [(column: String, references: String)]) -> [SQLiteRow] {
        func key(_ data: SQLiteData?) -> String? {
            switch data {
            case nil, .null?: nil
            case .text(let s)?: s.uppercased()
            case .integer(let i)?: String(i)
            case .float(let d)?: String(d)
            case .blob(let b)?: Data(b.readableBytesView).base64EncodedString()
            }
        }
        var placed = Set<String>(), ordered: [SQLiteRow] = [], pending = rows
        while !pending.isEmpty {
            var next: [SQLiteRow] = []
            for row in pending {
                let ready = references.allSatisfy { ref in key(row.column(ref.column)).map { placed.contains(ref.references + ":" + $0) } ?? true }
                if ready {
                    ordered.append(row)
                    for ref in references { if let k = key(row.column(ref.references)) { placed.insert(ref.references + ":" + k) } }
                } else { next.append(row) }
            }
            if next.count == pending.count { return ordered + next }
            pending = next
        }
        return ordered
    }
}

/// The target's tables and column types, read from PostgreSQL's information_schema.
enum PostgresSchema {
    struct Column {
        let name: String
        /// information_schema `data_type` ("uuid", "timestamp with time zone", "ARRAY"…).
        let dataType: String
        let udtName: String
        let generated: Bool
        let serial: Bool

        /// The type a text value is cast to.
        var castType: String {
            switch dataType {
            case "ARRAY": "\"\(udtName.dropFirst())\"[]"
            case "USER-DEFINED": "\"\(udtName)\""
            default: dataType
            }
        }
    }

    static func tables(_ db: any SQLDatabase) async throws -> [String] {
        try await db.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
            .all().map { try $0.decode(column: "table_name", as: String.self) }
    }

    static func columns(of table: String, _ db: any SQLDatabase) async throws -> [Column] {
        try await db.raw("""
            SELECT column_name, data_type, udt_name, is_generated, is_identity, COALESCE(column_default, '') AS column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = \(bind: table) ORDER BY ordinal_position
            """).all().map { row in
            Column(name: try row.decode(column: "column_name", as: String.self),
                   dataType: try row.decode(column: "data_type", as: String.self),
                   udtName: try row.decode(column: "udt_name", as: String.self),
                   generated: try row.decode(column: "is_generated", as: String.self) == "ALWAYS",
                   serial: try row.decode(column: "is_identity", as: String.self) == "YES"
                       || row.decode(column: "column_default", as: String.self).hasPrefix("nextval("))
        }
    }

    /// Identity and serial columns continue after the copied values.
    static func resetSequences(of table: String, columns: [Column], _ db: any SQLDatabase) async throws {
        for column in columns where column.serial {
            try await db.raw("""
                SELECT setval(pg_get_serial_sequence(\(bind: "\"\(table)\""), \(bind: column.name)), COALESCE(MAX(\(ident: column.name)), 0) + 1, false) FROM \(ident: table)
                """).run()
        }
    }
}

/// One SQLite value as a PostgreSQL expression of the target column's type, after the way
/// Fluent's SQLite driver stores each type: UUIDs as text (or 16-byte blobs), dates as seconds
/// since 1970 (REAL) or SQL text, booleans as 0/1, arrays and dictionaries as JSON text.
enum PostgresValue {
    static func expression(_ value: SQLiteData, for column: PostgresSchema.Column, table: String) throws -> SQLQueryString {
        func cast(_ text: String) -> SQLQueryString { "CAST(\(bind: text) AS \(unsafeRaw: column.castType))" }
        func refuse() -> BackupError { BackupError("Table \(table), colonne \(column.name) : valeur \(value) impossible à convertir en \(column.dataType).") }
        switch (value, column.dataType) {
        case (.null, _):
            return "CAST(NULL AS \(unsafeRaw: column.castType))"
        case (.float(let d), "timestamp with time zone"), (.float(let d), "timestamp without time zone"), (.float(let d), "date"):
            return seconds(Double(d), column)
        case (.integer(let i), "timestamp with time zone"), (.integer(let i), "timestamp without time zone"), (.integer(let i), "date"):
            return seconds(Double(i), column)
        case (.blob(let b), "uuid"):
            guard b.readableBytes == 16 else { throw refuse() }
            let bytes = Array(b.readableBytesView)
            return cast(UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                    bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])).uuidString)
        case (.integer(let i), "boolean"): return cast(i != 0 ? "true" : "false")
        case (.float(let d), "boolean"): return cast(d != 0 ? "true" : "false")
        case (.float(let d), "bigint"), (.float(let d), "integer"), (.float(let d), "smallint"):
            guard d.rounded() == d, let i = Int(exactly: d) else { throw refuse() }
            return cast(String(i))
        case (.float(let d), _):
            return cast(d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : "\(d)")
        case (.integer(let i), _): return cast(String(i))
        case (.blob(let b), "bytea"): return cast("\\x" + b.readableBytesView.map { String(format: "%02x", $0) }.joined())
        case (.text(let s), "bytea"): return cast("\\x" + s.utf8.map { String(format: "%02x", $0) }.joined())
        case (.text(let s), "ARRAY"): return cast(try arrayLiteral(s) ?? { throw refuse() }())
        case (.text(let s), _): return cast(s)
        case (.blob(let b), _):
            guard let s = String(bytes: b.readableBytesView, encoding: .utf8) else { throw refuse() }
            return cast(s)
        }
    }

    /// Seconds since 1970 → timestamp (microseconds, like PostgreSQL), in UTC.
    private static func seconds(_ d: Double, _ column: PostgresSchema.Column) -> SQLQueryString {
        switch column.dataType {
        case "timestamp with time zone": "to_timestamp(CAST(\(bind: "\(d)") AS double precision))"
        case "timestamp without time zone": "(to_timestamp(CAST(\(bind: "\(d)") AS double precision)) AT TIME ZONE 'UTC')"
        default: "CAST(to_timestamp(CAST(\(bind: "\(d)") AS double precision)) AT TIME ZONE 'UTC' AS date)"
        }
    }

    /// A JSON array (Fluent's SQLite arrays) as a PostgreSQL array literal: {"a","b"}.
    static func arrayLiteral(_ json: String) -> String? {
        guard let items = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return nil }
        let quoted = items.map { item -> String in
            if item is NSNull { return "NULL" }
            let text = (item as? String) ?? "\(item)"
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}
