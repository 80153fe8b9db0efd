import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// `maillage copy-database --to postgres://…`: copies every table of the SQLite database into an
/// empty PostgreSQL database, for moving an installation from SQLite to PostgreSQL.
/// Everything happens in one PostgreSQL transaction — the app's migrations (so the schema is the
/// app's own), the rows table by table in foreign-key order, the row counts checked — so a
/// failure leaves the target as empty as it was. The source is read in one SQLite transaction
/// (one snapshot, safe while serving).
struct CopyDatabaseCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "Base PostgreSQL cible, vide (postgres://utilisateur:motdepasse@hôte:5432/base)") var to: String?
    }
    var help: String { "Copie la base SQLite dans une base PostgreSQL vide (passage de SQLite à PostgreSQL)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            guard let url = signature.to, url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw BackupError("Indiquez la base cible : --to postgres://utilisateur:motdepasse@hôte:5432/base")
            }
            guard app.config.databaseURL == nil else {
                throw BackupError("copy-database copie la base SQLite (DATABASE_PATH) : retirez DATABASE_URL de l'environnement de cette commande.")
            }
            var pg: SQLPostgresConfiguration
            do { pg = try SQLPostgresConfiguration(url: url) } catch { throw BackupError("Adresse PostgreSQL illisible : \(url)") }
            pg.searchPath = ["public"]
            let targetID = DatabaseID(string: "copy-target")
            app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 1), as: targetID, isDefault: false)
            let report = try await DatabaseCopy(source: app.db, target: app.db(targetID), logger: app.logger).run()
            for (table, rows) in report {
                context.console.print("  \(table) : " + FrenchFormat.plural(rows, "ligne", "lignes"))
            }
            context.console.print("Copie terminée : \(FrenchFormat.plural(report.count, "table", "tables")), "
                                  + "\(FrenchFormat.plural(report.reduce(0) { $0 + $1.rows }, "ligne", "lignes")), comptes vérifiés. "
                                  + "Servez maintenant avec DATABASE_URL=<la base cible>.")
        } catch let error as BackupError {
            context.console.error(error.description)
            throw ExitError(code: 1)
        }
    }
}

/// The copy itself, on two databases (source SQLite, target PostgreSQL).
struct DatabaseCopy {
    let source: any Database
    let target: any Database
    let logger: Logger
    /// Rows per INSERT (PostgreSQL allows 65 535 bound values per statement).
    var batch = 200

    /// Copies and returns each table with its row count, in the order copied.
    func run() async throws -> [(table: String, rows: Int)] {
        guard source is any SQLiteDatabase, target is any SQLDatabase else { throw BackupError("copy-database copie une base SQLite vers PostgreSQL.") }
        let known = Migrations.all.map(\.name)
        do { try await requireEmpty(target as! any SQLDatabase) } catch let error as BackupError { throw error } catch {
            throw BackupError("Connexion à la base cible impossible : \(String(reflecting: error))")
        }
        return try await source.transaction { src in
            let sqlite = src as! any SQLDatabase
            let applied = try await BackupCommand.appliedMigrations(on: src)
            guard Set(applied) == Set(known) else {
                throw BackupError("La base source n'est pas au niveau de cette version de Maillage (migrations appliquées : \(applied.count) sur \(known.count)) : lancez d'abord maillage migrate.")
            }
            let tables = try await SQLiteSchema.tablesInForeignKeyOrder(sqlite)
            return try await target.transaction { tx in
                let pg = tx as! any SQLDatabase
                try await pg.raw("SET LOCAL TIME ZONE 'UTC'").run()
                // The app's own schema, built by its migrations inside this transaction.
                try await MigrationLog.migration.prepare(on: tx).get()
                for migration in Migrations.all { try await migration.prepare(on: tx).get() }
                let targetTables = try await PostgresSchema.tables(pg)
                guard Set(targetTables) == Set(tables.map(\.name)) else {
                    throw BackupError("Les tables de la source et de la cible diffèrent : "
                                      + Set(targetTables).symmetricDifference(tables.map(\.name)).sorted().joined(separator: ", "))
                }
                // Seed rows written by the migrations are replaced by the source's own rows
                // (`_fluent_migrations` included: the target records the source's history).
                try await pg.raw("TRUNCATE \(idents: targetTables, joinedBy: ", ")").run()
                var report: [(table: String, rows: Int)] = []
                for table in tables {
                    let columns = try await PostgresSchema.columns(of: table.name, pg)
                    let copied = try await copy(table, columns: columns, from: src as! any SQLiteDatabase, to: pg)
                    let expected = try await count(table.name, sqlite)
                    let written = try await count(table.name, pg)
                    guard copied == expected, written == expected else {
                        throw BackupError("Table \(table.name) : \(expected) lignes dans la source, \(written) dans la cible. Copie annulée.")
                    }
                    try await PostgresSchema.resetSequences(of: table.name, columns: columns, pg)
                    if table.name == SearchDocumentRecord.schema { try await SearchIndex.rebuildVectors(on: pg) }
                    report.append((table.name, written))
                }
                return report
            }
        }
    }

    /// Refuses a target with any table holding rows (or any table at all: the migrations create them).
    private func requireEmpty(_ pg: any SQLDatabase) async throws {
        let tables = try await PostgresSchema.tables(pg)
        var filled: [String] = []
        for table in tables {
            if try await count(table, pg) > 0 { filled.append(table) }
        }
        if !filled.isEmpty {
            throw BackupError("Copie refusée : la base cible n'est pas vide (tables avec des lignes : \(filled.joined(separator: ", "))). "
                              + "Copiez dans une base neuve (createdb).")
        }
        if !tables.isEmpty {
            throw BackupError("Copie refusée : la base cible contient déjà des tables (\(tables.joined(separator: ", "))). Copiez dans une base neuve (createdb).")
        }
    }

    private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private func count(_ table: String, _ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Copies one table page by page (rowid order); a table that references itself is read
    /// whole and ordered so that every row comes after the row it points to.
    private func copy(_ table: SQLiteSchema.Table, columns: [PostgresSchema.Column], from sqlite: any SQLiteDatabase,
                      to pg: any SQLDatabase) async throws -> Int {
        // Columns the target computes from the others (the search vectors) are not copied.
        let insertable = columns.filter { !$0.generated && !(SearchIndex.derivedColumns[table.name] ?? []).contains($0.name) }
        var copied = 0
        func insert(_ rows: [SQLiteRow]) async throws {
            guard !rows.isEmpty else { return }
            for row in rows {
                let unknown = row.columns.map(\.name).filter { name in name != "__copy_rowid" && !insertable.contains { $0.name == name } }
                if !unknown.isEmpty { throw BackupError("Table \(table.name) : colonnes absentes de la cible : \(unknown.joined(separator: ", ")).") }
                let missing = insertable.map(\.name).filter { name in row.column(name) == nil }
                if !missing.isEmpty { throw BackupError("Table \(table.name) : colonnes absentes de la source : \(missing.joined(separator: ", ")).") }
            }
            var values: [SQLQueryString] = []
            for row in rows {
                let cells = try insertable.map { column in
                    try PostgresValue.expression(row.column(column.name) ?? .null, for: column, table: table.name)
                }
                values.append("(\(cells.joined(separator: ", ")))")
            }
            let names = insertable.map(\.name)
            try await pg.raw("INSERT INTO \(ident: table.name) (\(idents: names, joinedBy: ", ")) VALUES \(values.joined(separator: ", "))").run()
            copied += rows.count
        }
        if !table.selfReferences.isEmpty {
            let rows = try await sqlite.query("SELECT * FROM \(quoted(table.name)) ORDER BY rowid", [])
            let ordered = SQLiteSchema.parentsFirst(rows, references: table.selfReferences)
            for start in stride(from: 0, to: ordered.count, by: batch) { try await insert(Array(ordered[start..<min(ordered.count, start + batch)])) }
            return copied
        }
        var last = Int.min
        while true {
            let page = try await sqlite.query("SELECT rowid AS __copy_rowid, * FROM \(quoted(table.name)) WHERE rowid > ? ORDER BY rowid LIMIT \(batch)",
                                              [.integer(last)])
            guard let tail = page.last else { return copied }
            try await insert(page)
            guard case .integer(let rowid) = tail.column("__copy_rowid") else { return copied }
            last = rowid
        }
    }
}
