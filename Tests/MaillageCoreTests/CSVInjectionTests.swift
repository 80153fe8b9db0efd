import Foundation
@testable import MaillageCore
import Testing

/// OWASP CSV injection: no exported cell may start a formula, numbers stay numbers,
/// and the member import reads the protected cells back unchanged.
@Suite struct CSVInjectionTests {
    @Test(arguments: ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1+1", "-1+2", "-", "-,5", "-1e5", "-1 000",
                      "-3,2,1", "--1", "=", "\tTab", "\rRetour", "+33 2 40 00 00 00"])
    func formulaStartsAreQuoted(_ cell: String) {
        #expect(FrenchCSV.protected(cell) == "'" + cell)
    }

    @Test(arguments: ["-3,2", "-12.50", "-0", "42", "3,14", "0.5", "Relais", "", "'quote", "a=b", " =espace", "\nligne"])
    func plainCellsAndNumbersAreKept(_ cell: String) {
        #expect(FrenchCSV.protected(cell) == cell)
    }

    @Test func plainNumberRule() {
        #expect(FrenchCSV.isPlainNumber("-3,2"))
        #expect(FrenchCSV.isPlainNumber("-12.50"))
        #expect(FrenchCSV.isPlainNumber("7"))
        for text in ["", "-", "+3", "-3,", "-,3", "-3,2.1", "-1e5", "-١٢", "- 3", "-3 "] {
            #expect(!FrenchCSV.isPlainNumber(text), "\(text)")
        }
    }

    @Test func writeProtectsEveryCellThenQuotes() {
        // MUT
        let text = FrenchCSV.write([["nom", "commune", "adresse", "solde"],
                                    ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1+1", "-3,2"]])
        // validate: the quote is inside the CSV quoting, as Excel writes it
        #expect(text == "nom;commune;adresse;solde\r\n\"'=HYPERLINK(\"\"http://x\"\")\";'@SUM(A1);'+1+1;-3,2\r\n")
        let cells = FrenchCSV.parse(text)[1].fields
        #expect(cells.allSatisfy { !["=", "+", "@", "\t", "\r"].contains($0.first.map(String.init) ?? "") })
    }

    @Test(arguments: ["=x", "'=x", "''=x", "'-3,2", "-3,2", "'abc", "''", "'", "+", "'\t", "\r=", "Relais", ""])
    func unprotectUndoesProtect(_ cell: String) {
        #expect(FrenchCSV.unprotected(FrenchCSV.protected(cell)) == cell)
    }

    @Test func memberFileReadsProtectedCellsBack() {
        // setup: a member file as exported, with formula-like name, commune and address
        let row = MemberRow(line: 2, siret: SIRET.makeValid(siren9: "732829320", nic4: "0001"),
                            name: "=HYPERLINK(\"http://x\")", types: [.ai], address: "+1+1",
                            commune: "@SUM(A1)", department: "44")
        let text = FrenchCSV.write(MemberFile.exportRows([row]))
        // MUT
        let parsed = MemberFile.parse(FrenchCSV.parse(text))
        // validate
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows.first?.name == row.name)
        #expect(parsed.rows.first?.address == "+1+1")
        #expect(parsed.rows.first?.commune == "@SUM(A1)")
    }

    @Test func xlsxWritesFormulaTextAsAString() throws {
        // MUT
        let cells: [[XLSXCell]] = [[.text("nom")], [.text("=HYPERLINK(\"http://x\")"), .number("=1+1"), .text("@SUM(A1)")]]
        let sheet = try #require(try ZipReader(XLSX.workbook([XLSXSheet(name: "S", rows: cells)])).text("xl/worksheets/sheet1.xml"))
        // validate: inline strings, never a <f> formula element
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>"#))
        #expect(sheet.contains(#"<c r="C2" t="inlineStr"><is><t xml:space="preserve">@SUM(A1)</t></is></c>"#))
    }
}
