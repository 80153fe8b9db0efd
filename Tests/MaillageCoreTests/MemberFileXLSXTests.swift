import Foundation
import Testing
@testable import MaillageCore

@Suite("Member file: workbooks and the template")
struct MemberFileXLSXTests {
    @Test("a workbook reads like the CSV: numbers typed by Excel (SIRET, postal code, a date) come back as the register wants them")
    func workbookRows() {
        // setup
        let siret = SIRET.makeValid(siren9: "400000011", nic4: "0001")
        let rows: [[XLSXCell]] = [
            ["SIRET", "Nom", "Types", "Commune", "Département", "Code postal", "Date d'adhésion"].map(XLSXCell.text),
            [.integer(Int(siret.digits)!), .text("Atelier Classeur"), .text("AI, ACI"), .text("Bourg-en-Bresse"), .text("1"),
             .integer(1000), .integer(45306)],
            [.empty, .empty, .empty, .empty, .empty, .empty, .empty],
            [.text("12345678901234"), .text("Mauvais"), .text("AI"), .text("Nantes"), .text("44"), .empty, .text("15/01/2024")],
        ]
        // MUT
        let parsed = MemberFile.parse(xlsx: XLSX.workbook([XLSXSheet(name: "Adhérents", rows: rows)]))
        // validate
        #expect(parsed.fileErrors.isEmpty)
        #expect(parsed.rows == [MemberRow(line: 2, siret: siret, name: "Atelier Classeur", types: [.ai, .aci], postalCode: "01000",
                                          commune: "Bourg-en-Bresse", department: "01", joinedOn: "2024-01-15")])
        #expect(parsed.errors.map(\.line) == [4])
    }

    @Test("a file that is no workbook is one problem of the file, in French")
    func notAWorkbook() {
        // MUT
        let parsed = MemberFile.parse(xlsx: Data("siret;nom".utf8))
        // validate
        #expect(parsed.rows.isEmpty)
        #expect(parsed.fileErrors == [XLSXReadError.notAWorkbook.message])
    }

    @Test("Excel day numbers: 45306 is 15/01/2024, 1 is 31/12/1899; text is left alone")
    func excelDays() {
        #expect(MemberFile.excelDay("45306") == "15/01/2024")
        #expect(MemberFile.excelDay("45306.75") == "15/01/2024")
        #expect(MemberFile.excelDay("15/01/2024") == nil)
        #expect(MemberFile.excelDay("") == nil)
    }

    @Test("the template is the contract's header and one valid example line, in CSV and XLSX")
    func template() {
        // MUT
        let csv = MemberFile.parse(FrenchCSV.parse(FrenchCSV.write(MemberFile.template)))
        let xlsx = MemberFile.parse(xlsx: MemberFile.templateWorkbook())
        // validate
        #expect(MemberFile.template.first == MemberFile.columns)
        #expect(csv.errors.isEmpty && csv.fileErrors.isEmpty)
        #expect(csv.rows.count == 1)
        #expect(xlsx.rows == csv.rows)
    }
}
