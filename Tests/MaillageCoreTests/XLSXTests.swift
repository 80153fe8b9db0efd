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
