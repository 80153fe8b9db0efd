import Foundation
@testable import MaillageCore
import Testing

/// Inputs that made a parser of outside input trap, hang or blow up, found by
/// scripts/fuzz.sh (libFuzzer) or while reading the parsers for it; see docs/FUZZING.md.
/// Each test failed (or trapped the whole test process) before its fix.
@Suite struct FuzzRegressionTests {
    /// What the XLSX fuzz target does with an input that is not a ZIP archive: NUL-separated
    /// parts (sheet, shared strings, workbook, its relationships, package relationships)
    /// packed into a valid archive.
    static func packed(_ bytes: [UInt8]) -> Data {
        let paths = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "_rels/.rels"]
        let parts = bytes.split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false)
        return XLSX.zip(parts.enumerated().map { (paths[$0.offset], Array($0.element)) })
    }

    @Test func aValueOutsideAnyCellFillsNoCell() throws {
        // The fuzzer's input (crash-775535ea…): a <v> then a </c> before any <row> or <c>,
        // so the grid was written at row -1, column -1 (index out of range).
        let found = Data(base64Encoded: """
            PD94bWwgdmVycWlvbj0iMS4wIj8+PCFET0NUWUlUWSBlICJib29tIj4iRDEiIHQ9ImIiPjx2PjE8L3Y+PC9jPjxjIHQ9ImUiPjx2PiNO\
            L0E8L3YBRU5USVRZIGUgImJvb20iPiJEMSIgdD0iYiI+PHY+MTwvdj48L2M+PGMgdD0iZSI+PHY+I04vQTwvdgEAAAAAAADvPjwvYz48\
            L3Q+PC9yPjwvc2k+PHNpLz48L3NzdD4=
            """)!
        // MUT
        _ = try? XLSXReader.firstSheet(Self.packed([UInt8](found)))
        let outside = try XLSXReader.firstSheet(Self.packed(Array(#"<v>1</v></c><row r="2"><v>2</v></c><c r="B2"><v>3</v></c></row>"#.utf8)))
        // validate: only the real cell is read
        #expect(outside == [[], ["", "3"]])
    }

    @Test func aRowNumberOfIntMinIsRefused() {
        // MUT
        let sheet = Array(#"<row r="-9223372036854775808"><c><v>1</v></c></row>"#.utf8)
        // validate: was an overflow trap on `r - 1`
        #expect(throws: XLSXReadError.corrupt("numéro de ligne invalide")) { try XLSXReader.firstSheet(Self.packed(sheet)) }
    }

    @Test func anExponentOfIntMinIsNotANumber() throws {
        // MUT / validate: was a trap in abs(Int.min); the cell keeps its text as written
        #expect(XLSXNumber.plain("1e-9223372036854775808") == nil)
        #expect(XLSXNumber.plain("1E9223372036854775807") == nil)
        #expect(XLSXNumber.plain("1e-400") == "0." + String(repeating: "0", count: 399) + "1")
        let rows = try XLSXReader.firstSheet(Self.packed(Array(#"<row><c><v>1e-9223372036854775808</v></c></row>"#.utf8)))
        #expect(rows == [["1e-9223372036854775808"]])
    }

    @Test func oneSharedStringCannotFillTheSheetPastTheLimit() throws {
        // A shared string of 1,000 bytes used by 100 cells: 3 KB of parts, 100 KB of text.
        // Scaled up (20 MB string, a million cells: a 72 KB upload) the answers import
        // copied terabytes, a hang; the text handed out now counts against the same limit.
        let shared = "<sst><si><t>" + String(repeating: "x", count: 1_000) + "</t></si></sst>"
        let sheet = "<sheetData><row>" + String(repeating: #"<c t="s"><v>0</v></c>"#, count: 100) + "</row></sheetData>"
        let workbook = Self.packed(Array(sheet.utf8) + [0] + Array(shared.utf8))
        // MUT
        #expect(throws: XLSXReadError.tooLarge) { try XLSXReader.firstSheet(workbook, limit: 50_000) }
        // validate: the same workbook under the real limit is read whole
        #expect(try XLSXReader.firstSheet(workbook).first?.count == 100)
    }

    @Test func manyUntitledColumnsAndManyShortLinesStayLinear() {
        // A header of n ";" and n short lines: every line looped over every untitled column,
        // n² (this test took 77 s in a debug build before the fix, 0.7 s after; a 1 MB upload
        // hours). The bound only tells a hang from a linear run, it measures nothing.
        let n = 20_000
        let csv = (["campaign;siret;type" + String(repeating: ";", count: n)] + Array(repeating: "x", count: n)).joined(separator: "\n")
        // MUT
        let start = ContinuousClock.now
        let result = AnswerFile.parse(csv: Data(csv.utf8), expectedCampaign: 2024)
        let elapsed = ContinuousClock.now - start
        // validate
        #expect(result.rows.isEmpty)
        #expect(result.errors.filter { $0.column == "siret" }.count == n)
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    @Test func manyDistinctUnknownTypesStayLinear() {
        // A types cell of n distinct unknown tokens: each was searched in the list of those
        // already seen, n² (this test took 96 s in a debug build before the fix, 1.5 s after;
        // a 20 MB upload hours). The bound only tells a hang from a linear run.
        let n = 40_000
        let cell = (0..<n).map { "t\($0)" }.joined(separator: ",") + ",AI,t7"
        // MUT
        let start = ContinuousClock.now
        let (types, unknown) = StructureType.parseList(cell)
        let elapsed = ContinuousClock.now - start
        // validate: same result as before, each unknown token once, in order
        #expect(types == [.ai])
        #expect(unknown.count == n)
        #expect(unknown.prefix(2) == ["t0", "t1"])
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    /// `quoted` doubled quotes with Character-based `replacingOccurrences`, so a quote sharing
    /// its grapheme with a combining mark (U+0022 U+0484) was not doubled and the cell ended
    /// early: `m"҄҄` was written `"m"҄҄"` and read back `m҄҄"`; with a `;` after it, a structure
    /// name spilled into the next column of an export. Found by the CSV target (export →
    /// import round trip, input 6D 22 D2 84 D2 84); the writer now works scalar by scalar.
    @Test func aQuoteWithACombiningMarkSurvivesTheRoundTrip() {
        for cell in ["m\"\u{0484}\u{0484}", "a\"\u{0301};=1+1"] {
            // MUT
            let back = FrenchCSV.parse(FrenchCSV.write([[cell, "suivante"]])).map(\.fields)
            // validate
            #expect(back == [[cell, "suivante"]])
        }
    }
}
