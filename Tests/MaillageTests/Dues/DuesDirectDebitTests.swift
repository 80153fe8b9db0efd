import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Direct-debit runs: who is collected, FRST then RCUR, the pain.008 counts and control sums,
/// the payments and mandates written with the run, the download, the command.
@Suite("Dues direct debits")
struct DuesDirectDebitTests {
    /// Two calls with a mandate (one never used: FRST; one used: RCUR), one call without mandate.
    static func setUp(_ app: Application) async throws -> (Fixtures, DuesCall, DuesCall) {
        app.services = AppServices(config: app.config, clock: FixedClock(DuesPaymentTests.now))
        let f = try await Fixtures.load(on: app)
        try await DuesFactory.makeSettings(on: app.db)
        let grid = try await DuesFactory.makeGrid(on: app.db)
        let ai = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: grid, bases: [.ai: Money(cents: 61_234_500)])
        let aci = try await DuesFactory.makeCall(on: app.db, structure: f.otherPDL, grid: grid, bases: [.aci: Money(cents: 50_000_000)])
        try await DuesFactory.makeCall(on: app.db, structure: f.entityNOR, grid: grid, bases: [.etti: Money(cents: 10_000_000)])
        try await DuesFactory.makeMandate(on: app.db, structure: f.inPDL, reference: "RUM-AI")
        try await DuesFactory.makeMandate(on: app.db, structure: f.otherPDL, reference: "RUM-ACI", lastUsedOn: "2025-03-05")
        return (f, ai, aci)
    }

    static func count(_ s: String, _ part: String) -> Int { s.components(separatedBy: part).count - 1 }

    @Test("the run collects the calls with a mandate: NbOfTxs and CtrlSum right, FRST then RCUR; the next run after a return is RCUR")
    func runThenNext() async throws {
        try await withMaillage { app in
            // setup
            let (f, ai, aci) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            let preview = try await admin.get(.dues(.directDebits), query: ["date": "05/03/2026"])
            #expect(preview.status == .ok)
            #expect(preview.body.contains("2 prélèvements pour 6"))
            #expect(preview.body.contains("premier (FRST)"))
            #expect(preview.body.contains("récurrent (RCUR)"))
            #expect(!preview.body.contains("Tempo Emploi Caen"))
            #expect(!preview.body.contains("id=\"debit-warning\""))
            // MUT
            let made = try await admin.post(.dues(.submitDirectDebits), form: [("collection_date", "05/03/2026")])
            // validate
            #expect(made.status == .seeOther)
            let run = try #require(try await DuesDebitRun.query(on: app.db).first())
            #expect(run.count == 2)
            #expect(run.totalCents == 447_407 + 180_000)
            #expect(run.collectionDate == "2026-03-05")
            let shown = try await admin.get(try #require(made.location))
            #expect(shown.body.contains("id=\"debit-run-new\""))
            #expect(shown.body.contains("Aucun appel") || shown.body.contains("0 prélèvement"))
            let file = try await admin.get(DuesURL.debitRunFile(run.id!))
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .contentType) == "application/xml")
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            let xml = file.body
            #expect(xml.contains("<MsgId>\(run.messageID)</MsgId>"))
            #expect(xml.contains("<NbOfTxs>2</NbOfTxs>"))
            #expect(xml.contains("<CtrlSum>6274.07</CtrlSum>"))
            #expect(xml.contains("<SeqTp>FRST</SeqTp>"))
            #expect(xml.contains("<SeqTp>RCUR</SeqTp>"))
            #expect(xml.contains("<CtrlSum>4474.07</CtrlSum>"))
            #expect(xml.contains("<CtrlSum>1800.00</CtrlSum>"))
            #expect(xml.contains("<ReqdColltnDt>2026-03-05</ReqdColltnDt>"))
            #expect(xml.contains("<EndToEndId>\(ai.number)</EndToEndId>"))
            let firstBlock = try #require(xml.range(of: "<SeqTp>FRST</SeqTp>")), rcurBlock = try #require(xml.range(of: "<SeqTp>RCUR</SeqTp>"))
            #expect(firstBlock.lowerBound < rcurBlock.lowerBound)
            let payments = try await DuesPayment.query(on: app.db).filter(\.$debitRun.$id == run.id!).all()
            #expect(payments.count == 2)
            #expect(payments.allSatisfy { $0.method == "direct_debit" && $0.paidOn == "2026-03-05" })
            #expect(try await DuesCall.find(ai.id, on: app.db)?.status == "paid")
            #expect(try await DuesCall.find(aci.id, on: app.db)?.status == "paid")
            #expect(try await DuesMandate.query(on: app.db).filter(\.$reference == "RUM-AI").first()?.lastUsedOn == "2026-03-05")
            // a second run finds nothing to collect
            let nothing = try await admin.post(.dues(.submitDirectDebits), form: [("collection_date", "06/03/2026")])
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.body.contains("Aucun appel à prélever"))
            // the AI debit is returned: the next run collects it again, now RCUR
            let aiDebit = try #require(payments.first { $0.$call.id == ai.id })
            try await DuesPaymentService.returnDebit(call: ai, paymentID: aiDebit.id!, on: Day(iso: "2026-03-02")!, by: nil, on: app.db)
            let (second, document) = try await DuesDirectDebitService.createRun(
                collection: Day(iso: "2026-03-10")!, today: Day(iso: "2026-03-02")!, now: DuesPaymentTests.now, by: nil,
                files: app.services.files, on: app.db)
            #expect(second.count == 1)
            #expect(Self.count(document, "<SeqTp>RCUR</SeqTp>") == 1)
            #expect(!document.contains("FRST"))
            #expect(document.contains("<CtrlSum>4474.07</CtrlSum>"))
            #expect(Self.count(document, "<NbOfTxs>1</NbOfTxs>") == 2)
        }
    }

    @Test("a date closer than D+2 business days warns; a past or invalid date and incomplete settings are refused in French")
    func datesAndSettings() async throws {
        try await withMaillage { app in
            let (f, _, _) = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            // Tuesday 3 March from Monday 2 March: 1 business day.
            let close = try await admin.get(.dues(.directDebits), query: ["date": "03/03/2026"])
            #expect(close.status == .ok)
            #expect(close.body.contains("moins de 2 jours ouvrés"))
            #expect(DuesDirectDebitService.check(Day(iso: "2026-03-04")!, today: Day(iso: "2026-03-02")!).warning == nil)
            // Friday → Tuesday is 2 business days; → Monday only 1.
            #expect(DuesDirectDebitService.businessDays(from: Day(iso: "2026-03-06")!, to: Day(iso: "2026-03-10")!) == 2)
            #expect(DuesDirectDebitService.check(Day(iso: "2026-03-09")!, today: Day(iso: "2026-03-06")!).warning != nil)
            // TARGET2 is closed on Good Friday (3 April 2026) and Easter Monday (6 April): Thursday 2 April
            // → Tuesday 7 April is one business day; → Wednesday 8 April two.
            #expect(DuesDirectDebitService.businessDays(from: Day(iso: "2026-04-02")!, to: Day(iso: "2026-04-07")!) == 1)
            #expect(DuesDirectDebitService.businessDays(from: Day(iso: "2026-04-02")!, to: Day(iso: "2026-04-08")!) == 2)
            #expect(!DuesDirectDebitService.isBusinessDay(Day(iso: "2026-04-06")!))
            let past = try await admin.post(.dues(.submitDirectDebits), form: [("collection_date", "01/03/2026")])
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("postérieure à aujourd"))
            let bad = try await admin.post(.dues(.submitDirectDebits), form: [("collection_date", "32/03/2026")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Date invalide"))
            // settings without ICS
            let s = try #require(try await DuesSettingsRecord.query(on: app.db).first())
            s.creditorID = ""
            s.bic = ""
            try await s.save(on: app.db)
            let refused = try await admin.post(.dues(.submitDirectDebits), form: [("collection_date", "05/03/2026")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Paramètres des cotisations incomplets"))
            #expect(refused.body.contains("identifiant créancier SEPA"))
            #expect(try await DuesDebitRun.query(on: app.db).count() == 0)
            #expect(try await DuesPayment.query(on: app.db).count() == 0)
        }
    }

    @Test("maillage dues sepa --due-date D --output F writes the file and says what it holds; a missing run file answers 410")
    func command() async throws {
        try await withMaillage { app in
            let (f, _, _) = try await Self.setUp(app)
            let path = NSTemporaryDirectory() + "maillage-sepa-\(UUID().uuidString).xml"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let console = RecordingConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["maillage", "--due-date", "2026-03-05", "--output", path]))
            context.application = app
            // MUT
            try await DuesSEPACommand().run(using: &context)
            // validate
            #expect(console.text.contains("2 prélèvements, total 6"))
            #expect(console.text.contains("prélevés le 05/03/2026"))
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            #expect(xml.contains("<NbOfTxs>2</NbOfTxs>"))
            #expect(xml.contains("<CtrlSum>6274.07</CtrlSum>"))
            // again: nothing left, a French error and a non-zero exit
            let again = RecordingConsole()
            var context2 = CommandContext(console: again, input: CommandInput(arguments: ["maillage", "--due-date", "2026-03-06", "--output", path]))
            context2.application = app
            await #expect(throws: ExitError.self) { try await DuesSEPACommand().run(using: &context2) }
            #expect(again.text.contains("Aucun appel à prélever"))
            // a run whose file is gone
            let lost = try await DuesFactory.makeDebitRun(on: app.db)
            let admin = try await f.browser(app, as: .admin)
            let gone = try await admin.get(DuesURL.debitRunFile(lost.id!))
            #expect(gone.status == .gone)
        }
    }
}
