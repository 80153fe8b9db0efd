import Fluent
import Foundation
import MaillageCore
import NIOConcurrencyHelpers
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
            #expect(preview.body.contains("1 structure à créer, 0 à mettre à jour"))
            let batch = try await ImportBatch.query(on: app.db).first()!
            let applied = try await b.post("/import/adherents/\(batch.id!)/appliquer")
            #expect(applied.status == .seeOther)
            #expect(try await Structure.query(on: app.db).filter(\.$siret == siret).count() == 1)
            let empty = try await b.postMultipart("/import/adherents", fileField: "file", filename: "vide.csv", data: Data())
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("id=\"file-error\""))
        }
    }

    /// Issue #9: « 1 structure(s) à mettre à jour » renamed and retyped a structure unseen.
    /// Line 2 renames and retypes the PDL structure (sensitive), line 3 creates one, line 4
    /// moves a structure to another commune (not sensitive).
    static func renameFile(_ f: Fixtures) -> Data {
        let newSiret = SIRET.makeValid(siren9: "500000011", nic4: "0001").digits
        return Data(("siret;nom;types;commune;departement\r\n"
            + "\(f.inPDL.siret);Relais Emploi Atlantique;ACI;Nantes;44\r\n"
            + "\(newSiret);Atelier Neuf;EI;Angers;49\r\n"
            + "\(f.otherPDL.siret);Chantier Nature Vendée;ACI;Luçon;85\r\n").utf8)
    }

    @Test("a rename and a retype stand out in the preview; applied without ticking they are left out, the other lines applied")
    func silentRenameRefused() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let preview = try await b.postMultipart(.uploadMembers, fileField: "file", filename: "adherents.csv", data: Self.renameFile(f))
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            // MUT
            let applied = try await b.post(.applyImport(try batch.requireID()))
            // validate
            #expect(preview.status == .ok)
            #expect(preview.body.contains("<del>Relais Emploi Nantes</del>"))
            #expect(preview.body.contains("<strong>Relais Emploi Atlantique</strong>"))
            #expect(preview.body.contains("<del>Association intermédiaire</del>"))
            #expect(preview.body.contains("<strong>Atelier et chantier d&#39;insertion</strong>") || preview.body.contains("<strong>Atelier et chantier d'insertion</strong>"))
            #expect(preview.body.contains("name=\"confirm\" value=\"2\""))
            #expect(!preview.body.contains("name=\"confirm\" value=\"4\""))
            #expect(preview.body.contains("1 structure à créer, 2 à mettre à jour, 1 modification sensible à confirmer"))
            #expect(applied.status == .seeOther)
            let kept = try #require(try await Structure.find(f.inPDL.id, on: app.db))
            #expect(kept.name == "Relais Emploi Nantes")
            #expect(kept.types == [.ai])
            #expect(try await Structure.query(on: app.db).filter(\.$name == "Atelier Neuf").count() == 1)
            #expect(try await Structure.find(f.otherPDL.id, on: app.db)?.commune == "Luçon")
            let next = try await b.get(try #require(applied.location))
            #expect(next.body.contains("1 ligne non appliquée : modification sensible non confirmée (ligne 2)"))
        }
    }

    @Test("a ticked sensitive line is applied and journaled; « Créations seulement » applies the creations alone")
    func tickedRenameApplied() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            _ = try await b.postMultipart(.uploadMembers, fileField: "file", filename: "adherents.csv", data: Self.renameFile(f))
            let first = try #require(try await ImportBatch.query(on: app.db).first())
            // MUT: creations only
            let creations = try await b.post(.applyImport(try first.requireID()), form: [("confirm", "2"), ("mode", "creations")])
            // validate
            #expect(creations.status == .seeOther)
            #expect(try await Structure.query(on: app.db).filter(\.$name == "Atelier Neuf").count() == 1)
            #expect(try await Structure.find(f.otherPDL.id, on: app.db)?.commune == "La Roche-sur-Yon")
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.name == "Relais Emploi Nantes")

            // setup: the same file again, the rename ticked
            _ = try await b.postMultipart(.uploadMembers, fileField: "file", filename: "adherents.csv", data: Self.renameFile(f))
            let second = try #require(try await ImportBatch.query(on: app.db).filter(\.$appliedAt == nil).first())
            // MUT
            let ticked = try await b.post(.applyImport(try second.requireID()), form: [("confirm", "2")])
            // validate
            #expect(ticked.status == .seeOther)
            let renamed = try #require(try await Structure.find(f.inPDL.id, on: app.db))
            #expect(renamed.name == "Relais Emploi Atlantique")
            #expect(renamed.types == [.aci])
            #expect(try await Structure.find(f.otherPDL.id, on: app.db)?.commune == "Luçon")
            let journal = try await AuditEntry.query(on: app.db).filter(\.$entityID == renamed.requireID().uuidString).all()
            #expect(journal.contains { $0.after?.contains("Relais Emploi Atlantique") == true })
        }
    }

    @Test("each update lists its fields old → new in French; name, types, department and GES are sensitive, the commune is not")
    func fieldChanges() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let text = "siret;nom;types;commune;departement;statut;date_adhesion;siret_ges\r\n"
                + "\(f.inPDL.siret);Relais Emploi Atlantique;AI,ACI;Nantes;14;associé;15/01/2024;\(f.gesNOR.siret)\r\n"
                + "\(f.otherPDL.siret);Chantier Nature Vendée;ACI;Luçon;85;;;\r\n"
            // MUT
            let report = try await MemberImport.preview(text, actor: nil, on: app.db)
            // validate
            #expect(!report.hasErrors, "\(report.lineErrors)")
            let renamed = try #require(report.planned.first { $0.line == 2 })
            let byField = Dictionary(uniqueKeysWithValues: renamed.fields.map { ($0.field, $0) })
            #expect(byField["name"] == FieldChange(field: "name", label: "Nom", old: "Relais Emploi Nantes", new: "Relais Emploi Atlantique", sensitive: true))
            #expect(byField["types"]?.old == "Association intermédiaire")
            #expect(byField["types"]?.new == "Association intermédiaire, Atelier et chantier d'insertion")
            #expect(byField["types"]?.sensitive == true)
            #expect(byField["department"]?.old?.hasPrefix("44 — délégation ") == true)
            #expect(byField["department"]?.new?.hasPrefix("14 — délégation ") == true)
            #expect(byField["department"]?.sensitive == true)
            #expect(byField["ges_parent"]?.new == "Groupe Solidaire Caen")
            #expect(byField["ges_parent"]?.sensitive == true)
            #expect(byField["status"]?.new == "Associé")
            #expect(byField["status"]?.sensitive == false)
            #expect(byField["joined_on"]?.new == "15/01/2024")
            #expect(renamed.needsConfirmation)
            let moved = try #require(report.planned.first { $0.line == 3 })
            #expect(moved.fields.map(\.field) == ["commune"])
            #expect(moved.fields.first?.old == "La Roche-sur-Yon")
            #expect(!moved.needsConfirmation)
            #expect(report.sensitive == 1)
        }
    }

    @Test("a line naming, under one structure's SIRET, another structure of the register is flagged")
    func siretOfAnotherStructure() async throws {
        try await withMaillage { app in
            // setup: the file gives the Vendée structure's name to the Nantes structure's SIRET
            let f = try await Fixtures.load(on: app)
            let text = "siret;nom;types;commune;departement\r\n\(f.inPDL.siret);Chantier Nature Vendée;AI;La Roche-sur-Yon;44\r\n"
            // MUT
            let report = try await MemberImport.preview(text, actor: nil, on: app.db)
            // validate
            let line = try #require(report.planned.first)
            let siret = try #require(line.fields.first { $0.field == "siret" })
            #expect(siret.sensitive)
            #expect(siret.new?.contains(f.otherPDL.siret) == true)
        }
    }

    @Test("a workbook (XLSX) is previewed and applied like a CSV, from the stored batch")
    func xlsxUpload() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let siret = SIRET.makeValid(siren9: "500000021", nic4: "0001").digits
            let rows: [[XLSXCell]] = [
                ["siret", "nom", "types", "commune", "departement", "code_postal", "date_adhesion"].map(XLSXCell.text),
                [.integer(Int(siret)!), .text("Atelier Classeur"), .text("EI"), .text("Bourg-en-Bresse"), .text("01"), .integer(1000), .integer(45306)],
            ]
            let data = XLSX.workbook([XLSXSheet(name: "Adhérents", rows: rows)])
            // MUT
            let preview = try await b.postMultipart(.uploadMembers, fileField: "file", filename: "adherents.xlsx", data: data)
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            let applied = try await b.post(.applyImport(try batch.requireID()))
            // validate
            #expect(preview.status == .ok)
            #expect(preview.body.contains("1 structure à créer"))
            #expect(applied.status == .seeOther)
            let s = try #require(try await Structure.query(on: app.db).filter(\.$siret == siret).first())
            #expect(s.name == "Atelier Classeur")
            #expect(s.postalCode == "01000")
            #expect(s.joinedOn == "2024-01-15")
        }
    }

    @Test("the templates (CSV and XLSX) have the contract's header and one example line that imports without error")
    func templates() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.importMembers)
            let csv = try await admin.get(.membersTemplateCSV)
            let xlsx = try await admin.get(.membersTemplateXLSX)
            // validate
            #expect(page.body.contains("href=\"\(SiteURL.membersTemplateCSV.path)\""))
            #expect(page.body.contains("href=\"\(SiteURL.membersTemplateXLSX.path)\""))
            #expect(csv.status == .ok)
            #expect(csv.body.hasPrefix("\u{FEFF}" + MemberFile.columns.joined(separator: ";") + "\r\n"))
            let report = try await MemberImport.preview(csv.body, actor: nil, on: app.db)
            #expect(!report.hasErrors, "\(report.lineErrors) \(report.fileErrors)")
            #expect(report.created == 1)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let parsed = MemberFile.parse(xlsx: MemberFile.templateWorkbook())
            #expect(parsed.rows.count == 1 && parsed.errors.isEmpty && parsed.fileErrors.isEmpty)
        }
    }

    @Test("import-members --apply leaves a sensitive line out and says so; --confirm-sensitive applies it; --creations-only creates only")
    func commandConfirmsSensitive() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let path = NSTemporaryDirectory() + "maillage-members-\(UUID().uuidString).csv"
            try Self.renameFile(f).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            func run(_ flags: [String]) async throws -> String {
                let console = ImportConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["maillage", path] + flags))
                context.application = app
                try await ImportMembersCommand().run(using: &context)
                return console.text
            }
            // MUT + validate: the preview prints the changes
            let preview = try await run([])
            #expect(preview.contains("Nom : Relais Emploi Nantes → Relais Emploi Atlantique [sensible]"))
            #expect(preview.contains("--confirm-sensitive"))
            // creations only
            let creations = try await run(["--apply", "--creations-only"])
            #expect(creations.contains("2 mises à jour non appliquées"))
            #expect(try await Structure.find(f.otherPDL.id, on: app.db)?.commune == "La Roche-sur-Yon")
            // without confirming
            let unconfirmed = try await run(["--apply"])
            #expect(unconfirmed.contains("1 ligne non appliquée : modification sensible non confirmée (ligne 2)"))
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.name == "Relais Emploi Nantes")
            #expect(try await Structure.find(f.otherPDL.id, on: app.db)?.commune == "Luçon")
            // confirmed
            _ = try await run(["--apply", "--confirm-sensitive"])
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.name == "Relais Emploi Atlantique")
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

/// A console that keeps what a command prints.
final class ImportConsole: Console, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var text: String { lines.withLockedValue { $0.joined() } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lines.withLockedValue { $0.append(text.description + (newLine ? "\n" : "")) } }
    func report(error: String, newLine: Bool) { lines.withLockedValue { $0.append(error + (newLine ? "\n" : "")) } }
    func clear(_ type: ConsoleClear) {}
    var size: (width: Int, height: Int) { (80, 24) }
}
