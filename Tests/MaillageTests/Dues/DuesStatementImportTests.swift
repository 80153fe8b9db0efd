import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The bank statement import: the reference check (a camt.053 with five credits),
/// applying twice, the CSV export, the proposals to tick, the command.
@Suite("Dues bank statement import")
struct DuesStatementImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("dues/fixtures")

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }

    /// Calls 2026-0001 (4 474,07 €), 2026-0002 (1 800,00 €), 2026-0003 (3 800,00 €) and 2026-0004 of
    /// « Le Relais » with 450,00 € still owed: the fixture's credits pay the first three by number
    /// and match the fourth by amount and name.
    static func setUp(_ app: Application) async throws -> (Fixtures, [DuesCall]) {
        app.services = AppServices(config: app.config, clock: FixedClock(ISO8601DateFormatter().date(from: "2026-04-02T08:00:00Z")!))
        let f = try await Fixtures.load(on: app)
        try await DuesFactory.makeSettings(on: app.db)
        let grid = try await DuesFactory.makeGrid(on: app.db)
        let relais = try await MembersFactory.makeStructure(on: app.db, name: "Le Relais", siren: "100000009", types: [.ei], department: "49", commune: "Angers")
        var calls = [
            try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: grid, bases: [.ai: Money(cents: 61_234_500)]),
            try await DuesFactory.makeCall(on: app.db, structure: f.otherPDL, grid: grid, bases: [.aci: Money(cents: 50_000_000)]),
            try await DuesFactory.makeCall(on: app.db, structure: f.entityNOR, grid: grid, bases: [.etti: Money(cents: 50_000_000)]),
            try await DuesFactory.makeCall(on: app.db, structure: relais, grid: grid),
        ]
        try await DuesFactory.makePayment(on: app.db, call: calls[3], cents: 35_000)
        calls[3] = try #require(try await DuesCall.find(calls[3].id, on: app.db))
        #expect(calls.map(\.number) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"])
        #expect(calls.map(\.outstanding.cents) == [447_407, 180_000, 380_000, 45_000])
        return (f, calls)
    }

    @Test("camt.053 with 5 credits: 3 by number + 1 to confirm + 1 unknown; applying records 4 payments; the same statement again records nothing")
    func referenceCheck() async throws {
        try await withMaillage { app in
            // setup
            let (f, calls) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.dues(.statements))
            let data = try Self.fixture("camt053-five-credits.xml")
            // MUT: upload (the name says nothing: the content decides)
            let preview = try await admin.postMultipart(.dues(.uploadStatement), fileField: "file", filename: "releve.bin", data: data)
            // validate: exactly that preview
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Format : camt.053"))
            #expect(preview.body.contains("6 opérations lues"))
            #expect(preview.body.contains("3 paiements reconnus par le numéro d&#39;appel, 1 à confirmer, 1 sans appel correspondant, 1 ignorée"))
            #expect(preview.body.contains("appel 2026-0001"))
            #expect(preview.body.contains("à confirmer : paiement de 450,00"))
            #expect(preview.body.contains("aucun appel ne correspond"))
            #expect(preview.body.contains("name=\"confirm\" value=\"4\""))
            #expect(Self.count(preview.body, "name=\"confirm\"") == 1)
            #expect(try await DuesPayment.query(on: app.db).count() == 1)
            let batch = try #require(try await DuesStatementBatch.query(on: app.db).first())
            let importer = DuesStatementImporter(actor: nil)
            let plan = try await importer.plan(try #require(importer.parse(batch)), on: app.db)
            #expect(plan.byNumber == 3)
            #expect(plan.toConfirm == 1)
            #expect(plan.unknownCount == 1)
            #expect(plan.ignoredCount == 1)
            // MUT: apply with the proposal ticked
            let applied = try await admin.post(DuesURL.applyStatement(batch.id!), form: [("confirm", "4")])
            // validate
            #expect(applied.status == .ok)
            #expect(applied.body.contains("Relevé importé : 4 paiements enregistrés."))
            let payments = try await DuesPayment.query(on: app.db).filter(\.$bankRef != nil).all()
            #expect(payments.count == 4)
            #expect(Set(payments.compactMap(\.bankRef)).contains("BQ20260302-0001"))
            #expect(payments.allSatisfy { $0.method == "transfer" })
            for p in payments { #expect(p.splitDelegationCents + p.splitNationalCents + p.splitFundCents == p.amountCents) }
            let after = try await calls.asyncMap { try #require(try await DuesCall.find($0.id, on: app.db)) }
            #expect(after.map(\.status) == ["paid", "paid", "partly_paid", "paid"])
            #expect(after[2].outstanding == Money(cents: 125_000))
            // MUT: the same batch again: refused, nothing written
            let twice = try await admin.post(DuesURL.applyStatement(batch.id!), form: [("confirm", "4")])
            #expect(twice.status == .conflict)
            #expect(twice.body.contains("Cet import a déjà été appliqué."))
            // MUT: the same statement uploaded anew and applied
            let again = try await admin.postMultipart(.dues(.uploadStatement), fileField: "file", filename: "releve-mars.xml", data: data)
            #expect(again.body.contains("0 paiement reconnu par le numéro d&#39;appel, 0 à confirmer, 1 sans appel correspondant, 4 déjà enregistrés"))
            let second = try #require(try await DuesStatementBatch.query(on: app.db).filter(\.$id != batch.id!).first())
            let none = try await admin.post(DuesURL.applyStatement(second.id!), form: [("confirm", "4")])
            #expect(none.status == .ok)
            #expect(none.body.contains("Relevé importé : 0 paiement enregistré."))
            #expect(try await DuesPayment.query(on: app.db).count() == 5)
            // the upload page lists both statements, the first applied
            let list = try await admin.get(.dues(.statements))
            #expect(list.status == .ok)
            #expect(list.body.contains("releve.bin"))
            #expect(list.body.contains("appliqué le"))
            #expect(list.body.contains("enctype=\"multipart/form-data\""))
            // the stored batch's page shows it was applied, with no apply button
            let shown = try await admin.get(DuesURL.statement(batch.id!))
            #expect(shown.body.contains("déjà été appliqué"))
            #expect(!shown.body.contains("id=\"import-apply\""))
        }
    }

    @Test("a proposal left unticked records nothing for it; a CSV bank export is read by its content; a bad file is refused in French")
    func unconfirmedAndCSV() async throws {
        try await withMaillage { app in
            let (f, _) = try await Self.setUp(app)
            let importer = DuesStatementImporter(actor: nil)
            let camt = importer.parse(try Self.fixture("camt053-five-credits.xml"), filename: "x")
            // MUT
            let applied = try await importer.apply(camt, on: app.db, selecting: ImportSelection(creationsOnly: false, confirmed: .lines([])))
            // validate
            #expect(applied.statementAppliedMessage == "Relevé importé : 3 paiements enregistrés. 1 proposition non confirmée (opération 4) : rien d'enregistré pour elles.")
            #expect(try await DuesPayment.query(on: app.db).filter(\.$bankRef != nil).count() == 3)
            // CSV (Windows-1252, named .txt)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.dues(.statements))
            let csv = try await admin.postMultipart(.dues(.uploadStatement), fileField: "file", filename: "export.txt",
                                                    data: try Self.fixture("releve-cp1252.csv"))
            #expect(csv.status == .ok)
            #expect(csv.body.contains("Format : CSV"))
            #expect(csv.body.contains("2 à confirmer"))
            // 2026-0001 is paid already (by the camt.053's transfer): its CSV line finds no open call.
            #expect(csv.body.contains("2 sans appel correspondant, 1 ignorée"))
            // not a statement
            let bad = try await admin.postMultipart(.dues(.uploadStatement), fileField: "file", filename: "releve.xml",
                                                    data: Data("<html><body>non</body></html>".utf8))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("camt.053"))
            #expect(!bad.body.contains("id=\"import-apply\""))
            let empty = try await admin.postMultipart(.dues(.uploadStatement), fileField: "file", filename: "vide.csv", data: Data())
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Choisissez un relevé bancaire"))
            // a member may not import
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(.dues(.statements)).status == .forbidden)
        }
    }

    @Test("maillage dues import-statement F: preview, --apply without the proposal, --confirm-proposed records it, again nothing")
    func command() async throws {
        try await withMaillage { app in
            _ = try await Self.setUp(app)
            let path = Self.fixtures.appendingPathComponent("camt053-five-credits.xml").path
            func run(_ flags: [String]) async throws -> String {
                let console = RecordingConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["maillage", path] + flags))
                context.application = app
                try await DuesStatementCommand().run(using: &context)
                return console.text
            }
            // MUT + validate
            let preview = try await run([])
            #expect(preview.contains("camt.053 — 6 opérations : 3 paiements reconnus par le numéro d'appel, 1 à confirmer, 1 sans appel correspondant, 1 ignorée."))
            #expect(preview.contains("Opération 5 — 16/03/2026"))
            #expect(preview.contains("aucun appel ne correspond"))
            #expect(preview.contains("--confirm-proposed"))
            #expect(try await DuesPayment.query(on: app.db).count() == 1)
            let first = try await run(["--apply"])
            #expect(first.contains("Relevé importé : 3 paiements enregistrés. 1 proposition non confirmée (opération 4)"))
            let second = try await run(["--apply", "--confirm-proposed"])
            #expect(second.contains("Relevé importé : 1 paiement enregistré."))
            let third = try await run(["--apply", "--confirm-proposed"])
            #expect(third.contains("Relevé importé : 0 paiement enregistré."))
            #expect(try await DuesPayment.query(on: app.db).count() == 5)
        }
    }

    static func count(_ s: String, _ part: String) -> Int { s.components(separatedBy: part).count - 1 }
}

extension Array {
    fileprivate func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}
