import Foundation

/// Why an uploaded workbook cannot be read, said to the person who sent it.
public enum XLSXReadError: Error, Equatable, Sendable {
    /// Not a ZIP archive, or no worksheet in it (a CSV renamed .xlsx, an old .xls).
    case notAWorkbook
    /// A feature this reader leaves out (password, ZIP64, exotic compression).
    case unsupported(String)
    /// Damaged: bad CRC, broken compressed data, malformed XML.
    case corrupt(String)
    /// Inflates past `XLSXReader.maxInflatedSize`: a zip bomb, or far more than a survey file.
    case tooLarge

    public var message: String {
        switch self {
        case .notAWorkbook: "Ce fichier n'est pas un classeur Excel (.xlsx)."
        case .unsupported(let what): "Classeur non pris en charge : \(what)."
        case .corrupt(let why): "Classeur endommagé : \(why)."
        case .tooLarge: "Classeur trop volumineux une fois décompressé."
        }
    }
}

/// Reads the first worksheet of an .xlsx file as rows of text: the ZIP central
/// directory and the XML are decoded here, DEFLATE and CRC-32 by ZIPFoundation (zlib).
public enum XLSXReader {
    /// Cap on the bytes inflated from one workbook (all parts read). A real survey
    /// file is a few hundred kilobytes; a zip bomb claims gigabytes.
    public static let maxInflatedSize = 50_000_000

    /// Row `i` of the result is spreadsheet row `i + 1` (rows without values come
    /// back empty, so line numbers in error messages match what Excel shows);
    /// trailing empty rows are dropped. Cell `j` is column `j` ("A" = 0), gaps
    /// filled with "". Numbers come back as plain decimals ("1234.5", never
    /// "1.2345E3"), booleans as "VRAI"/"FAUX" as a French Excel shows them.
    public static func firstSheet(_ data: Data, limit: Int = maxInflatedSize) throws(XLSXReadError) -> [[String]] {
        let archive = try ZipArchive(data)
        var budget = limit
        let parts = try WorkbookParts(archive, budget: &budget)
        guard let sheet = try archive.contents(of: parts.firstSheet, budget: &budget) else { throw .notAWorkbook }
        var shared: [String] = []
        if let path = parts.sharedStrings, let bytes = try archive.contents(of: path, budget: &budget) {
            shared = try SheetXML.sharedStrings(bytes)
        }
        return try SheetXML.rows(sheet, sharedStrings: shared, textLimit: limit)
    }
}

/// Where the first sheet and the shared strings are: found through the
/// package relationships, as Excel does, since writers name parts freely
/// ("xl/worksheets/sheet1.xml" is only the usual name).
struct WorkbookParts {
    var firstSheet = "xl/worksheets/sheet1.xml"
    var sharedStrings: String? = "xl/sharedStrings.xml"

    init(_ archive: ZipArchive, budget: inout Int) throws(XLSXReadError) {
        let rootRelationships = try Self.relationships(archive, "_rels/.rels", budget: &budget)
        let workbook = rootRelationships.first { $0.type.hasSuffix("/officeDocument") }
            .map { Self.resolve($0.target, from: "") } ?? "xl/workbook.xml"
        let folder = workbook.split(separator: "/").dropLast().joined(separator: "/")
        let file = workbook.split(separator: "/").last.map(String.init) ?? "workbook.xml"
        let relationships = try Self.relationships(archive, (folder.isEmpty ? "" : folder + "/") + "_rels/\(file).rels", budget: &budget)
        if let shared = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            sharedStrings = Self.resolve(shared.target, from: folder)
        } else if !relationships.isEmpty {
            sharedStrings = nil
        }
        guard let bytes = try archive.contents(of: workbook, budget: &budget) else { return }
        var xml = XMLScanner(bytes)
        while let event = try xml.next() {
            // The first <sheet> in the workbook is the first tab, whatever its number.
            guard case .start("sheet", let attributes, _) = event else { continue }
            if let id = attributes["id"], let target = relationships.first(where: { $0.id == id })?.target {
                firstSheet = Self.resolve(target, from: folder)
            }
            return
        }
    }

    private struct Relationship {
        let id: String
        let type: String
        let target: String
    }

    private static func relationships(_ archive: ZipArchive, _ path: String,
                                      budget: inout Int) throws(XLSXReadError) -> [Relationship] {
        guard let bytes = try archive.contents(of: path, budget: &budget) else { return [] }
        var xml = XMLScanner(bytes)
        var found: [Relationship] = []
        while let event = try xml.next() {
            if case .start("Relationship", let a, _) = event, let id = a["Id"], let type = a["Type"], let target = a["Target"] {
                found.append(Relationship(id: id, type: type, target: target))
            }
        }
        return found
    }

    /// A relationship target is relative to the folder of the part it belongs
    /// to, or absolute from the package root when it starts with "/".
    private static func resolve(_ target: String, from folder: String) -> String {
        var path: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": _ = path.popLast()
            default: path.append(piece)
            }
        }
        return path.joined(separator: "/")
    }
}
