import Foundation
import Vapor
import ZIPFoundation

/// `manifest.json` at the root of a backup archive: what the archive holds and how to check it.
struct BackupManifest: Codable, Equatable, Sendable {
    static let formatName = "maillage-backup"
    static let currentVersion = 1
    static let databaseEntry = "database.sqlite"
    static let filesPrefix = "files/"

    /// One file of the archive, with the size and SHA-256 (lowercase hex) of its bytes.
    struct Entry: Codable, Equatable, Sendable {
        var path: String
        var size: Int64
        var sha256: String
    }

    var format = formatName
    var version = currentVersion
    var createdAt: Date
    /// "sqlite" when the archive holds the database, "none" when it was saved elsewhere (pg_dump).
    var database: String
    /// Names of the applied migrations (`_fluent_migrations`), in the order they ran.
    var migrations: [String]
    var fileCount: Int
    var entries: [Entry]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }

    /// Why this manifest cannot be restored by this version of Maillage, or nil.
    /// `knownMigrations`: the migrations this binary knows; a newer backup is refused.
    func problem(knownMigrations: [String]) -> String? {
        guard format == Self.formatName else { return "ce fichier n'est pas une sauvegarde Maillage" }
        guard version == Self.currentVersion else { return "format de sauvegarde \(version) inconnu de cette version de Maillage" }
        guard ["sqlite", "none"].contains(database) else { return "type de base « \(database) » inconnu" }
        let unknown = migrations.filter { !knownMigrations.contains($0) }
        if !unknown.isEmpty {
            return "la sauvegarde vient d'une version plus récente de Maillage (migrations inconnues : \(unknown.joined(separator: ", ")))"
        }
        var seen = Set<String>()
        for entry in entries {
            guard Self.isSafe(entry.path), seen.insert(entry.path).inserted else { return "chemin refusé dans la sauvegarde : \(entry.path)" }
            guard entry.size >= 0, entry.sha256.count == 64 else { return "empreinte invalide pour \(entry.path)" }
        }
        let hasDatabase = entries.contains { $0.path == Self.databaseEntry }
        if hasDatabase != (database == "sqlite") { return "la base annoncée ne correspond pas au contenu" }
        if entries.filter({ $0.path.hasPrefix(Self.filesPrefix) }).count != fileCount { return "le nombre de fichiers annoncé ne correspond pas" }
        return nil
    }

    /// Only `database.sqlite` and `files/<relative path>` without `..`, empty or hidden parts:
    /// nothing in an archive can write outside the data directory.
    static func isSafe(_ path: String) -> Bool {
        if path == databaseEntry { return true }
        guard path.hasPrefix(filesPrefix), !path.contains("\\"), !path.contains("\0") else { return false }
        let parts = path.dropFirst(filesPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }
}

/// A refusal or failure of backup / restore, in French, for the console.
struct BackupError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Reading and writing backup archives (ZIP): `manifest.json`, `database.sqlite`, `files/…`.
enum BackupArchive {
    /// Writes `archive` (which must not exist) from a database copy and the files directory.
    /// The archive is written beside its destination, then linked into place: no half archive,
    /// never an overwrite, even when another process creates the same name meanwhile.
    static func write(to archive: URL, database: URL?, filesDirectory: URL, migrations: [String],
                      now: Date = Date()) throws -> BackupManifest {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: archive.path) else {
            throw BackupError("Le fichier \(archive.path) existe déjà : choisissez un autre nom (une sauvegarde n'en écrase jamais une autre).")
        }
        let partial = archive.deletingLastPathComponent().appendingPathComponent(".\(archive.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        defer { try? fm.removeItem(at: partial) }
        let zip: Archive
        do { zip = try Archive(url: partial, accessMode: .create) } catch {
            throw BackupError("Impossible d'écrire dans \(archive.deletingLastPathComponent().path) : \(error)")
        }
        var entries: [BackupManifest.Entry] = []
        if let database { entries.append(try add(database, as: BackupManifest.databaseEntry, to: zip)) }
        let files = try regularFiles(under: filesDirectory)
        for relative in files {
            entries.append(try add(filesDirectory.appendingPathComponent(relative), as: BackupManifest.filesPrefix + relative, to: zip))
        }
        // Whole seconds: what the manifest's ISO 8601 date keeps.
        let manifest = BackupManifest(createdAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)), database: database == nil ? "none" : "sqlite",
                                      migrations: migrations, fileCount: files.count, entries: entries)
        let json = try manifest.encoded()
        try zip.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(json.count), compressionMethod: .deflate) { position, size in
            json.subdata(in: Int(position)..<min(json.count, Int(position) + size))
        }
        guard link(partial.path, archive.path) == 0 else {
            throw BackupError(errno == EEXIST ? "Le fichier \(archive.path) existe déjà : choisissez un autre nom."
                                              : "Impossible de créer \(archive.path) : \(String(cString: strerror(errno))).")
        }
        return manifest
    }

    /// Reads and checks an archive without writing anything: the manifest, the list of entries
    /// and every entry's size and SHA-256.
    static func verify(_ url: URL, knownMigrations: [String]) throws -> (Archive, BackupManifest) {
        let zip: Archive
        do { zip = try Archive(url: url, accessMode: .read) } catch {
            throw BackupError("Le fichier \(url.path) n'est pas une archive de sauvegarde lisible.")
        }
        guard let manifestEntry = zip["manifest.json"] else { throw BackupError("Sauvegarde refusée : manifest.json manquant.") }
        var manifestData = Data()
        let manifest: BackupManifest
        do {
            _ = try zip.extract(manifestEntry) { manifestData.append($0) }
            manifest = try BackupManifest.decode(manifestData)
        } catch { throw BackupError("Sauvegarde refusée : manifest.json illisible.") }
        if let problem = manifest.problem(knownMigrations: knownMigrations) { throw BackupError("Sauvegarde refusée : \(problem).") }
        let listed = Set(manifest.entries.map(\.path)).union(["manifest.json"])
        for entry in zip where entry.type == .file && !listed.contains(entry.path) {
            throw BackupError("Sauvegarde refusée : \(entry.path) n'est pas dans le manifeste.")
        }
        for expected in manifest.entries {
            try extract(expected, from: zip) { _ in }
        }
        return (zip, manifest)
    }

    /// Streams one entry to `consumer`, then checks its size and SHA-256 against the manifest.
    static func extract(_ expected: BackupManifest.Entry, from zip: Archive, consumer: (Data) throws -> Void) throws {
        guard let entry = zip[expected.path], entry.type == .file else {
            throw BackupError("Sauvegarde refusée : \(expected.path) manque dans l'archive.")
        }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            _ = try zip.extract(entry) { chunk in
                hasher.update(data: chunk); size += Int64(chunk.count)
                try consumer(chunk)
            }
        } catch let error as BackupError { throw error } catch {
            throw BackupError("Sauvegarde refusée : \(expected.path) est illisible (archive abîmée).")
        }
        guard size == expected.size, hex(hasher.finalize()) == expected.sha256 else {
            throw BackupError("Sauvegarde refusée : l'empreinte de \(expected.path) ne correspond pas au manifeste (archive abîmée ou modifiée).")
        }
    }

    /// Every regular file under `directory`, as sorted relative paths; hidden files (a write in
    /// progress) and symbolic links are left out. A missing directory holds no files.
    static func regularFiles(under directory: URL) throws -> [String] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var found: [String] = []
        func walk(_ relative: String) throws {
            let here = relative.isEmpty ? directory : directory.appendingPathComponent(relative)
            for name in try fm.contentsOfDirectory(atPath: here.path).sorted() where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                let attributes = try fm.attributesOfItem(atPath: directory.appendingPathComponent(path).path)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?: try walk(path)
                case .typeRegular?: found.append(path)
                default: continue
                }
            }
        }
        try walk("")
        return found
    }

    /// Adds one file, read once through an open handle (a file replaced meanwhile is read whole,
    /// as it was when opened), hashing the bytes as they go into the archive.
    private static func add(_ file: URL, as path: String, to zip: Archive) throws -> BackupManifest.Entry {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let size = Int64(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var hasher = SHA256()
        var read: Int64 = 0
        try zip.addEntry(with: path, type: .file, uncompressedSize: size, compressionMethod: .deflate) { position, chunk in
            try handle.seek(toOffset: UInt64(position))
            let data = try handle.read(upToCount: chunk) ?? Data()
            hasher.update(data: data); read += Int64(data.count)
            return data
        }
        guard read == size else { throw BackupError("Le fichier \(file.path) a changé pendant la sauvegarde : relancez-la.") }
        return .init(path: path, size: size, sha256: hex(hasher.finalize()))
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
