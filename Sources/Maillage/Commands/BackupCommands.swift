import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor
import ZIPFoundation

/// `maillage backup FILE`: one ZIP archive with a consistent copy of the SQLite database
/// (`VACUUM INTO` reads one snapshot, safe while serving), the whole files directory (uploads,
/// prepared exports) and a manifest (format, date, migrations, SHA-256 of every entry).
/// With PostgreSQL the database is saved by `pg_dump` (printed), the archive holds the files.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Archive de sauvegarde à créer (.zip)") var file: String
    }
    var help: String { "Sauvegarde la base SQLite et les fichiers dans une archive (PostgreSQL : pg_dump pour la base)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let archive = URL(fileURLWithPath: signature.file)
        let scratch = archive.deletingLastPathComponent().appendingPathComponent(".maillage-backup-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            guard !FileManager.default.fileExists(atPath: archive.path) else {
                throw BackupError("Le fichier \(archive.path) existe déjà : choisissez un autre nom (une sauvegarde n'en écrase jamais une autre).")
            }
            let migrations = try await Self.appliedMigrations(on: app.db)
            var database: URL? = nil
            if app.config.databaseURL == nil {
                guard let sql = app.db as? any SQLDatabase else { return }
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
                database = scratch.appendingPathComponent(BackupManifest.databaseEntry)
                try await sql.raw("VACUUM INTO \(literal: database!.path)").run()
            }
            let manifest = try BackupArchive.write(to: archive, database: database,
                                                   filesDirectory: URL(fileURLWithPath: app.config.filesDirectory),
                                                   migrations: migrations)
            context.console.print("Sauvegarde écrite : \(archive.path) ("
                                  + (database == nil ? "" : "base SQLite, ")
                                  + FrenchFormat.plural(manifest.fileCount, "fichier", "fichiers") + ").")
            if database == nil {
                context.console.print("Base PostgreSQL : l'archive ne contient que les fichiers. Sauvegardez la base avec pg_dump, par exemple\n"
                                      + "  pg_dump --format=custom --file=maillage-$(date +%F).dump \"$DATABASE_URL\"")
            }
        } catch let error as BackupError {
            context.console.error(error.description)
            throw ExitError(code: 1)
        }
    }

    /// The applied migrations, in the order they ran.
    static func appliedMigrations(on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at, name").all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }
}

/// `maillage restore FILE`: puts a backup back into an empty data directory (no database file at
/// DATABASE_PATH, files directory empty or absent). The archive is checked whole (manifest,
/// SHA-256 of every entry) before anything is written; then each part is written beside its
/// place and moved in, so a failure leaves the data directory as it was.
/// With PostgreSQL only the files are restored (the database comes back with pg_restore).
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Archive de sauvegarde (faite par maillage backup)") var file: String
    }
    var help: String { "Restaure une sauvegarde dans un dossier de données vide (SQLite ; PostgreSQL : les fichiers seulement)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let postgres = app.config.databaseURL != nil
        do {
            let target = BackupRestore.Target(databasePath: postgres ? nil : app.config.databasePath,
                                              filesDirectory: app.config.filesDirectory)
            let manifest = try BackupRestore.restore(URL(fileURLWithPath: signature.file), into: target,
                                                     knownMigrations: Migrations.all.map(\.name))
            context.console.print("Sauvegarde du \(FrenchFormat.dateTime(manifest.createdAt)) restaurée : "
                                  + (postgres ? "" : "base \(app.config.databasePath), ")
                                  + FrenchFormat.plural(manifest.fileCount, "fichier", "fichiers") + " dans \(app.config.filesDirectory).")
            if postgres {
                context.console.print("Base PostgreSQL : seuls les fichiers ont été restaurés ; restaurez la base avec pg_restore.")
            }
        } catch let error as BackupError {
            context.console.error(error.description)
            throw ExitError(code: 1)
        }
    }
}

enum BackupRestore {
    /// Where a backup goes: the SQLite file (nil: PostgreSQL, files only) and the files directory.
    struct Target {
        var databasePath: String?
        var filesDirectory: String
    }

    static func restore(_ archive: URL, into target: Target, knownMigrations: [String]) throws -> BackupManifest {
        let fm = FileManager.default
        guard fm.fileExists(atPath: archive.path) else { throw BackupError("Fichier introuvable : \(archive.path)") }
        try requireEmpty(target)
        let (zip, manifest) = try BackupArchive.verify(archive, knownMigrations: knownMigrations)
        if target.databasePath != nil, manifest.database != "sqlite" {
            throw BackupError("Cette sauvegarde ne contient pas de base (elle a été faite sur PostgreSQL) : restaurez la base avec pg_restore.")
        }

        let files = URL(fileURLWithPath: target.filesDirectory, isDirectory: true).standardizedFileURL
        let token = UUID().uuidString.prefix(8)
        let stagedFiles = files.deletingLastPathComponent().appendingPathComponent(".\(files.lastPathComponent).restore-\(token)")
        let database = target.databasePath.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let stagedDatabase = database.map { $0.deletingLastPathComponent().appendingPathComponent(".\($0.lastPathComponent).restore-\(token)") }
        var movedFiles = false
        defer {
            try? fm.removeItem(at: stagedFiles)
            if let stagedDatabase { try? fm.removeItem(at: stagedDatabase) }
        }
        do {
            // 1. Everything is written beside its place, checked again as it is written.
            try fm.createDirectory(at: stagedFiles, withIntermediateDirectories: true)
            for entry in manifest.entries where entry.path.hasPrefix(BackupManifest.filesPrefix) {
                let relative = String(entry.path.dropFirst(BackupManifest.filesPrefix.count))
                try write(entry, from: zip, to: stagedFiles.appendingPathComponent(relative))
            }
            if let stagedDatabase, let entry = manifest.entries.first(where: { $0.path == BackupManifest.databaseEntry }) {
                try fm.createDirectory(at: stagedDatabase.deletingLastPathComponent(), withIntermediateDirectories: true)
                try write(entry, from: zip, to: stagedDatabase)
            }
            // 2. Then moved in: the files directory, then the database (its presence means "restored").
            try requireEmpty(target)
            if fm.fileExists(atPath: files.path) { try fm.removeItem(at: files) }
            try fm.moveItem(at: stagedFiles, to: files)
            movedFiles = true
            if let database, let stagedDatabase {
                guard link(stagedDatabase.path, database.path) == 0 else {
                    throw BackupError("Impossible de créer \(database.path) : \(String(cString: strerror(errno))).")
                }
            }
        } catch {
            if movedFiles { try? fm.removeItem(at: files) }
            if let error = error as? BackupError { throw error }
            throw BackupError("Restauration interrompue, rien n'a été restauré : \(error)")
        }
        return manifest
    }

    /// Refuses a data directory that holds anything: a restore never mixes two installations.
    static func requireEmpty(_ target: Target) throws {
        let fm = FileManager.default
        if let path = target.databasePath {
            for candidate in [path, path + "-wal", path + "-shm"] where fm.fileExists(atPath: candidate) {
                throw BackupError("Restauration refusée : la base \(candidate) existe déjà. Restaurez dans un dossier de données vide "
                                  + "(changez DATABASE_PATH ou déplacez l'ancienne base).")
            }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target.filesDirectory, isDirectory: &isDirectory) {
            let content = isDirectory.boolValue ? ((try? fm.contentsOfDirectory(atPath: target.filesDirectory)) ?? ["?"]) : ["?"]
            if !content.isEmpty {
                throw BackupError("Restauration refusée : le dossier des fichiers \(target.filesDirectory) n'est pas vide. "
                                  + "Restaurez dans un dossier de données vide.")
            }
        }
    }

    private static func write(_ entry: BackupManifest.Entry, from zip: ZIPFoundation.Archive, to url: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard fm.createFile(atPath: url.path, contents: nil) else { throw BackupError("Impossible d'écrire \(url.path).") }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try BackupArchive.extract(entry, from: zip) { try handle.write(contentsOf: $0) }
        try handle.synchronize()
    }
}
