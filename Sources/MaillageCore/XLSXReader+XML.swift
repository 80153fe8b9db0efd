/// One step of an XML document, as the workbook parts need it.
enum XMLEvent: Equatable {
    /// `empty` for a self-closing element, which gets no `end` event.
    case start(name: String, attributes: [String: String], empty: Bool)
    case end(name: String)
    case text(String)
}

/// A small pull scanner for the XML of workbook parts (UTF-8, as OOXML
/// requires). Names lose their namespace prefix ("x:c" and "c" are the same
/// cell, "r:id" reads as "id"): writers choose prefixes freely and the parts
/// read here never use one name in two namespaces. Only the five predefined
/// entities and character references are expanded; a DOCTYPE is skipped, so
/// entity-expansion attacks have nothing to expand. Not validating.
struct XMLScanner {
    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() throws(XLSXReadError) -> XMLEvent? {
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { return .text(text(until: UInt8(ascii: "<"))) }
            if starts(with: "<?") { try skip(past: "?>"); continue }
            if starts(with: "<!--") { try skip(past: "-->"); continue }
            if starts(with: "<![CDATA[") {
                let start = i + 9
                try skip(past: "]]>")
                return .text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
            }
            if starts(with: "<!") { try skipDeclaration(); continue }
            if starts(with: "</") {
                i += 2
                let name = self.name()
                skipSpaces()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw Self.malformed }
                i += 1
                return .end(name: name)
            }
            return try startTag()
        }
        return nil
    }

    private mutating func startTag() throws(XLSXReadError) -> XMLEvent {
        i += 1
        let name = self.name()
        guard !name.isEmpty else { throw Self.malformed }
        var attributes: [String: String] = [:]
        while true {
            skipSpaces()
            guard i < bytes.count else { throw Self.malformed }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                return .start(name: name, attributes: attributes, empty: false)
            }
            if starts(with: "/>") {
                i += 2
                return .start(name: name, attributes: attributes, empty: true)
            }
            let key = self.name()
            skipSpaces()
            guard !key.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw Self.malformed }
            i += 1
            skipSpaces()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { throw Self.malformed }
            let quote = bytes[i]
            i += 1
            let value = text(until: quote)
            guard i < bytes.count else { throw Self.malformed }
            i += 1
            attributes[key] = value
        }
    }

    /// A name up to a space, `=`, `/` or `>`, without its namespace prefix.
    private mutating func name() -> String {
        let start = i
        var local = i
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || Self.isSpace(byte) { break }
            if byte == UInt8(ascii: ":") { local = i + 1 }
            i += 1
        }
        return String(decoding: bytes[max(start, local)..<i], as: UTF8.self)
    }

    /// Character data up to `stop` (not consumed), entities expanded.
    private mutating func text(until stop: UInt8) -> String {
        let start = i
        var hasEntity = false
        while i < bytes.count, bytes[i] != stop {
            if bytes[i] == UInt8(ascii: "&") { hasEntity = true }
            i += 1
        }
        let raw = bytes[start..<i]
        return hasEntity ? Self.expandEntities(raw) : String(decoding: raw, as: UTF8.self)
    }

    private static func expandEntities(_ raw: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = raw.startIndex
        while j < raw.endIndex {
            guard raw[j] == UInt8(ascii: "&"),
                  let semicolon = raw[j...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
                  let scalar = entity(String(decoding: raw[(j + 1)..<semicolon], as: UTF8.self)) else {
                // An unknown entity is kept as written rather than failing the whole file.
                out.append(raw[j])
                j += 1
                continue
            }
            out += Array(String(scalar).utf8)
            j = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let number = name.dropFirst()
            let value = number.hasPrefix("x") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[i..<(i + count)].elementsEqual($0) }
    }

    private mutating func skip(past terminator: StaticString) throws(XLSXReadError) {
        while i < bytes.count {
            if starts(with: terminator) {
                i += terminator.utf8CodeUnitCount
                return
            }
            i += 1
        }
        throw Self.malformed
    }

    /// `<!DOCTYPE …>`, with a bracketed internal subset possibly holding `>`.
    private mutating func skipDeclaration() throws(XLSXReadError) {
        var depth = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0:
                i += 1
                return
            default: break
            }
            i += 1
        }
        throw Self.malformed
    }

    private mutating func skipSpaces() {
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static let malformed = XLSXReadError.corrupt("XML mal formé")
}
