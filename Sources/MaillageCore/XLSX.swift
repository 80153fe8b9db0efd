import Foundation
import ZIPFoundation

/// One spreadsheet cell.
public enum XLSXCell: Sendable {
    case text(String)
    /// A decimal written with a point ("1234.5"); anything else is written as text.
    case number(String)
    case integer(Int)
    /// A real date cell (a serial number shown as dd/mm/yyyy), sorted and filtered as a date.
    case date(Day)
    case empty
}

extension XLSXCell {
    /// The cell as a French CSV writes it: "12,5", "23/11/2026".
    public var csvText: String {
        switch self {
        case .text(let s): s
        case .number(let s): XLSXCellXML.isDecimal(s) ? s.replacingOccurrences(of: ".", with: ",") : s
        case .integer(let n): String(n)
        case .date(let d): d.french
        case .empty: ""
        }
    }

    /// About how many characters the cell shows, for column widths.
    var displayWidth: Int {
        switch self {
        case .date: 10
        default: csvText.count
        }
    }
}

public struct XLSXSheet: Sendable {
    public let name: String
    public let rows: [[XLSXCell]]
    /// Column widths in characters (nil: the reader's default).
    public var widths: [Double]?
    /// Rows kept in view while scrolling (the header), and shown bold.
    public var frozenRows: Int
    /// A filter button on each header cell (the last frozen row), over every row.
    public var autoFilter: Bool

    public init(name: String, rows: [[XLSXCell]], widths: [Double]? = nil, frozenRows: Int = 0, autoFilter: Bool = false) {
        self.name = name
        self.rows = rows
        self.widths = widths
        self.frozenRows = frozenRows
        self.autoFilter = autoFilter
    }

    /// Widths that fit the header and the longest cell of each column, between 8 and 60 characters.
    public static func widths(header: [String], rows: [[XLSXCell]]) -> [Double] {
        var widest = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widest.count { widest.append(0) }
                widest[i] = max(widest[i], cell.displayWidth)
            }
        }
        return widest.map { Double(min(60, max(8, $0 + 2))) }
    }
}

/// A small Office Open XML workbook writer: inline strings, one bold header row (or the
/// frozen rows), typed numbers and dates, column widths, frozen panes and filters, several
/// sheets, no shared strings, deflated ZIP (ZIPFoundation). Enough for exports opened in
/// Excel or LibreOffice.
public enum XLSX {
    /// Every entry is dated 1 January 2024, 00:00 (UTC, as ZIPFoundation writes
    /// it): two exports of the same rows are the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_704_067_200)

    /// `activeSheet` is the tab Excel opens on (readers that take "the first sheet", like the
    /// imports, still read the first one).
    public static func workbook(_ sheets: [XLSXSheet], activeSheet: Int = 0) -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "Feuille 1", rows: [])] : sheets
        let names = sheetNames(sheets.map(\.name))
        var parts: [(path: String, contents: [UInt8])] = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XLSXParts.rootRelationships),
            ("xl/workbook.xml", XLSXParts.workbook(sheetNames: names, filters: sheets.map(XLSXParts.filterRange),
                                                  activeSheet: min(max(0, activeSheet), sheets.count - 1))),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XLSXParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", XLSXParts.worksheet(sheet)))
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
