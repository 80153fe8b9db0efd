import Foundation
import Testing
import ZIPFoundation
@testable import Maillage

/// Backup archives: manifest checks, round trip, and every refusal leaving the target untouched.
@Suite("Backup archives")
struct BackupArchiveTests {
    let known = ["Maillage.CreateNetwork", "Maillage.CreateStructures"]

    /// A scratch directory with a fake database file and a files directory of two files.
    private func scratch() throws -> (root: URL, database: URL, files: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backup-tests-\(UUID().uuidString)")
        let files = root.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let database = root.appendingPathComponent("copy.sqlite")
        try Data("SQLite format 3\0 pretend".utf8).write(to: database)
        try Data(repeating: 7, count: 100_000).write(to: files.appendingPathComponent("a-file"))
        try Data("nested".utf8).write(to: files.appendingPathComponent("sub/b_file"))
        try Data("in progress".utf8).write(to: files.appendingPathComponent(".partial"))
        return (root, database, files)
    }

    private func tree(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in try BackupArchive.regularFiles(under: dir) { out[path] = try Data(contentsOf: dir.appendingPathComponent(path)) }
        return out
    }

    @Test("an archive restores the database and every file, hidden files left out, and the manifest says what it holds")
    func roundTrip() throws {
        // setup
        let s = try scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        let archive = s.root.appendingPathComponent("backup.zip")
        // MUT
        let manifest = try BackupArchive.write(to: archive, database: s.database, filesDirectory: s.files, migrations: known)
        let target = BackupRestore.Target(databasePath: s.root.appendingPathComponent("out/db.sqlite").path,
                                          filesDirectory: s.root.appendingPathComponent("out/files").path)
        let restored = try BackupRestore.restore(archive, into: target, knownMigrations: known)
        // validate
        #expect(manifest == restored)
        #expect(manifest.fileCount == 2 && manifest.database == "sqlite" && manifest.migrations == known)
        #expect(manifest.entries.map(\.path) == ["database.sqlite", "files/a-file", "files/sub/b_file"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: target.databasePath!)) == Data(contentsOf: s.database))
        #expect(try tree(URL(fileURLWithPath: target.filesDirectory)) == tree(s.files))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.root.appendingPathComponent("out").path).sorted() == ["db.sqlite", "files"])
    }

    @Test("backup never overwrites a file")
    func noOverwrite() throws {
        // setup
        let s = try scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        let archive = s.root.appendingPathComponent("backup.zip")
        try Data("older".utf8).write(to: archive)
        // MUT + validate
        #expect(throws: BackupError.self) {
            try BackupArchive.write(to: archive, database: s.database, filesDirectory: s.files, migrations: known)
        }
        #expect(try Data(contentsOf: archive) == Data("older".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.root.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test("restore refuses a data directory with a database or with files, and writes nothing")
    func refusesNonEmpty() throws {
        // setup
        let s = try scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        let archive = s.root.appendingPathComponent("backup.zip")
        _ = try BackupArchive.write(to: archive, database: s.database, filesDirectory: s.files, migrations: known)
        // MUT + validate: the database exists
        let withDatabase = BackupRestore.Target(databasePath: s.database.path, filesDirectory: s.root.appendingPathComponent("empty").path)
        let e1 = #expect(throws: BackupError.self) { try BackupRestore.restore(archive, into: withDatabase, knownMigrations: known) }
        #expect(e1?.description.contains("existe déjà") == true)
        #expect(!FileManager.default.fileExists(atPath: withDatabase.filesDirectory))
        // the files directory holds a file
        let withFiles = BackupRestore.Target(databasePath: s.root.appendingPathComponent("new.sqlite").path, filesDirectory: s.files.path)
        let e2 = #expect(throws: BackupError.self) { try BackupRestore.restore(archive, into: withFiles, knownMigrations: known) }
        #expect(e2?.description.contains("n'est pas vide") == true)
        #expect(!FileManager.default.fileExists(atPath: withFiles.databasePath!))
    }

    @Test("a changed byte, an unknown migration or an entry outside the manifest: refused before anything is written")
    func refusesBadArchives() throws {
        // setup
        let s = try scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        let good = s.root.appendingPathComponent("good.zip")
        let manifest = try BackupArchive.write(to: good, database: s.database, filesDirectory: s.files, migrations: known)
        let target = BackupRestore.Target(databasePath: s.root.appendingPathComponent("out/db.sqlite").path,
                                          filesDirectory: s.root.appendingPathComponent("out/files").path)
        func rewritten(_ name: String, _ change: (inout [String: Data]) throws -> Void) throws -> URL {
            let zip = try Archive(url: good, accessMode: .read)
            var entries: [String: Data] = [:]
            for entry in zip { var d = Data(); _ = try zip.extract(entry) { d.append($0) }; entries[entry.path] = d }
            try change(&entries)
            let url = s.root.appendingPathComponent(name)
            let out = try Archive(url: url, accessMode: .create)
            for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
                try out.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { p, n in data.subdata(in: Int(p)..<min(data.count, Int(p) + n)) }
            }
            return url
        }
        let cases: [(URL, String)] = [
            (try rewritten("flipped.zip") { $0["files/a-file"]![5] ^= 1 }, "empreinte"),
            (try rewritten("extra.zip") { $0["files/intruder"] = Data("x".utf8) }, "n'est pas dans le manifeste"),
            (try rewritten("newer.zip") { entries in
                var m = manifest; m.migrations.append("Maillage.FromTheFuture"); entries["manifest.json"] = try m.encoded()
            }, "plus récente"),
            (try rewritten("escape.zip") { entries in
                var m = manifest; m.entries[1].path = "files/../../etc/x"; entries["manifest.json"] = try m.encoded()
            }, "chemin refusé"),
        ]
        for (archive, message) in cases {
            // MUT
            let error = #expect(throws: BackupError.self) { try BackupRestore.restore(archive, into: target, knownMigrations: known) }
            // validate
            #expect(error?.description.contains(message) == true, "\(archive.lastPathComponent): \(error?.description ?? "")")
            #expect(!FileManager.default.fileExists(atPath: s.root.appendingPathComponent("out").path))
        }
    }

    @Test("archive paths stay inside the data directory")
    func safePaths() {
        #expect(BackupManifest.isSafe("database.sqlite"))
        #expect(BackupManifest.isSafe("files/abc-1_2"))
        #expect(BackupManifest.isSafe("files/exports/x.xlsx"))
        for bad in ["files/../x", "files/", "files//x", "/etc/passwd", "../x", "files/.hidden", "other.txt", "files/a\\b"] {
            #expect(!BackupManifest.isSafe(bad), "\(bad)")
        }
    }

    @Test("SQLite arrays (JSON text) become PostgreSQL array literals")
    func arrayLiterals() {
        #expect(PostgresValue.arrayLiteral(#"["AI","ETTI"]"#) == #"{"AI","ETTI"}"#)
        #expect(PostgresValue.arrayLiteral(#"["a\"b", null, 3]"#) == #"{"a\"b",NULL,"3"}"#)
        #expect(PostgresValue.arrayLiteral("not json") == nil)
    }
}
