import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Import flow")
struct ImportFlowTests {
    /// An importer of audit notes, one per line: "!" refuses a line while it is written,
    /// "?" is a bad line the plan reports.
    struct NoteImporter: Importer {
        func plan(_ lines: [String], on db: any Database) async throws -> ImportPreview<String> {
            var preview = ImportPreview<String>(lines: lines.count)
            for (i, text) in lines.enumerated() {
                if text == "?" { preview.report(["Note illisible."], line: i + 2); continue }
                preview.planned.append(PlannedLine(line: i + 2, effect: .create, change: text))
            }
            return preview
        }

        func write(_ line: PlannedLine<String>, on tx: any Database) async throws {
            if line.change == "!" { throw ImportLineRefusal(messages: ["Refusée à l'écriture."]) }
            try await Audit.record(.create, "note", id: line.change, summary: "Note \(line.change)", actor: nil, on: tx)
        }
    }

    /// Notes that update: "~x" changes a sensitive field, "=x" a plain one, "_x" nothing.
    struct UpdateImporter: Importer {
        func plan(_ lines: [String], on db: any Database) async throws -> ImportPreview<String> {
            var preview = ImportPreview<String>(lines: lines.count)
            for (i, text) in lines.enumerated() {
                let effect: PlannedLine<String>.Effect = switch text.first {
                case "~", "=": .update
                case "_": .unchanged
                default: .create
                }
                let fields = effect == .update
                    ? [FieldChange(field: "text", label: "Texte", old: "avant", new: text, sensitive: text.first == "~")] : []
                preview.planned.append(PlannedLine(line: i + 2, effect: effect, change: text, fields: fields))
            }
            return preview
        }

        func write(_ line: PlannedLine<String>, on tx: any Database) async throws {
            try await Audit.record(.create, "note", id: line.change, summary: "Note \(line.change)", actor: nil, on: tx)
        }
    }

    static func written(on db: any Database) async throws -> [String] {
        try await AuditEntry.query(on: db).filter(\.$entity == "note").all().map(\.entityID).sorted()
    }

    @Test("the selection: creations and plain updates are written, a sensitive update only when ticked; « créations seulement » writes creations alone")
    func selection() async throws {
        try await withMaillage { app in
            // setup: lines 2…6
            let file = ["a", "~b", "~c", "=d", "_e"]
            // MUT
            let applied = try await UpdateImporter().apply(file, on: app.db, selecting: ImportSelection(confirmed: .lines([4])))
            // validate
            #expect(try await Self.written(on: app.db) == ["=d", "a", "~c"])
            #expect(applied.skipped == [SkippedLine(line: 3, reason: .unconfirmed)])
            #expect(applied.created == 1 && applied.updated == 2 && applied.unchanged == 1)
            #expect(applied.appliedMessage(.structure)
                    == "Import appliqué : 1 structure créée, 2 mises à jour, 1 inchangée. 1 ligne non appliquée : modification sensible non confirmée (ligne 3).")
        }
        try await withMaillage { app in
            // MUT
            let applied = try await UpdateImporter().apply(["a", "~b", "=d"], on: app.db, selecting: ImportSelection(creationsOnly: true))
            // validate
            #expect(try await Self.written(on: app.db) == ["a"])
            #expect(applied.skipped.map(\.line) == [3, 4])
            #expect(applied.appliedMessage(.answer).hasSuffix("2 mises à jour non appliquées : import des créations seulement (lignes 3 et 4)."))
        }
        try await withMaillage { app in
            // MUT: everything (the command line's --confirm-sensitive)
            try await UpdateImporter().apply(["a", "~b"], on: app.db, selecting: .everything)
            // validate
            #expect(try await Self.written(on: app.db) == ["a", "~b"])
        }
    }

    @Test("the preview's summary counts in French, without « (s) »")
    func summaryPlurals() async throws {
        try await withMaillage { app in
            // MUT
            let preview = try await UpdateImporter().preview(["a", "b", "c", "~d", "_e", "_f"], on: app.db)
            let one = try await UpdateImporter().preview(["a", "=b"], on: app.db)
            // validate
            #expect(preview.summary(.structure) == "3 structures à créer, 1 à mettre à jour, 2 inchangées, 1 modification sensible à confirmer")
            #expect(one.summary(.answer) == "1 réponse à créer, 1 à mettre à jour")
            #expect(preview.rows { $0.change }.map(\.confirm) == [false, false, false, true, false, false])
            #expect(ImportPreview<String>.lineList([4, 7, 9]) == "lignes 4, 7 et 9")
        }
    }

    static func notes(on db: any Database) async throws -> Int {
        try await AuditEntry.query(on: db).filter(\.$entity == "note").count()
    }

    @Test("a line refused in the middle of the apply leaves nothing written, and is reported on its line")
    func allOrNothing() async throws {
        try await withMaillage { app in
            // setup
            let file = ["a", "b", "!", "c"]
            // MUT
            var refused: ImportPreview<String>?
            do {
                try await NoteImporter().apply(file, on: app.db)
            } catch let error as ImportRefused<String> {
                refused = error.preview
            }
            // validate
            #expect(refused?.lineErrors == [LineError(line: 4, messages: ["Refusée à l'écriture."])])
            #expect(try await Self.notes(on: app.db) == 0)
        }
    }

    @Test("a bad line stops the whole file before anything is written")
    func badLineStopsTheFile() async throws {
        try await withMaillage { app in
            // MUT
            await #expect(throws: ImportRefused<String>.self) { try await NoteImporter().apply(["a", "?", "b"], on: app.db) }
            let preview = try await NoteImporter().preview(["a", "?", "b"], on: app.db)
            // validate
            #expect(preview.lineErrors.map(\.line) == [3])
            #expect(try await Self.notes(on: app.db) == 0)
        }
    }

    @Test("a stored batch applies once: the second apply says so and writes nothing; a refused apply leaves it to apply")
    func batchAppliesOnce() async throws {
        try await withMaillage { app in
            // setup
            let batch = ImportBatch(userID: nil, filename: "notes.csv", content: "")
            try await batch.create(on: app.db)
            let id = try batch.requireID()
            let claim: @Sendable (any Database) async throws -> Void = { tx in try await ImportBatch.claim(id, on: tx) }
            // MUT: refused first, then applied twice
            await #expect(throws: ImportRefused<String>.self) { try await NoteImporter().apply(["a", "!"], on: app.db, claim: claim) }
            #expect(try await ImportBatch.find(id, on: app.db)!.appliedAt == nil)
            try await NoteImporter().apply(["a", "b"], on: app.db, claim: claim)
            await #expect(throws: ImportAlreadyApplied.self) { try await NoteImporter().apply(["a", "b"], on: app.db, claim: claim) }
            // validate
            #expect(try await Self.notes(on: app.db) == 2)
            #expect(try await ImportBatch.find(id, on: app.db)!.appliedAt != nil)
        }
    }

    @Test("the member import's apply page, posted twice, applies once and then says « Cet import a déjà été appliqué. »")
    func webApplyTwice() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let siret = SIRET.makeValid(siren9: "500000002", nic4: "0001").digits
            let csv = "siret;nom;types;commune;departement\r\n\(siret);Atelier Double;ACI;Angers;49\r\n"
            _ = try await b.postMultipart("/import/adherents", fileField: "file", filename: "adherents.csv", data: Data(csv.utf8))
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            let audits = try await AuditEntry.query(on: app.db).count()
            // MUT
            let first = try await b.post("/import/adherents/\(batch.id!)/appliquer")
            let second = try await b.post("/import/adherents/\(batch.id!)/appliquer")
            // validate
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(second.body.contains("Cet import a déjà été appliqué."))
            #expect(try await Structure.query(on: app.db).filter(\.$siret == siret).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).count() == audits + 2)
        }
    }

    @Test("an answers batch applies once too")
    func answersApplyTwice() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            let data = Data((AnswerImportTests.header + "\r\n2024;\(f.inPDL.siret);AI;40;10;3;2;1;4;250000,50").utf8)
            _ = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv", data: data)
            let batch = try #require(try await AnswerImportBatch.query(on: app.db).first())
            // MUT
            let first = try await admin.post("/observatoire/2024/import/\(batch.id!)/appliquer", form: [("validate", "0")])
            let second = try await admin.post("/observatoire/2024/import/\(batch.id!)/appliquer", form: [("validate", "0")])
            // validate
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(second.body.contains("Cet import a déjà été appliqué."))
            #expect(try await SurveyAnswer.query(on: app.db).count() == 1)
        }
    }
}
