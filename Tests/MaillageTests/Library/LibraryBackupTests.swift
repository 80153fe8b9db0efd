import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// `maillage backup` archives the whole files directory: a library version's file and a
/// question attachment's file are in the archive, and a restore brings them back byte for byte.
@Suite("Library files in backups", .serialized)
struct LibraryBackupTests {
    @Test("a library version and a question attachment are archived and restored")
    func backupAndRestore() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let created = try await jurist.postParts(.library(.createResource), LibraryURL.newResourceParts(data: UploadKit.pdf("sauvegarde")))
            #expect(created.status == .seeOther)
            let version = try #require(try await LibraryVersion.query(on: app.db).first())
            try await LegalFactory.makeSettings(on: app.db)
            let question = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL)
            let attachment = try await LegalFactory.makeAttachment(on: app.db, files: app.services.files, question: question,
                                                                   data: UploadKit.pdf("pièce jointe"))
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("library-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let archive = root.appendingPathComponent("backup.zip")
            let migrations = ["Maillage.CreateLegalDesk"]
            // MUT
            let manifest = try BackupArchive.write(to: archive, database: nil, filesDirectory: URL(fileURLWithPath: app.config.filesDirectory),
                                                   migrations: migrations)
            // validate: both files are entries of the archive
            let paths = Set(manifest.entries.map(\.path))
            #expect(paths.contains("files/\(version.fileKey)") && paths.contains("files/\(attachment.fileKey)"))
            #expect(manifest.fileCount == 2)
            // and a restore into an empty directory brings them back
            let out = root.appendingPathComponent("restored-files")
            _ = try BackupRestore.restore(archive, into: .init(databasePath: nil, filesDirectory: out.path), knownMigrations: migrations)
            #expect(try Data(contentsOf: out.appendingPathComponent(version.fileKey)) == UploadKit.pdf("sauvegarde"))
            #expect(try Data(contentsOf: out.appendingPathComponent(attachment.fileKey)) == UploadKit.pdf("pièce jointe"))
            // served again by a store on the restored directory
            #expect(try DirectoryFileStore(directory: out.path).get(FileKey(version.fileKey)!) == UploadKit.pdf("sauvegarde"))
        }
    }
}
