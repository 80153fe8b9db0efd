import Foundation
import MaillageCore
import Vapor

// Uploaded documents (library versions, question attachments): checked from their bytes,
// then stored under new opaque keys, then recorded. Order: check all → put → one database
// transaction → on an error after put, discard what was put. A refused file leaves nothing on disk.

/// One file of a multipart form, as posted.
struct UploadedFile: Sendable {
    let name: String
    let data: Data

    init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// Nil for an empty file input (no name and no bytes: the person chose nothing).
    init?(_ file: File) {
        guard !(file.filename.isEmpty && file.data.readableBytes == 0) else { return nil }
        self.init(name: file.filename, data: Data(buffer: file.data))
    }

    /// The files actually chosen among the inputs of a form.
    static func chosen(_ files: [File]?) -> [UploadedFile] { (files ?? []).compactMap(UploadedFile.init) }
}

/// A file whose bytes were checked: its kind comes from its content, its name is safe to show.
struct CheckedFile: Sendable, Equatable {
    let name: String
    let kind: FileKind
    let data: Data
}

/// Why uploaded files were refused: one French sentence per refused file (or one for too many).
struct UploadRefusal: Error, Sendable, Equatable {
    let messages: [String]

    /// The sentences in one line, for the message next to the file field.
    var message: String { messages.joined(separator: " ") }
}

/// A file now in the store: what its record keeps.
struct StoredFile: Sendable, Equatable {
    let key: FileKey
    /// The safe download name (`FileSniffer.safeName`).
    let name: String
    let kind: FileKind
    let contentType: String
    let size: Int
    /// Lowercase hexadecimal SHA-256 of the bytes.
    let sha256: String
}

enum StoredFiles {
    /// Checks every file from its bytes (type, size, name) against `limit` bytes each and `max` files.
    /// All are checked, so the person reads every problem at once.
    static func check(_ files: [UploadedFile], max: Int, limit: Int) -> Result<[CheckedFile], UploadRefusal> {
        if files.count > max {
            return .failure(UploadRefusal(messages: ["\(FrenchFormat.plural(max, "fichier", "fichiers")) au plus : retirez-en \(files.count - max)."]))
        }
        var checked: [CheckedFile] = []
        var messages: [String] = []
        for file in files {
            let shown = FileSniffer.safeName(file.name)
            // Browsers send a base name: a path or a control character is someone else's tool at work.
            if file.name.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control }) {
                messages.append(shown.map { "Le nom du fichier « \($0) » contient un chemin ou des caractères de contrôle : renommez le fichier puis réessayez." }
                    ?? FileCheckError.badName.french(name: nil))
                continue
            }
            switch FileSniffer.check(file.data, name: file.name, limit: limit) {
            case .success(let kind):
                checked.append(CheckedFile(name: shown ?? "document.\(kind.extensions[0])", kind: kind, data: file.data))
            case .failure(let error):
                messages.append(error.french(name: shown))
            }
        }
        return messages.isEmpty ? .success(checked) : .failure(UploadRefusal(messages: messages))
    }

    /// Puts every checked file under a new key: all or none (on a failure, what was put is deleted
    /// and the error is thrown).
    static func put(_ checked: [CheckedFile], into store: any FileStore) throws -> [StoredFile] {
        var stored: [StoredFile] = []
        do {
            for file in checked {
                let key = FileKey.make()
                try store.put(file.data, key: key)
                stored.append(StoredFile(key: key, name: file.name, kind: file.kind, contentType: file.kind.contentType,
                                         size: file.data.count, sha256: sha256Hex(file.data)))
            }
        } catch {
            discard(stored, from: store)
            throw error
        }
        return stored
    }

    /// Deletes files put for a change that was then not recorded (its transaction failed).
    static func discard(_ stored: [StoredFile], from store: any FileStore) {
        for file in stored { try? store.delete(file.key) }
    }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// A stored document sent back: always as an attachment, never sniffed or cached by the browser.
enum FileDownload {
    static func response(data: Data, name: String, contentType: String) -> Response {
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: contentType)
        res.headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(name))
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }

    /// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / 5987).
    static func contentDisposition(_ name: String) -> String {
        let safe = FileSniffer.safeName(name) ?? "document"
        return "attachment; filename=\"\(asciiFallback(safe))\"; filename*=UTF-8''\(percentEncoded(safe))"
    }

    /// The name with accents folded and anything else outside printable ASCII, quotes and backslashes replaced by `_`.
    static func asciiFallback(_ name: String) -> String {
        let folded = name.applyingTransform(.stripDiacritics, reverse: false) ?? name
        var out = ""
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "œ": out += "oe"
            case "Œ": out += "OE"
            case "æ": out += "ae"
            case "Æ": out += "AE"
            case "\"", "\\", "%": out += "_"
            default:
                out += scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F ? String(scalar) : "_"
            }
        }
        return out
    }

    /// RFC 5987 `attr-char`s kept, every other UTF-8 byte as `%XX`.
    static func percentEncoded(_ name: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        return name.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }
}

extension Request {
    /// Decodes an upload form (multipart): a body cut short is refused first (400, in French),
    /// because the multipart parser would otherwise drop the unfinished last part without a word
    /// and the form would be saved without its file.
    func uploadForm<T: Decodable>(_ type: T.Type) throws -> T {
        try requireCompleteMultipart()
        return try form(type)
    }

    static let incompleteUpload = "Le formulaire envoyé est incomplet (envoi interrompu) : rien n'a été enregistré. Choisissez à nouveau vos fichiers puis renvoyez le formulaire."

    /// A multipart body must end with its closing delimiter (`--boundary--`, an epilogue of a few bytes allowed).
    func requireCompleteMultipart() throws {
        guard let type = headers.contentType, type.type == "multipart", type.subType == "form-data" else { return }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty, let body = self.body.data else {
            throw Abort(.badRequest, reason: Self.incompleteUpload)
        }
        let window = min(body.readableBytes, 4096)
        let tail = body.getBytes(at: body.readerIndex + body.readableBytes - window, length: window) ?? []
        let closing = Array("--\(boundary)--".utf8)
        guard tail.count >= closing.count,
              (0...(tail.count - closing.count)).contains(where: { tail[$0..<($0 + closing.count)].elementsEqual(closing) })
        else { throw Abort(.badRequest, reason: Self.incompleteUpload) }
    }
}
