import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The life of an answer: draft, resume, submit with every check, return with a comment,
/// fix, validate, lock, reopen; each step audited.
@Suite("Observatory answers")
struct AnswerWorkflowTests {
    static let valid: [(String, String)] = [
        ("insertion_persons", "40"), ("persons_women", "15"), ("persons_men", "25"),
        ("exits_total", "10"), ("exits_sustainable", "3"), ("exits_transition", "2"), ("exits_positive", "1"), ("exits_other", "4"),
        ("turnover_eur", "250 000,50"), ("insertion_etp", "6,5"), ("insertion_hours", "10 445,5"),
    ]

    func path(_ f: Fixtures, _ suffix: String = "") -> String { "/observatoire/2024/reponses/\(f.inPDL.id!)/AI" + suffix }

    func stored(_ app: Application, _ f: Fixtures) async throws -> SurveyAnswer? {
        try await SurveyAnswer.query(on: app.db).filter(\.$structure.$id == f.inPDL.id!).filter(\.$type == "AI").first()
    }

    @Test("a value that is not a number is shown next to its field, typed values are kept, nothing is saved")
    func badNumberKeepsInput() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let b = try await f.browser(app, as: .member)
            _ = try await b.get(path(f))
            // MUT
            let page = try await b.post(path(f), form: [("insertion_persons", "douze"), ("turnover_eur", "12,345"), ("action", "save")])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"insertion_persons-error\""))
            #expect(page.body.contains("Saisissez un nombre"))
            #expect(page.body.contains("Au plus 2 décimales"))
            #expect(page.body.contains("value=\"douze\""))
            #expect(try await stored(app, f) == nil)
        }
    }

    @Test("draft, resume, submit with all checks at once, return with comment, fix, validate, lock, reopen")
    func fullWorkflow() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(path(f))

            // MUT: a draft with inconsistent exits is saved (checks block only the submission)
            var form = Self.valid.map { $0.0 == "exits_total" ? ($0.0, "12") : $0 }
            var page = try await member.post(path(f), form: form + [("action", "save")])
            #expect(page.status == .seeOther)
            #expect(try await stored(app, f)?.answerStatus == .draft)
            page = try await member.get(path(f))
            #expect(page.body.contains("Brouillon enregistré"))
            #expect(page.body.contains("value=\"12\""))                 // resumed
            #expect(page.body.contains("doit égaler la somme"))          // shown, not blocking

            // submitting reports the exits and the gender sum at once
            form = form.map { $0.0 == "persons_men" ? ($0.0, "20") : $0 }
            page = try await member.post(path(f), form: form + [("action", "submit")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"exits_total-error\""))
            #expect(page.body.contains("id=\"persons_women-error\""))
            #expect(try await stored(app, f)?.answerStatus == .draft)

            page = try await member.post(path(f), form: Self.valid + [("action", "submit")])
            #expect(page.status == .seeOther)
            let submitted = try #require(try await stored(app, f))
            #expect(submitted.answerStatus == .submitted)
            #expect(submitted.values["turnover_eur"] == Exact(decimal: "250000.50"))
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.delegate.email).all()
            #expect(mail.contains { $0.subject.contains("réponse à valider") })

            // a transmitted answer is locked for the member
            page = try await member.post(path(f), form: Self.valid + [("action", "save")])
            #expect(page.status == .conflict)

            // the delegate returns it: a comment is required
            let delegate = try await f.browser(app, as: .delegate)
            page = try await delegate.get(path(f))
            #expect(page.body.contains("id=\"validate-answer\""))
            page = try await delegate.post(path(f, "/renvoyer"), form: [("comment", "  ")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"comment-error\""))
            page = try await delegate.post(path(f, "/renvoyer"), form: [("comment", "Le chiffre d'affaires semble doublé.")])
            #expect(page.status == .seeOther)
            #expect(try await stored(app, f)?.answerStatus == .returned)

            // the member sees the comment, fixes and submits again
            page = try await member.get(path(f))
            #expect(page.body.contains("Le chiffre d&#39;affaires semble doublé.") || page.body.contains("Le chiffre d'affaires semble doublé."))
            let fixed = Self.valid.map { $0.0 == "turnover_eur" ? ($0.0, "125000") : $0 }
            page = try await member.post(path(f), form: fixed + [("action", "submit")])
            #expect(page.status == .seeOther)

            // the delegate validates: locked, counted
            page = try await delegate.post(path(f, "/valider"), form: [("confirm", "1")])  // after its confirmation page
            #expect(page.status == .seeOther)
            let validated = try #require(try await stored(app, f))
            #expect(validated.answerStatus == .validated)
            #expect(validated.values["turnover_eur"] == Exact(125_000))
            #expect(try await member.post(path(f), form: fixed + [("action", "save")]).status == .conflict)
            #expect(try await delegate.post(path(f, "/rouvrir")).status == .forbidden)

            // a national admin reopens it, after a confirmation
            let admin = try await f.browser(app, as: .admin)
            page = try await admin.post(path(f, "/rouvrir"))
            #expect(page.status == .ok)
            #expect(page.body.contains("name=\"confirm\" value=\"1\""))
            #expect(try await stored(app, f)?.answerStatus == .validated)
            page = try await admin.post(path(f, "/rouvrir"), form: [("confirm", "1")])
            #expect(page.status == .seeOther)
            #expect(try await stored(app, f)?.answerStatus == .draft)

            // every change is in the audit log
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == SurveyAnswer.auditEntity).all()
            #expect(audit.count == 6)   // draft, submit, return, submit, validate, reopen
            #expect(audit.contains { $0.summary.hasPrefix("Renvoi pour correction") })
            #expect(audit.contains { $0.summary.hasPrefix("Validation") })
            #expect(audit.contains { $0.summary.hasPrefix("Réouverture") })
            #expect(try await Campaign.find(campaign.id, on: app.db)!.answersVersion >= 5)
        }
    }

    @Test("hours far from ETP × divisor warn; the member submits after confirming")
    func hoursETPWarning() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let b = try await f.browser(app, as: .member)
            _ = try await b.get(path(f))
            let form = Self.valid.map { $0.0 == "insertion_hours" ? ($0.0, "5000") : $0 }
            var page = try await b.post(path(f), form: form + [("action", "submit")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"confirm_warnings-error\""))
            #expect(page.body.contains("Heures et ETP ne concordent pas"))
            page = try await b.post(path(f), form: form + [("action", "submit"), ("confirm_warnings", "on")])
            #expect(page.status == .seeOther)
            let a = try #require(try await stored(app, f))
            #expect(a.answerStatus == .submitted)
            #expect(a.warningsConfirmed)
        }
    }

    @Test("last year's answer is shown beside each field")
    func previousYearShown() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let last = try await ObservatoryFixtures.campaign(2023, open: false, on: app.db)
            try await ObservatoryFixtures.answer(last, f.inPDL, type: "AI", status: .validated,
                                                 values: ["turnover_eur": Exact(1_234_567)], on: app.db)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let page = try await f.browser(app, as: .member).get(path(f))
            #expect(page.status == .ok)
            #expect(page.body.contains("2023 : 1\u{202F}234\u{202F}567"))
        }
    }

    @Test("nobody sees another structure's answer; a type the structure does not hold is unknown")
    func answersStayPrivate() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get("/observatoire/2024/reponses/\(f.otherPDL.id!)/ACI").status == .notFound)
            #expect(try await member.get("/observatoire/2024/reponses/\(f.inPDL.id!)/ACI").status == .notFound)
            #expect(try await member.get("/observatoire/2025/reponses/\(f.inPDL.id!)/AI").status == .notFound)
            let delegate = try await f.browser(app, as: .delegate)
            #expect(try await delegate.get("/observatoire/2024/reponses/\(f.entityNOR.id!)/ETTI").status == .notFound)
            #expect(try await delegate.get("/observatoire/2024/reponses/\(f.otherPDL.id!)/ACI").status == .ok)
        }
    }

    @Test("a closed campaign's answers are read-only")
    func closedCampaignIsReadOnly() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, open: false, on: app.db)
            let b = try await f.browser(app, as: .member)
            let page = try await b.get(path(f))
            #expect(!page.body.contains("id=\"answer-form\""))
            #expect(try await b.post(path(f), form: Self.valid + [("action", "save")]).status == .conflict)
        }
    }
}
