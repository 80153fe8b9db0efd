import Foundation
import NIOHTTP1
import Testing
import Vapor
@testable import Maillage

/// Uploads for the library and question tests: multipart forms with several fields and files,
/// the sample files of the attacks, and a count of what the files directory holds.
enum UploadKit {
    struct Part {
        let name: String
        var filename: String? = nil
        var contentType: String? = nil
        let data: Data

        static func field(_ name: String, _ value: String) -> Part { Part(name: name, data: Data(value.utf8)) }
        static func file(_ name: String, _ filename: String, _ data: Data, type: String = "application/octet-stream") -> Part {
            Part(name: name, filename: filename, contentType: type, data: data)
        }
    }

    static let boundary = "----maillage-library-boundary"

    /// The multipart body of `parts` (the CSRF token first when given).
    static func body(_ parts: [Part], csrf: String?) -> Data {
        var body = Data()
        func line(_ s: String) { body.append(Data((s + "\r\n").utf8)) }
        for part in (csrf.map { [Part.field("_csrf", $0)] } ?? []) + parts {
            line("--\(boundary)")
            var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { disposition += "; filename=\"\(filename)\"" }
            line(disposition)
            if let type = part.contentType { line("Content-Type: \(type)") }
            line("")
            body.append(part.data)
            line("")
        }
        line("--\(boundary)--")
        return body
    }

    static var headers: HTTPHeaders {
        var h = HTTPHeaders()
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return h
    }

    // MARK: - Sample files

    /// A valid PDF (`LegalFactory.pdf`) with some text of its own.
    static func pdf(_ text: String = "guide") -> Data { LegalFactory.pdf + Data("% \(text)\n".utf8) }
    /// A PDF without its end (`%%EOF`): a truncated upload.
    static let truncatedPDF = Data("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/C".utf8)
    /// The start of an ELF executable.
    static let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56) + Array("/lib64/ld-linux-x86-64.so.2".utf8))
    /// A PDF of exactly `LibraryURL.maxFileSize + 1` bytes (valid in every other way).
    static var tooLargePDF: Data {
        let head = Data("%PDF-1.4\n".utf8), tail = Data("\n%%EOF\n".utf8)
        return head + Data(repeating: 0x20, count: LibraryURL.maxFileSize + 1 - head.count - tail.count) + tail
    }
    /// A small valid PNG (signature, IHDR, IDAT, IEND).
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                           0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
                           0, 0, 0, 13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4,
                           0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])

    // MARK: - The files directory

    /// Every entry of the files directory, hidden ones included (0 when it does not exist yet).
    static func entries(_ app: Application) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: app.config.filesDirectory)) ?? []).sorted()
    }
}

extension TestBrowser {
    /// Posts a multipart form of `parts` with the session's CSRF token.
    @discardableResult
    func postParts(_ url: SiteURL, _ parts: [UploadKit.Part]) async throws -> Page {
        if csrf == nil { try await get(.login) }
        return try await send(.POST, url.path, headers: UploadKit.headers, body: ByteBuffer(data: UploadKit.body(parts, csrf: csrf)))
    }

    /// Posts the raw bytes `body` as a multipart form (a body cut short, say).
    @discardableResult
    func postRawMultipart(_ url: SiteURL, _ body: Data) async throws -> Page {
        try await send(.POST, url.path, headers: UploadKit.headers, body: ByteBuffer(data: body))
    }
}

extension LibraryURL {
    /// The fields of a valid new-resource form, with `file` under `name`.
    static func newResourceParts(title: String = "Guide de la clause d'insertion", audience: ResourceAudience = .members,
                                 filename: String = "guide.pdf", data: Data = UploadKit.pdf()) -> [UploadKit.Part] {
        [.field("resource_title", title), .field("resource_description", "Comment répondre aux marchés publics."),
         .field("resource_kind", ResourceKind.guide.rawValue), .field("resource_theme", ResourceTheme.legal.rawValue),
         .field("resource_audience", audience.rawValue), .field("resource_comment", "Première édition"),
         .file("resource_file", filename, data)]
    }
}
