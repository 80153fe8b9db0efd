import Fluent
import Foundation
import NIOConcurrencyHelpers
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #9: a closed campaign is read-only everywhere — pages, the answers import, commands —
/// until a national admin reopens it, after a confirmation that says what reopening does.
@Suite("Observatory: a closed campaign is read-only")
struct ClosedCampaignTests {
    static let header = "campaign;siret;type;insertion_persons;turnover_eur"

    /// The answers file changing the member's AI answer (40 persons in the factory's values).
    static func file(_ f: Fixtures) -> Data {
        Data([header, "2024;\(f.inPDL.siret);AI;41;250000"].joined(separator: "\r\n").utf8)
    }

    /// The member's transmitted AI answer in a campaign then closed, as the issue found it.
    static func closedWithAnswer(_ app: Application, _ f: Fixtures, status: AnswerStatus = .submitted) async throws -> (Campaign, SurveyAnswer) {
        let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
        let a = try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: status, on: app.db)
        c.status = CampaignStatus.closed.rawValue
        try await c.save(on: app.db)
        return (c, a)
    }

    static func answerAudits(_ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$entity == SurveyAnswer.auditEntity).count()
    }

    static func stored(_ app: Application, _ a: SurveyAnswer) async throws -> SurveyAnswer {
        try #require(try await SurveyAnswer.find(a.id, on: app.db))
    }

    @Test("an answers import into a closed campaign is refused: the value is unchanged, nothing journaled")
    func importRefused() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let (c, a) = try await Self.closedWithAnswer(app, f)
            let version = try await Self.stored(app, a).values
            let parsed = AnswerImport.parse(Self.file(f), filename: "reponses.csv", campaign: c)
            // MUT
            await #expect(throws: AnswerService.Refusal.campaignClosed) {
                try await AnswerImport.apply(parsed, campaign: c, validate: false, actor: nil, on: app.db)
            }
            // validate
            #expect(try await Self.stored(app, a).values == version)
            #expect(try await Self.stored(app, a).values["insertion_persons"] == Exact(40))
            #expect(try await Self.answerAudits(app) == 0)
        }
    }

    @Test("the service refuses every step on a closed campaign's answer: the batch import too")
    func serviceRefusesEveryStep() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let (c, a) = try await Self.closedWithAnswer(app, f)
            let line = AnswerService.ImportLine(structure: f.inPDL, type: "AI", values: ["insertion_persons": Exact(41)], existing: a)
            let subject = AnswerService.Subject(campaign: c, structure: f.inPDL, type: "AI")
            let admin = AnswerService.Actor(parties: [.nationalAdmin], user: nil)
            // MUT + validate
            await #expect(throws: AnswerService.Refusal.campaignClosed) {
                try await AnswerService.importAnswers([line], into: c, validate: true, by: nil, on: app.db)
            }
            await #expect(throws: AnswerService.Refusal.campaignClosed) { try await AnswerService.validate(subject, by: admin, on: app.db) }
            await #expect(throws: AnswerService.Refusal.campaignClosed) {
                try await AnswerService.sendBack(subject, comment: "À revoir", by: admin, baseURL: "", on: app.db)
            }
            #expect(try await Self.stored(app, a).answerStatus == .submitted)
            #expect(try await Self.answerAudits(app) == 0)
        }
    }

    @Test("the import command refuses a closed campaign in French, exit code 1, nothing written")
    func importCommandRefused() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let (_, a) = try await Self.closedWithAnswer(app, f)
            let path = NSTemporaryDirectory() + "maillage-closed-\(UUID().uuidString).csv"
            try Self.file(f).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let console = RecordingConsole()
            // MUT
            var context = CommandContext(console: console, input: CommandInput(arguments: ["maillage", "--campaign", "2024", path, "--apply"]))
            context.application = app
            var exit: Int32? = nil
            do { try await ImportAnswersCommand().run(using: &context) } catch let e as ExitError { exit = e.code }
            // validate
            #expect(exit == 1)
            #expect(console.text.contains("clôturée"))
            #expect(try await Self.stored(app, a).values["insertion_persons"] == Exact(40))
            #expect(try await Self.answerAudits(app) == 0)
        }
    }

    @Test("on the web a closed campaign's answer cannot be saved, validated, returned or reopened")
    func webRefusesEveryStep() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let (_, a) = try await Self.closedWithAnswer(app, f)
            let sid = f.inPDL.id!
            let member = try await f.browser(app, as: .member)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT + validate: a transmitted answer, refused to its member and its delegate
            #expect(try await member.post(.saveAnswer(2024, sid, "AI"), form: [("insertion_persons", "41"), ("action", "submit")]).status == .conflict)
            #expect(try await delegate.post(.validateAnswer(2024, sid, "AI")).status == .conflict)
            #expect(try await delegate.post(.returnAnswer(2024, sid, "AI"), form: [("comment", "À revoir")]).status == .conflict)
            #expect(try await Self.stored(app, a).answerStatus == .submitted)
            // A validated one cannot be reopened by the admin either.
            a.status = AnswerStatus.validated.rawValue
            try await a.save(on: app.db)
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.post(.reopenAnswer(2024, sid, "AI"), form: [("confirm", "1")]).status == .conflict)
            #expect(try await Self.stored(app, a).answerStatus == .validated)
            #expect(try await Self.answerAudits(app) == 0)
        }
    }

    @Test("reopening is the national admin's, after a page saying what it does, with a new close date in the future; audited")
    func reopenNeedsAdminAndConfirmation() async throws {
        try await withMaillage { app in
            // setup: 10 June 2025; the campaign closed with the member's answer transmitted
            app.services = AppServices(config: app.config, clock: FixedClock(ISO8601DateFormatter().date(from: "2025-06-10T08:00:00Z")!))
            let f = try await Fixtures.load(on: app)
            let (c, _) = try await Self.closedWithAnswer(app, f, status: .draft)
            let delegate = try await f.browser(app, as: .delegate)
            let admin = try await f.browser(app, as: .admin)
            // MUT + validate: only the admin
            #expect(try await delegate.get(.reopenCampaign(2024)).status == .forbidden)
            #expect(try await delegate.post(.submitReopenCampaign(2024), form: [("confirm", "1"), ("closes_on", "30/06/2025")]).status == .forbidden)
            var page = try await admin.get(.reopenCampaign(2024))
            #expect(page.status == .ok)
            #expect(page.body.contains("Rouvrir la campagne 2024 ?"))
            #expect(page.body.contains("redeviennent provisoires"))
            #expect(page.body.contains("id=\"closes_on\""))
            // Without the confirmation, or with a close date already past, nothing changes.
            page = try await admin.post(.submitReopenCampaign(2024), form: [("closes_on", "30/06/2025")])
            #expect(page.status == .ok)
            page = try await admin.post(.submitReopenCampaign(2024), form: [("confirm", "1"), ("closes_on", "01/06/2025")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"closes_on-error\""))
            page = try await admin.post(.submitReopenCampaign(2024), form: [("confirm", "1"), ("closes_on", "31/02/2025")])
            #expect(page.status == .unprocessableEntity)
            #expect(try await Campaign.find(year: 2024, on: app.db)!.isOpen == false)
            // Confirmed with a date to come: open again, until that day, and journaled.
            page = try await admin.post(.submitReopenCampaign(2024), form: [("confirm", "1"), ("closes_on", "30/06/2025")])
            #expect(page.status == .seeOther)
            let reopened = try #require(try await Campaign.find(year: 2024, on: app.db))
            #expect(reopened.isOpen && reopened.closesOn == "2025-06-30" && reopened.closedAt == nil)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == Campaign.auditEntity)
                .filter(\.$entityID == c.id!.uuidString).all()
            #expect(audit.contains { $0.summary == "Réouverture de la campagne 2024 jusqu'au 30/06/2025" && $0.actorID == f.users[.admin] })
            // The member may answer again; the page of an open campaign offers nothing to reopen.
            let member = try await f.browser(app, as: .member)
            let saved = try await member.post(.saveAnswer(2024, f.inPDL.id!, "AI"), form: [("insertion_persons", "41"), ("action", "save")])
            #expect(saved.status == .seeOther)
            page = try await admin.get(.reopenCampaign(2024))
            #expect(page.status == .ok && page.body.contains("id=\"already-open\"") && !page.body.contains("id=\"reopen-form\""))
        }
    }
}

/// A console that keeps what a command prints, for its messages to be checked.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var text: String { lines.withLockedValue { $0.joined() } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lines.withLockedValue { $0.append(text.description + (newLine ? "\n" : "")) } }
    func report(error: String, newLine: Bool) { lines.withLockedValue { $0.append(error + (newLine ? "\n" : "")) } }
    func clear(_ type: ConsoleClear) {}
    var size: (width: Int, height: Int) { (80, 24) }
}
