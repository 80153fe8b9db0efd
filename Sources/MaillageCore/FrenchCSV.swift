import Foundation

/// The CSV dialect of French Excel: `;` separator (the comma is the decimal
/// mark), CRLF line ends, UTF-8 with a BOM on export, Windows-1252 accepted on
/// import (SPEC §8).
public enum FrenchCSV {
    /// Text of an uploaded file: UTF-8 (BOM dropped), or Windows-1252 when the
    /// bytes are not UTF-8, as older Excel versions save "CSV (séparateur : point-virgule)".
    public static func decode(_ data: Data) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: utf8BOM) { bytes.removeFirst(utf8BOM.count) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return Windows1252.decode(bytes)
    }

    /// Rows as text: `;`, CRLF after each row, fields quoted only when needed.
    /// Every cell is `protected` first, so no export can carry a formula.
    public static func write(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map { quoted(protected($0)) }.joined(separator: ";")
            out += "\r\n"
        }
        return out
    }

    /// The bytes to serve as a download: the BOM is what makes French Excel read
    /// the file as UTF-8 instead of Windows-1252.
    public static func exportData(_ rows: [[String]]) -> Data {
        Data(utf8BOM + Array(write(rows).utf8))
    }

    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func quoted(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        // Scalar by scalar: a quote that shares its grapheme with a combining mark (`"` + U+0484)
        // is still a quote to the reader, so it must be doubled too (found by fuzzing).
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in field.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    // MARK: formula injection

    /// Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts
    /// with `=`, `+`, `-`, `@`, tab or carriage return as a formula, so a structure named
    /// `=HYPERLINK(…)` would become a live link in whoever opens the export. Such a cell
    /// is written behind a single quote, and the member import takes the quote off again.
    ///
    /// The rule is exactly reversible: write a cell as k leading quotes then the rest r.
    /// `protected` adds one quote when r starts with a dangerous character (unless the
    /// cell is a plain number, k = 0), `unprotected` removes one in the same case, so
    /// `unprotected(protected(x)) == x` for every x, a name like `'=x` included.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as it is written to a CSV file.
    public static func protected(_ cell: String) -> String {
        let (quotes, rest) = splitQuotes(cell)
        guard let first = rest.first, formulaStarts.contains(first) else { return cell }
        if quotes == 0 && isPlainNumber(cell) { return cell }
        return "'" + cell
    }

    /// The cell as it was before `protected`: what the member import reads.
    public static func unprotected(_ cell: String) -> String {
        let (quotes, rest) = splitQuotes(cell)
        guard quotes > 0, let first = rest.first, formulaStarts.contains(first) else { return cell }
        return String(String.UnicodeScalarView(cell.unicodeScalars.dropFirst()))
    }

    /// A number as the exports write it, which Excel reads as a number and never as a
    /// formula: an optional `-`, ASCII digits, then optionally one `,` or `.` and more
    /// digits ("-3,2", "-12.50", "42"). No `+`, exponent, spaces or thousands separator:
    /// "-1+2", "-", "-,5", "-1e5" and "-1 000" are text, so they are protected.
    public static func isPlainNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
    }

    private static func splitQuotes(_ cell: String) -> (Int, Substring.UnicodeScalarView) {
        let scalars = Substring(cell).unicodeScalars
        let rest = scalars.drop { $0 == "'" }
        return (scalars.count - rest.count, rest)
    }
}
