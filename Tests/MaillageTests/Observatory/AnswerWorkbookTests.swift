import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Answers export workbook")
struct AnswerWorkbookTests {
    @Test("XLSX: the contract's sheet first (re-imports), then « Lecture » in French: name, delegation, status, codes row")
    func frenchReading() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            try await ObservatoryFixtures.answer(c, f.entityNOR, type: "ETTI", status: .validated, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            var data = Data()
            try await app.testing().test(.GET, SiteURL.answersExport(2024, "xlsx").path,
                                         headers: ["Cookie": "maillage_session=\(admin.cookie!)"]) { res in
                #expect(res.status == .ok)
                data = Data(buffer: res.body)
            }
            // validate: the first sheet reads back as an answers file, both answers, no error
            let back = AnswerFile.parse(xlsx: data, expectedCampaign: 2024)
            #expect(back.errors.isEmpty)
            #expect(back.rows.count == 2)
            // The second sheet, read by openpyxl as Excel would.
            guard let python = Self.python else { return }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).xlsx")
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let script = """
                import openpyxl, sys
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb["Lecture"]
                rows = list(ws.iter_rows(values_only=True))
                print(wb.sheetnames[0], wb.active.title, ws.freeze_panes, rows[0][:6], rows[1][:6], sep="|")
                i = rows[1].index("insertion_persons")
                for r in rows[2:]: print(r[2], r[3], r[5], r[i], sep="|")
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script, file.path]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            process.waitUntilExit()
            let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(lines.first == "Réponses 2024|Lecture|A3|('Campagne', 'SIRET', 'Structure', 'Délégation', 'Type', 'Statut de la réponse')"
                    + "|('campaign', 'siret', None, None, 'type', None)")
            #expect(Set(lines.dropFirst()) == ["Relais Emploi Nantes|Pays de la Loire|Transmise, à valider|40",
                                               "Tempo Emploi Caen|Normandie|Validée|40"])
        }
    }

    static let python: String? = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { dir.deleteLastPathComponent() }
        let candidate = dir.appendingPathComponent(".venv-test/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()
}
