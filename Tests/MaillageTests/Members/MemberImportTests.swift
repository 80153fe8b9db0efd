import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Member import and export")
struct MemberImportTests {
    /// 600 lines as French Excel writes them, five of them bad in five different ways.
    static func file(bad: Bool) -> String {
        var lines = ["siret;nom;types;adresse;code_postal;commune;departement;site_web;statut;date_adhesion;siret_ges"]
        for i in 1...600 {
            let siret = SIRET.makeValid(siren9: String(format: "3%08d", i), nic4: "0001").digits
            var name = "Structure importée \(i)"
            var dep = ["44", "49", "14", "2A", "971", "75"][i % 6]
            var type = i % 10 == 0 ? "AI,ACI" : ["AI", "ACI", "EI", "ETTI", "Proxim'Services"][i % 5]
            var s = siret
            if bad {
                switch i {
                case 17: s = "12345678901234"        // bad Luhn key
                case 101: dep = "99"                  // unknown department
                case 250: type = "XYZ"                // unknown type
                case 333: s = SIRET.makeValid(siren9: String(format: "3%08d", 332), nic4: "0001").digits  // duplicate of line 333
                case 480: name = ""                   // missing name
                default: break
                }
            }
            lines.append("\(s);\(name);\(type);\(i) rue des Tests;;Commune \(i % 40);\(dep);;\(i % 7 == 0 ? "associé" : "actif");01/01/20\(10 + i % 15);")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test("600 lines with 5 bad ones: exactly those 5 reported; applying changes nothing; fixed, all 600 import once")
    func sixHundredLines() async throws {
        try await withMaillage { app in
            // setup
            let before = try await Structure.query(on: app.db).count()
            // MUT: preview of the bad file
            let preview = try await MemberImport.preview(Self.file(bad: true), actor: nil, on: app.db)
            // validate: line numbers count the header as line 1
            #expect(preview.lineErrors.map(\.line) == [18, 102, 251, 334, 481])
            let text = preview.lineErrors.map { $0.messages.joined(separator: " ") }
            #expect(text[0].contains("SIRET"))
            #expect(text[1].contains("Département inconnu"))
            #expect(text[2].contains("Type inconnu"))
            #expect(text[3].contains("double"))
            #expect(text[4].contains("Nom manquant"))
            await #expect(throws: MemberImport.Failure.self) { try await MemberImport.apply(Self.file(bad: true), actor: nil, on: app.db) }
            #expect(try await Structure.query(on: app.db).count() == before)
            #expect(try await Membership.query(on: app.db).count() == 0)

            let applied = try await MemberImport.apply(Self.file(bad: false), actor: nil, on: app.db)
            #expect(applied.created == 600)
            #expect(try await Structure.query(on: app.db).count() == before + 600)
            #expect(try await Structure.query(on: app.db).filter(\.$status == "associe").count() == 85)
            let audits = try await AuditEntry.query(on: app.db).count()

            let again = try await MemberImport.apply(Self.file(bad: false), actor: nil, on: app.db)
            #expect(again.created == 0)
            #expect(again.updated == 0)
            #expect(again.unchanged == 600)
            #expect(try await Structure.query(on: app.db).count() == before + 600)
            #expect(try await AuditEntry.query(on: app.db).count() == audits)
        }
    }

    @Test("Windows-1252 files with accents are read; a probable duplicate in the register is refused")
    func windows1252AndDuplicates() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let header = "SIRET;Nom;Types;Commune;Département\r\n"
            let newSiret = SIRET.makeValid(siren9: "400000001", nic4: "0001").digits
            let otherSiret = SIRET.makeValid(siren9: "400000002", nic4: "0001").digits
            let text = header + "\(newSiret);Régie de Quartier Évreux;EI;Évreux;27\r\n" + "\(otherSiret);Relais Emploi Nantes;AI;Nantes;44\r\n"
            var bytes = [UInt8]()
            for scalar in text.unicodeScalars {
                switch scalar { case "é": bytes.append(0xE9); case "É": bytes.append(0xC9); default: bytes.append(UInt8(scalar.value)) }
            }
            let decoded = FrenchCSV.decode(Data(bytes))
            let report = try await MemberImport.preview(decoded, actor: nil, on: app.db)
            #expect(report.created == 1)
            #expect(report.lineErrors.count == 1)
            #expect(report.lineErrors.first?.line == 3)
            #expect(report.lineErrors.first?.messages.first?.contains("Doublon probable") == true)
            _ = f
        }
    }

    @Test("the web import previews, then applies the stored file in one go")
    func webImport() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let siret = SIRET.makeValid(siren9: "500000001", nic4: "0001").digits
            let csv = "\u{FEFF}siret;nom;types;commune;departement\r\n\(siret);Atelier Web;ACI;Angers;49\r\n"
            let preview = try await b.postMultipart("/import/adherents", fileField: "file", filename: "adherents.csv", data: Data(csv.utf8))
            #expect(preview.status == .ok)
            #expect(preview.body.contains("1 structure(s) à créer"))
            let batch = try await ImportBatch.query(on: app.db).first()!
            let applied = try await b.post("/import/adherents/\(batch.id!)/appliquer")
            #expect(applied.status == .seeOther)
            #expect(try await Structure.query(on: app.db).filter(\.$siret == siret).count() == 1)
            let empty = try await b.postMultipart("/import/adherents", fileField: "file", filename: "vide.csv", data: Data())
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("id=\"file-error\""))
        }
    }

    @Test("exports: CSV for French Excel re-imports unchanged; XLSX is a zip; a delegate exports their region only")
    func exports() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let csv = try await admin.get("/export/adherents.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("\u{FEFF}siret;nom;types"))
            #expect(csv.body.contains("Groupe Solidaire Caen"))
            let report = try await MemberImport.preview(csv.body, actor: nil, on: app.db)
            #expect(!report.hasErrors)
            #expect(report.unchanged == 4)
            let xlsx = try await TestBrowser(app).send(.GET, "/export/adherents.xlsx", headers: ["Cookie": "maillage_session=\(admin.cookie!)"], body: nil)
            #expect(xlsx.status == .ok)
            let delegate = try await f.browser(app, as: .delegate)
            let region = try await delegate.get("/export/adherents.csv")
            #expect(region.body.contains("Relais Emploi Nantes"))
            #expect(!region.body.contains("Groupe Solidaire Caen"))
        }
    }
}
