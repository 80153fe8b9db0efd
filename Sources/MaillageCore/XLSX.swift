import Foundation
import ZIPFoundation

/// One spreadsheet cell.
public enum XLSXCell: Sendable {
    case text(String)
    /// A decimal written with a point ("1234.5"); anything else is written as text.
    case number(String)
    case integer(Int)
    case empty
}

public struct XLSXSheet: Sendable {
    public let name: String
    public let rows: [[XLSXCell]]

    public init(name: String, rows: [[XLSXCell]]) {
        self.name = name
        self.rows = rows
    }
}

/// A minimal Office Open XML workbook writer: inline strings, one bold header
/// row, no shared strings, deflated ZIP (ZIPFoundation). Enough for exports
/// opened in Excel or LibreOffice.
public enum XLSX {
    /// Every entry is dated 1 January 2024, 00:00 (UTC, as ZIPFoundation writes
    /// it): two exports of the same rows are the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_704_067_200)

    public static func workbook(_ sheets: [XLSXSheet]) -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "Feuille 1", rows: [])] : sheets
        let names = sheetNames(sheets.map(\.name))
        var parts: [(path: String, contents: [UInt8])] = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XLSXParts.rootRelationships),
            ("xl/workbook.xml", XLSXParts.workbook(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XLSXParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", XLSXParts.worksheet(sheet.rows)))
        }
        return zip(parts)
    }

    /// The parts as a deflated archive, built in memory.
    static func zip(_ parts: [(path: String, contents: [UInt8])]) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let contents = part.contents
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(contents.count),
                                     modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                    Data(contents[Int(position)..<(Int(position) + size)])
                }
            }
            return archive.data ?? Data()
        } catch {
            // Writing to memory only fails on a programming error (an archive opened read-only).
            preconditionFailure("in-memory ZIP archive: \(error)")
        }
    }

    /// Names Excel accepts: no []:*?/\, at most 31 characters, not blank,
    /// not starting or ending with an apostrophe, unique ignoring case.
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        return wanted.enumerated().map { index, raw in
            var name = String(raw.filter { !"[]:*?/\\".contains($0) && XMLText.isAllowed($0) }.prefix(31))
                .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
            if name.isEmpty { name = "Feuille \(index + 1)" }
            var candidate = name
            var suffix = 2
            while used.contains(candidate.lowercased()) {
                let tail = " (\(suffix))"
                candidate = String(name.prefix(31 - tail.count)) + tail
                suffix += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
