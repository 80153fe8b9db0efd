import Foundation

extension FrenchCSV {
    /// Records of a `;`-separated text, RFC 4180 quoting (`""` inside quotes),
    /// quoted fields may span lines; CRLF, LF and CR all end a line. Empty lines
    /// are skipped but still counted, so `line` matches what the user sees.
    /// Lenient on malformed quoting: a stray quote is kept as text.
    public static func parse(_ text: String) -> [CSVRecord] {
        var text = text
        // Read on UTF-8 bytes: every byte the dialect looks at (`;`, `"`, CR, LF) is ASCII,
        // and an ASCII byte is never part of a multi-byte scalar, so cutting there is cutting
        // between scalars (the same records as scalar by scalar, about 10 times faster).
        return text.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), separator = UInt8(ascii: ";")
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [CSVRecord] = []
        var fields: [String] = []
        // The current field is bytes[start..<i] while it is a plain run; a quoted field
        // (whose `""` become `"`) is copied into `quoted` instead.
        var quoted: [UInt8] = []
        var start = 0
        var copying = false
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var atFieldStart = true
        var lineIsEmpty = true
        var previousWasCR = false

        func endField(at end: Int) {
            if copying {
                fields.append(String(decoding: quoted, as: UTF8.self))
                quoted.removeAll(keepingCapacity: true)
                copying = false
            } else {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            atFieldStart = true
        }
        func endRecord(at end: Int) {
            if !lineIsEmpty {
                endField(at: end)
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            quoted.removeAll(keepingCapacity: true)
            copying = false
            atFieldStart = true
            lineIsEmpty = true
        }

        var i = 0
        let count = bytes.count
        while i < count {
            let c = bytes[i]
            i += 1
            // The LF of a CRLF was already counted with its CR.
            if c == lf && previousWasCR {
                previousWasCR = false
                if !inQuotes {
                    start = i
                    continue
                }
                quoted.append(c)
                continue
            }
            previousWasCR = c == cr
            if inQuotes {
                if c == quote {
                    if i < count && bytes[i] == quote {
                        quoted.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == cr || c == lf { line += 1 }
                    quoted.append(c)
                }
                continue
            }
            switch c {
            case cr, lf:
                endRecord(at: i - 1)
                line += 1
                recordLine = line
                start = i
            case separator:
                lineIsEmpty = false
                endField(at: i - 1)
                start = i
            case quote where atFieldStart:
                lineIsEmpty = false
                inQuotes = true
                atFieldStart = false
                copying = true
            default:
                lineIsEmpty = false
                atFieldStart = false
                if copying { quoted.append(c) }
            }
        }
        endRecord(at: count)
        return records
    }
}

extension FrenchCSV {
    /// `cell.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation for the usual
    /// cell that starts and ends with a visible ASCII character (nothing to trim): Foundation's
    /// trimming bridges through NSString and was half of the answers file's parse time.
    static func trimmed(_ cell: String) -> String {
        let utf8 = cell.utf8
        guard let first = utf8.first else { return cell }
        let last = utf8[utf8.index(before: utf8.endIndex)]
        if isVisibleASCII(first) && isVisibleASCII(last) { return cell }
        return cell.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `trimmed(cell).isEmpty`, short-circuited on a visible first character.
    static func isBlank(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return true }
        if isVisibleASCII(first) { return false }
        return cell.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// `!` to `~`: no whitespace or newline among them, so no trimming can start or end there.
    private static func isVisibleASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
