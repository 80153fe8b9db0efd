import Foundation

/// The worksheet and shared-strings parts, turned into text.
enum SheetXML {
    // Excel's own limits: a reference past them is a crafted file.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// Cells kept, gaps included: one value in column XFD of every row would
    /// otherwise make a 50 MB sheet ask for billions of empty strings.
    static let maxCells = 10_000_000

    /// `<sst><si>…</si>…</sst>`: one string per `<si>`, its `<t>` runs joined
    /// (rich text splits a string into runs), phonetic guides (`<rPh>`) left out.
    static func sharedStrings(_ bytes: [UInt8]) throws(XLSXReadError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        var xml = XMLScanner(bytes)
        while let event = try xml.next() {
            switch event {
            case .start("si", _, let empty):
                current = ""
                if empty { strings.append("") }
            case .start("t", _, false) where !inPhonetic: inText = true
            case .start("rPh", _, false): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .end("t"): inText = false
            case .end("si"): strings.append(unescape(current))
            case .text(let text) where inText: current += text
            default: break
            }
        }
        return strings
    }

    /// The rows of `<sheetData>`. A cell's type (`t`) says how to read its
    /// value: "s" an index into the shared strings, "inlineStr" text in `<is>`,
    /// "str" a formula's text result, "b" a boolean, "e" an error such as
    /// "#N/A", otherwise a number in `<v>` (formulas in `<f>` are ignored: the
    /// cached result is what the person saw).
    /// `textLimit` caps the bytes of text handed out: one shared string may fill every
    /// cell, so a 70 KB workbook could otherwise expand to terabytes of cells.
    static func rows(_ bytes: [UInt8], sharedStrings: [String],
                     textLimit: Int = XLSXReader.maxInflatedSize) throws(XLSXReadError) -> [[String]] {
        var grid = Grid(textLimit: textLimit)
        var row = -1
        var column = -1
        var type = "n"
        var value = ""
        var hasValue = false
        var inValue = false
        var inInline = false
        var inPhonetic = false
        var xml = XMLScanner(bytes)
        while let event = try xml.next() {
            switch event {
            case .start("row", let a, _):
                // &-: r="-9223372036854775808" wraps to Int.max and is refused below instead of trapping.
                row = a["r"].flatMap { Int($0) }.map { $0 &- 1 } ?? row + 1
                column = -1
                guard (0..<maxRows).contains(row) else { throw .corrupt("numéro de ligne invalide") }
            case .start("c", let a, _):
                // A self-closing <c/> is a formatted cell without a value: it only moves the column on.
                if row < 0 { row = 0 }
                column = a["r"].flatMap(columnIndex) ?? column + 1
                guard column < maxColumns else { throw .corrupt("référence de cellule invalide") }
                (type, value, hasValue) = (a["t"] ?? "n", "", false)
            // <v/> and <t/> hold no value: the cell stays empty, not "".
            case .start("v", _, let empty):
                (inValue, hasValue) = (!empty, hasValue || !empty)
            case .start("is", _, let empty): inInline = !empty
            case .start("rPh", _, false): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let empty) where inInline && !inPhonetic:
                (inValue, hasValue) = (!empty, hasValue || !empty)
            case .end("v"), .end("t"): inValue = false
            case .end("is"): inInline = false
            case .text(let text) where inValue: value += text
            case .end("c"):
                // A <v> outside any <c> (a damaged part) has no cell to fill: row or column is still -1.
                if hasValue, row >= 0, column >= 0 {
                    try grid.set(try cellText(type: type, value: value, sharedStrings: sharedStrings), row: row, column: column)
                }
                hasValue = false
            default: break
            }
        }
        return grid.rows
    }

    private static func cellText(type: String, value: String, sharedStrings: [String]) throws(XLSXReadError) -> String {
        switch type {
        case "s":
            guard let index = Int(value) ?? Int(value.trimmingCharacters(in: .whitespaces)),
                  sharedStrings.indices.contains(index) else {
                throw .corrupt("chaîne partagée introuvable")
            }
            return sharedStrings[index]
        case "inlineStr", "str": return unescape(value)
        case "b": return value.trimmingCharacters(in: .whitespaces) == "1" ? "VRAI" : "FAUX"
        case "n": return XLSXNumber.plain(value) ?? value
        // "e" errors and "d" ISO dates are shown as written.
        default: return value
        }
    }

    /// "C7" → 2: the letters of a cell reference, "A" = 0; nil if there are none.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard (65...90).contains(byte), letters < 3 else { break }
            index = index * 26 + Int(byte - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    /// OOXML writes characters XML cannot hold as "_xHHHH_" (a carriage return is
    /// "_x000D_"), and a literal "_x" sequence as "_x005F_x…".
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}

/// Rows growing as cells arrive, in any order.
private struct Grid {
    private(set) var rows: [[String]] = []
    private var cells = 0
    private var textBytes = 0
    let textLimit: Int

    init(textLimit: Int) {
        self.textLimit = textLimit
    }

    mutating func set(_ text: String, row: Int, column: Int) throws(XLSXReadError) {
        let added = max(0, row + 1 - rows.count) + max(0, column + 1 - (row < rows.count ? rows[row].count : 0))
        cells += added
        textBytes += text.utf8.count
        guard cells <= SheetXML.maxCells, textBytes <= textLimit else { throw .tooLarge }
        while rows.count <= row { rows.append([]) }
        while rows[row].count <= column { rows[row].append("") }
        rows[row][column] = text
    }
}
