import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where uploaded files will be kept (documents of the legal desk, training certificates...):
/// bytes under an opaque key the caller keeps in its own table. A directory today; another
/// store (object storage shared by several instances) implements the same three calls.
protocol FileStore: Sendable {
    func put(_ data: Data, key: FileKey) throws
    /// Nil when nothing is stored under `key`.
    func get(_ key: FileKey) throws -> Data?
    /// Deleting a missing file is not an error.
    func delete(_ key: FileKey) throws
}

/// A file's name in the store: letters, digits, `-` and `_` only, so that no key can name a
/// path outside the store (`..`, `/`).
struct FileKey: Hashable, Sendable, CustomStringConvertible {
    let value: String

    init?(_ value: String) {
        guard !value.isEmpty, value.count <= 128,
              value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        else { return nil }
        self.value = value
    }

    /// A new random key.
    static func make() -> FileKey { FileKey(UUID().uuidString.lowercased())! }

    var description: String { value }
}

/// Files in one directory (`var/files` by default), one file per key, written whole through
/// a temporary file so that a reader never sees half a file.
struct DirectoryFileStore: FileStore {
    let directory: URL

    init(directory: String) { self.directory = URL(fileURLWithPath: directory, isDirectory: true) }

    private func url(_ key: FileKey) -> URL { directory.appendingPathComponent(key.value) }

    /// Writes a hidden temporary file in the same directory (`.tmp-<uuid>`, a name no key can
    /// have) then renames it over the key's name: rename(2) within one directory is atomic, so a
    /// reader sees the whole old file, the whole new one or none; a failed write leaves no file.
    func put(_ data: Data, key: FileKey) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString.lowercased())")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url(key).path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url(key).path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    func get(_ key: FileKey) throws -> Data? {
        let path = url(key).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Data(contentsOf: url(key))
    }

    func delete(_ key: FileKey) throws {
        let path = url(key).path
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
