import Foundation
@testable import MaillageCore
import Testing

@Suite struct XLSXTests {
    @Test func workbookHasEveryPartWithValidCRCs() throws {
        // setup
        let sheets = [
            XLSXSheet(name: "Adhérents", rows: [[.text("nom"), .text("montant")], [.text("Relais"), .number("12.5")]]),
            XLSXSheet(name: "Totaux", rows: [[.integer(3)]]),
        ]
        // MUT
        let reader = try ZipReader(XLSX.workbook(sheets))
        // validate
        #expect(reader.entries.map(\.name) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        for entry in reader.entries {
            #expect(entry.localHeaderMatches)
            #expect(ZipReader.crc32(entry.contents) == entry.storedCRC)
        }
        let types = try #require(reader.text("[Content_Types].xml"))
        #expect(types.contains(#"PartName="/xl/worksheets/sheet2.xml""#))
        let workbook = try #require(reader.text("xl/workbook.xml"))
        #expect(workbook.contains(#"<sheet name="Adhérents" sheetId="1" r:id="rId1"/>"#))
        let rels = try #require(reader.text("xl/_rels/workbook.xml.rels"))
        #expect(rels.contains(#"Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles""#))
    }

    @Test func sameSheetsGiveTheSameBytes() throws {
        // setup
        let sheets = [XLSXSheet(name: "Adhérents", rows: [[.text("nom"), .text("montant")], [.text("Relais"), .number("12.5")]])]
        // MUT
        let first = XLSX.workbook(sheets)
        let second = XLSX.workbook(sheets)
        // validate: byte-identical, each entry dated 1 January 2024 at 00:00 whatever the clock says
        #expect(first == second)
        for entry in try ZipReader(first).entries {
            #expect(entry.dosDate == (44 << 9) | (1 << 5) | 1)
            #expect(entry.dosTime == 0)
        }
    }

    @Test func sheetHoldsTheCellsWithABoldHeader() throws {
        let rows: [[XLSXCell]] = [
            [.text("nom"), .text("effectif")],
            [.text("A & B <Relais>"), .integer(42), .empty, .number("-1234.56"), .number("12,5")],
        ]
        let sheet = try #require(try ZipReader(XLSX.workbook([XLSXSheet(name: "S", rows: rows)]))
            .text("xl/worksheets/sheet1.xml"))
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">nom</t></is></c>"#))
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">A &amp; B &lt;Relais&gt;</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2"><v>42</v></c>"#))
        #expect(!sheet.contains(#"r="C2""#))
        #expect(sheet.contains(#"<c r="D2"><v>-1234.56</v></c>"#))
        // Not a '.' decimal: written as text rather than corrupting the file.
        #expect(sheet.contains(#"<c r="E2" t="inlineStr"><is><t xml:space="preserve">12,5</t></is></c>"#))
    }

    @Test func stylesDeclareTheBoldFormat() throws {
        let styles = try #require(try ZipReader(XLSX.workbook([])).text("xl/styles.xml"))
        #expect(styles.contains(#"<fonts count="2">"#))
        #expect(styles.contains(#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#))
    }

    @Test func escapingDropsCharactersXMLForbids() {
        #expect(XMLText.escape("a\u{0}b\u{1F}c\td\u{FFFE}'\"") == "abc\td&apos;&quot;")
        #expect(XMLText.escape("x\r\ny") == "x&#13;\ny")
    }

    @Test func columnLetters() {
        #expect([0, 25, 26, 27, 51, 52, 701, 702].map(XLSXCellXML.column) == ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    @Test func sheetNamesAreMadeAcceptable() {
        let names = XLSX.sheetNames(["Cotisations [2024]: a/b?*\\", String(repeating: "x", count: 40), "",
                                     "'Bilan'", "bilan", String(repeating: "x", count: 40)])
        #expect(names == ["Cotisations 2024 ab", String(repeating: "x", count: 31), "Feuille 3",
                          "Bilan", "bilan (2)", String(repeating: "x", count: 27) + " (2)"])
        #expect(names.allSatisfy { $0.count <= 31 })
    }
}

@Suite struct XLSXTypedSheetTests {
    static let sheet = XLSXSheet(
        name: "Adhérents",
        rows: [[.text("Nom"), .text("Adhésion"), .text("Effectif"), .text("Chiffre d'affaires")],
               [.text("Château-Gontier Emploi"), .date(Day(year: 2024, month: 3, day: 1)!), .integer(12), .number("1234.5")],
               [.text("Évry Solidaire"), .empty, .integer(3), .number("0.25")]],
        widths: [30, 12, 10, 20], frozenRows: 1, autoFilter: true)

    @Test("dates are serial numbers with the dd/mm/yyyy style, numbers plain values")
    func typedCells() throws {
        // MUT
        let xml = try #require(try ZipReader(XLSX.workbook([Self.sheet])).text("xl/worksheets/sheet1.xml"))
        // validate: 1 March 2024 is day 45352 of the 1900 system (Excel shows 01/03/2024)
        #expect(xml.contains(#"<c r="B2" s="2"><v>45352</v></c>"#))
        #expect(xml.contains(#"<c r="C2"><v>12</v></c>"#))
        #expect(xml.contains(#"<c r="D3"><v>0.25</v></c>"#))
        #expect(XLSXCellXML.serial(Day(year: 1900, month: 3, day: 1)!) == 61)
        #expect(XLSXCellXML.serial(Day(year: 2026, month: 12, day: 6)!) == 46362)
    }

    @Test("frozen header, column widths and a filter over every row, in the schema's order")
    func layout() throws {
        // MUT
        let reader = try ZipReader(XLSX.workbook([Self.sheet, XLSXSheet(name: "Codes", rows: [[.text("siret")]])]))
        let xml = try #require(reader.text("xl/worksheets/sheet1.xml"))
        let workbook = try #require(reader.text("xl/workbook.xml"))
        let styles = try #require(reader.text("xl/styles.xml"))
        // validate
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<col min="1" max="1" width="30.0" customWidth="1"/>"#))
        #expect(xml.contains(#"<autoFilter ref="A1:D3"/>"#))
        let order = ["<sheetViews>", "<cols>", "<sheetData>", "<autoFilter"].map { xml.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        #expect(workbook.contains(#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;Adhérents&apos;!$A$1:$D$3</definedName>"#))
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>"#))
        // The second sheet, plain, keeps the old layout.
        let codes = try #require(reader.text("xl/worksheets/sheet2.xml"))
        #expect(!codes.contains("<pane") && !codes.contains("<autoFilter"))
    }

    @Test("widths fit the longest cell, between 8 and 60 characters")
    func widths() {
        let widths = XLSXSheet.widths(header: ["Nom", "D"], rows: [[.text("Château-Gontier Emploi"), .date(Day(year: 2024, month: 1, day: 1)!)],
                                                               [.text(String(repeating: "x", count: 90))]])
        #expect(widths == [60, 12])
    }

    @Test("CSV text of each cell: French decimals and dates")
    func csvText() {
        #expect(XLSXCell.number("1234.5").csvText == "1234,5")
        #expect(XLSXCell.date(Day(year: 2024, month: 3, day: 1)!).csvText == "01/03/2024")
        #expect(XLSXCell.integer(7).csvText == "7")
        #expect(XLSXCell.empty.csvText == "")
    }

    /// openpyxl (Tests/requirements.txt) reads the file as Excel would: typed cells, freeze, filter.
    @Test("openpyxl reads the dates, numbers, freeze panes and filter", .enabled(if: XLSXTypedSheetTests.python != nil))
    func openpyxl() throws {
        // setup
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t.xlsx")
        try XLSX.workbook([Self.sheet, XLSXSheet(name: "Codes", rows: [[.text("siret")]])]).write(to: file)
        let script = """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Adhérents"]
            print(wb.sheetnames, ws.freeze_panes, ws.auto_filter.ref, ws["B2"].value.date().isoformat(), ws["B2"].number_format,
                  ws["C2"].value, ws["D2"].value, ws.column_dimensions["A"].width, ws["A1"].font.b, sep="|")
            """
        // MUT
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // validate
        #expect(process.terminationStatus == 0)
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines)
            == "['Adhérents', 'Codes']|A2|A1:D3|2024-03-01|dd/mm/yyyy|12|1234.5|30.0|True")
    }

    /// The test virtualenv's Python, when it has openpyxl.
    static let python: String? = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        let candidate = dir.appendingPathComponent(".venv-test/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()
}
