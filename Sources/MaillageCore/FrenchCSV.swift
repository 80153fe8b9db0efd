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
    public static func write(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map(quoted).joined(separator: ";")
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
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
