import Foundation

public enum FileSniffer {
    /// The kind of `data` (PDF: `%PDF-` and `%%EOF` in the last 1 KB; PNG: signature and IEND; JPEG: FFD8FF and FFD9 at the end;
    /// DOCX/XLSX/ODT: a readable ZIP (ZIPFoundation) with `word/document.xml` / `xl/workbook.xml` / `mimetype` = application/vnd.oasis.opendocument.text),
    /// checked against the name's extension and `limit` bytes.
    public static func check(_ data: Data, name: String, limit: Int) -> Result<FileKind, FileCheckError> {
        guard let safe = safeName(name) else { return .failure(.badName) }
        guard !data.isEmpty else { return .failure(.empty) }
        guard data.count <= limit else { return .failure(.tooLarge(limit: limit)) }
        let bytes = [UInt8](data)
        let kind: FileKind
        switch sniff(bytes, named: FileKind.named(safe)) {
        case .success(let k): kind = k
        case .failure(let error): return .failure(error)
        }
        guard kind.extensions.contains(fileExtension(safe)) else {
            return .failure(.nameMismatch(actual: kind, named: safe))
        }
        return .success(kind)
    }

    /// A safe download name: the base name of `name`, no path, no control chars, ≤ 120 chars, extension kept.
    /// Nil when nothing usable is left (« .. », blanks, only control characters).
    public static func safeName(_ name: String) -> String? {
        // « C:\ », « dossier/ »: a folder, not a file.
        if let last = name.trimmingCharacters(in: .whitespacesAndNewlines).last, last == "/" || last == "\\" { return nil }
        let base = name.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String.UnicodeScalarView()
        for scalar in base.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            default:
                cleaned.append(forbidden.contains(scalar) ? "_" : scalar)
            }
        }
        var result = String(cleaned).trimmingCharacters(in: .whitespaces)
        while result.hasPrefix(".") { result.removeFirst() }
        result = result.trimmingCharacters(in: .whitespaces)
        while result.hasSuffix(".") { result.removeLast() }
        guard !result.isEmpty else { return nil }
        if result.count > maxNameLength {
            let ext = fileExtension(result)
            if !ext.isEmpty, ext.count < 12 {
                result = String(result.dropLast(ext.count + 1).prefix(maxNameLength - ext.count - 1))
                    .trimmingCharacters(in: .whitespaces) + "." + ext
            } else {
                result = String(result.prefix(maxNameLength)).trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The longest download name kept.
    public static let maxNameLength = 120

    /// The lowercased extension of a name ("" when none).
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// A size in French: « 10 Mo », « 1,5 Mo », « 512 Ko », « 300 octets » (1 Mo = 1 048 576 octets, or 1 000 000 when
    /// the size is a round number of those).
    public static func frenchSize(_ bytes: Int) -> String {
        if bytes >= 1_000_000 {
            for unit in [1_048_576, 1_000_000] where bytes % unit == 0 { return "\(FrenchFormat.integer(bytes / unit)) Mo" }
            return "\(FrenchFormat.decimal(Decimal(bytes) / 1_048_576, places: 1)) Mo"
        }
        if bytes >= 1000 {
            for unit in [1024, 1000] where bytes % unit == 0 { return "\(FrenchFormat.integer(bytes / unit)) Ko" }
            return "\(FrenchFormat.integer((bytes + 1023) / 1024)) Ko"
        }
        return FrenchFormat.plural(bytes, "octet", "octets")
    }

    private static let forbidden: Set<Unicode.Scalar> = ["<", ">", ":", "\"", "|", "?", "*"]

    /// The kind from the bytes; a ZIP that cannot be read is a truncated document of the kind its name announces.
    static func sniff(_ bytes: [UInt8], named: FileKind?) -> Result<FileKind, FileCheckError> {
        if starts(bytes, with: Array("%PDF-".utf8)) {
            let tail = bytes.suffix(1024)
            return contains(tail, Array("%%EOF".utf8)) ? .success(.pdf) : .failure(.truncated(.pdf))
        }
        if starts(bytes, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            let end = bytes.count - 8
            return end >= 8 && Array(bytes[end..<(end + 4)]) == Array("IEND".utf8) ? .success(.png) : .failure(.truncated(.png))
        }
        if starts(bytes, with: [0xFF, 0xD8, 0xFF]) {
            var end = bytes.count
            while end > 3, bytes[end - 1] == 0 { end -= 1 }  // some writers pad with zeros
            return end >= 5 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9 ? .success(.jpeg) : .failure(.truncated(.jpeg))
        }
        if starts(bytes, with: [0x50, 0x4B, 0x03, 0x04]) {
            return office(bytes, named: named)
        }
        return .failure(.unknownType)
    }

    /// DOCX, XLSX or ODT, from the ZIP's entries (read from its central directory; the key entry is inflated and its
    /// CRC checked, so a damaged document is refused here rather than by the member's office suite).
    private static func office(_ bytes: [UInt8], named: FileKind?) -> Result<FileKind, FileCheckError> {
        let guess = named.flatMap { [.docx, .xlsx, .odt].contains($0) ? $0 : nil }
        guard let archive = try? ZipArchive(Data(bytes)) else {
            return .failure(guess.map { .truncated($0) } ?? .unknownType)
        }
        let candidates: [(FileKind, String)] = [(.docx, "word/document.xml"), (.xlsx, "xl/workbook.xml"), (.odt, "mimetype")]
        for (kind, entry) in candidates where archive.contains(entry) {
            var budget = 64 * 1_048_576
            guard let contents = try? archive.contents(of: entry, budget: &budget) else {
                return .failure(.truncated(kind))
            }
            if kind == .odt {
                let type = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard type == FileKind.odt.contentType else { continue }
            }
            return .success(kind)
        }
        return .failure(.unknownType)
    }

    private static func starts(_ bytes: [UInt8], with prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        let a = Array(bytes)
        for i in 0...(a.count - needle.count) where a[i] == needle[0] && Array(a[i..<(i + needle.count)]) == needle {
            return true
        }
        return false
    }
}
