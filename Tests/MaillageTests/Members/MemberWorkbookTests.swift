import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Member export workbook")
struct MemberWorkbookTests {
    @Test("XLSX: a French first sheet (labels, delegation, GES, date cells, filters) and the contract in « Codes »; CSV unchanged")
    func frenchWorkbook() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let csv = try await admin.get(.exportMembersCSV, query: ["delegation": "NOR"])
            var data = Data()
            try await app.testing().test(.GET, SiteURL.exportMembersXLSX.path(query: ["delegation": "NOR"]),
                                         headers: ["Cookie": "maillage_session=\(admin.cookie!)"]) { res in
                data = Data(buffer: res.body)
            }
            // validate: the CSV is the member file, codes as headers (SPEC §8)
            let csvLines = csv.body.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(csvLines.first == MemberFile.columns.joined(separator: ";"))
            #expect(csvLines.count == 3)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("fichier-adherents-delegation-nor-") == true)
            // The first sheet, as a reader sees it: French headers, names, labels, delegation, the GES.
            let french = try XLSXReader.firstSheet(data)
            #expect(french.first == MemberWorkbook.headers)
            let tempo = try #require(french.first { $0.count > 1 && $0[1] == "Tempo Emploi Caen" })
            #expect(tempo[7] == "Normandie")
            #expect(tempo[9] == "Actif")
            let joined = tempo[10]
            #expect(!joined.isEmpty && joined.allSatisfy { $0.isNumber })  // a date serial, not text
            #expect(tempo[12] == "Groupe Solidaire Caen")
        }
    }
}
