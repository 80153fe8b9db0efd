import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// `AnswerService` without HTTP: each entry point's step writes the answer, the figures'
/// version, the audit entry and the e-mail together, or nothing at all when refused.
@Suite("Answer service")
struct AnswerServiceTests {
    static let baseURL = "https://maillage.test"

    func user(_ app: Application, _ f: Fixtures, _ who: Fixtures.Who) async throws -> CurrentUser {
        let stored = try #require(try await User.find(f.users[who], on: app.db))
        return try await CurrentUser.load(stored, on: app.db)
    }

    func version(_ app: Application, _ campaign: Campaign) async throws -> Int {
        try #require(try await Campaign.find(campaign.id, on: app.db)).answersVersion
    }

    func audit(_ app: Application) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$entity == SurveyAnswer.auditEntity).all()
    }

    @Test("a submission writes the answer, moves the figures' version, is audited and tells the delegate")
    func submit() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let member = AnswerService.Actor(parties: [.manager], user: try await user(app, f, .member))
            let subject = AnswerService.Subject(campaign: campaign, structure: f.inPDL, type: "AI")
            let v0 = try await version(app, campaign)
            // MUT
            let answer = try await AnswerService.save(["insertion_persons": Exact(40)], warningsConfirmed: false, submit: true,
                                                      subject, by: member, baseURL: Self.baseURL, on: app.db)
            // validate
            #expect(answer.answerStatus == .submitted && answer.submittedAt != nil)
            #expect(answer.values == ["insertion_persons": Exact(40)])
            #expect(try await version(app, campaign) == v0 + 1)
            let entries = try await audit(app)
            #expect(entries.map(\.summary) == ["Transmission de la réponse de Relais Emploi Nantes (AI, 2024)"])
            #expect(entries.first?.action == AuditAction.create.rawValue)
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.delegate.email).all()
            #expect(mail.map(\.subject) == ["Observatoire 2024 : réponse à valider"])
            #expect(mail.first?.body.contains("\(Self.baseURL)/observatoire/2024/reponses/\(f.inPDL.id!)/AI") == true)
        }
    }

    @Test("a refused step writes nothing: a draft validated, a manager returning, a save in a closed campaign")
    func refusedStepsWriteNothing() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let closed = try await ObservatoryFixtures.campaign(2023, open: false, on: app.db)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let draft = try await ObservatoryFixtures.answer(campaign, f.inPDL, type: "AI", status: .draft, on: app.db)
            let delegate = AnswerService.Actor(parties: [.delegate], user: try await user(app, f, .delegate))
            let member = AnswerService.Actor(parties: [.manager], user: try await user(app, f, .member))
            let subject = AnswerService.Subject(campaign: campaign, structure: f.inPDL, type: "AI")
            let versions = (try await version(app, closed), try await version(app, campaign))
            // MUT / validate
            await #expect(throws: AnswerService.Refusal.wrongState(.draft)) {
                try await AnswerService.validate(subject, by: delegate, on: app.db)
            }
            await #expect(throws: AnswerService.Refusal.notPermitted) {
                try await AnswerService.sendBack(subject, comment: "À revoir.", by: member, baseURL: Self.baseURL, on: app.db)
            }
            await #expect(throws: AnswerService.Refusal.campaignClosed) {
                try await AnswerService.save(["insertion_persons": Exact(1)], warningsConfirmed: false, submit: false,
                                             .init(campaign: closed, structure: f.inPDL, type: "AI"), by: member, baseURL: Self.baseURL, on: app.db)
            }
            #expect(try await SurveyAnswer.find(draft.id, on: app.db)?.answerStatus == .draft)
            #expect(try await SurveyAnswer.query(on: app.db).filter(\.$campaign.$id == closed.id!).count() == 0)
            #expect(try await version(app, closed) == versions.0)
            #expect(try await version(app, campaign) == versions.1)
            #expect(try await audit(app).isEmpty)
            #expect(try await OutboxMessage.query(on: app.db).all().filter { $0.subject.hasPrefix("Observatoire") }.isEmpty)
        }
    }

    @Test("a return keeps the comment and queues the managers' e-mail with it")
    func sendBack() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let stored = try await ObservatoryFixtures.answer(campaign, f.inPDL, type: "AI", status: .submitted, on: app.db)
            let delegate = AnswerService.Actor(parties: [.delegate], user: try await user(app, f, .delegate))
            // MUT
            try await AnswerService.sendBack(.init(campaign: campaign, structure: f.inPDL, type: "AI"), comment: "Le chiffre d'affaires semble doublé.",
                                             by: delegate, baseURL: Self.baseURL, on: app.db)
            // validate
            let answer = try #require(try await SurveyAnswer.find(stored.id, on: app.db))
            #expect(answer.answerStatus == .returned && answer.returnComment == "Le chiffre d'affaires semble doublé.")
            #expect(try await audit(app).map(\.summary) == ["Renvoi pour correction de la réponse de Relais Emploi Nantes (AI, 2024)"])
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.member.email).all()
            #expect(mail.map(\.subject) == ["Observatoire 2024 : réponse à corriger"])
            #expect(mail.first?.body.contains("Le chiffre d'affaires semble doublé.") == true)
        }
    }

    @Test("an import writes its lines as the application, keeps a validation, bumps the version once per batch")
    func importAnswers() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let validated = try await ObservatoryFixtures.answer(campaign, f.inPDL, type: "AI", status: .validated,
                                                                 values: ["insertion_persons": Exact(40)], on: app.db)
            let admin = try await user(app, f, .admin)
            let lines = [
                AnswerService.ImportLine(structure: f.inPDL, type: "AI", values: ["insertion_persons": Exact(41)], existing: validated),
                AnswerService.ImportLine(structure: f.otherPDL, type: "ACI", values: ["insertion_persons": Exact(7)], existing: nil),
            ]
            let v0 = try await version(app, campaign)
            // MUT
            let outcomes = try await AnswerService.importAnswers(lines, into: campaign, validate: false, by: admin, on: app.db)
            // validate
            #expect(outcomes == [.updated, .created])
            #expect(try await version(app, campaign) == v0 + 1)
            let answers = try await SurveyAnswer.query(on: app.db).filter(\.$campaign.$id == campaign.id!).all()
            #expect(answers.first { $0.type == "AI" }?.answerStatus == .validated)
            #expect(answers.first { $0.type == "AI" }?.values == ["insertion_persons": Exact(41)])
            let created = try #require(answers.first { $0.type == "ACI" })
            #expect(created.answerStatus == .submitted && created.warningsConfirmed && created.submittedAt != nil)
            #expect(Set(try await audit(app).map(\.summary)) == ["Import de la réponse de Relais Emploi Nantes (AI, 2024)",
                                                                  "Import de la réponse de Chantier Nature Vendée (ACI, 2024)"])
            // The same file again changes nothing; a person is not the application.
            let again = lines.map { l in AnswerService.ImportLine(structure: l.structure, type: l.type, values: l.values,
                                                                  existing: answers.first { $0.type == l.type }) }
            #expect(try await AnswerService.importAnswers(again, into: campaign, validate: false, by: admin, on: app.db) == [.unchanged, .unchanged])
            await #expect(throws: AnswerService.Refusal.notPermitted) {
                try await AnswerService.importAnswer(again[0], into: campaign, validate: true, by: .init(parties: [.nationalAdmin], user: admin),
                                                     at: Date(), on: app.db)
            }
            #expect(try await audit(app).count == 2)
        }
    }
}
