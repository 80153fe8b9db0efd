import Foundation

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
/// row, no shared strings, stored ZIP. Enough for exports opened in Excel or
/// LibreOffice, and no dependency.
public enum XLSX {
    public static func workbook(_ sheets: [XLSXSheet]) -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "Feuille 1", rows: [])] : sheets
        let names = sheetNames(sheets.map(\.name))
        var zip = ZipWriter()
        zip.add(path: "[Content_Types].xml", contents: XLSXParts.contentTypes(sheetCount: sheets.count))
        zip.add(path: "_rels/.rels", contents: XLSXParts.rootRelationships)
        zip.add(path: "xl/workbook.xml", contents: XLSXParts.workbook(sheetNames: names))
        zip.add(path: "xl/_rels/workbook.xml.rels", contents: XLSXParts.workbookRelationships(sheetCount: sheets.count))
        zip.add(path: "xl/styles.xml", contents: XLSXParts.styles)
        for (index, sheet) in sheets.enumerated() {
            zip.add(path: "xl/worksheets/sheet\(index + 1).xml", contents: XLSXParts.worksheet(sheet.rows))
        }
        return zip.finish()
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
