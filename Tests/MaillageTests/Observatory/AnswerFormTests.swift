import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The answer form as people use it: a refused submit keeps every typed value and lists each
/// problem once; last year's values taken up and compared; validation confirmed; the
/// delegate's view without the member's help.
@Suite("Observatory answer form")
struct AnswerFormTests {
    /// The structure's AI answer in the 2024 campaign.
    func stored(_ app: Application, _ f: Fixtures) async throws -> SurveyAnswer? {
        guard let campaign = try await Campaign.find(year: 2024, on: app.db) else { return nil }
        return try await SurveyAnswer.find(campaign: campaign, structure: f.inPDL, type: "AI", on: app.db)
    }

    /// Each `href="#field"` of the page's error summary.
    func summaryLinks(_ html: String) -> [String] {
        guard let start = html.range(of: "id=\"error-summary\""), let end = html.range(of: "</div>", range: start.upperBound..<html.endIndex)
        else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "href=\"#").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
    }

    static let typed: [(String, String)] = [
        ("permanents_headcount", "7"), ("insertion_persons", "40"), ("persons_women", "15"), ("persons_men", "20"),
        ("insertion_hours", "10 4x5"), ("turnover_eur", "250 000,50"), ("clientele_private_pct", "60"),
    ]

    @Test("a refused submit keeps every typed value, the invalid one too, and lists each field once with its label")
    func failedSubmitKeepsEverything() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let member = try await f.browser(app, as: .member)
            let sid = f.inPDL.id!
            // MUT
            let page = try await member.post(.saveAnswer(2024, sid, "AI"), form: Self.typed + [("action", "submit")])
            // validate
            #expect(page.status == .unprocessableEntity)
            for (field, value) in Self.typed {
                let mode = IndicatorCatalogue.byCode[field]!.unit == .count ? "numeric" : "decimal"
                #expect(page.body.contains("name=\"\(field)\" type=\"text\" inputmode=\"\(mode)\" value=\"\(value)\""),
                        "\(field) lost its typed value")
            }
            #expect(page.body.contains("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\">"))
            // the value that is not a number and the two checks (gender sum, clientele shares), each field once
            #expect(summaryLinks(page.body) == ["insertion_hours", "persons_women", "clientele_private_pct"])
            #expect(page.body.contains("<h2>Le formulaire contient 3 erreurs</h2>"))
            #expect(page.body.contains("<strong>Heures travaillées en insertion</strong> : Saisissez un nombre"))
            // every field of a check is marked, though the summary names the check once
            #expect(page.body.contains("id=\"persons_men-error\""))
            #expect(page.body.contains("aria-invalid=\"true\" aria-describedby=\"insertion_hours-help insertion_hours-error\""))
            #expect(page.body.contains("data-unsaved=\"true\""))
            #expect(try await stored(app, f) == nil)
        }
    }

    @Test("saving a draft with a value that is not a number reports the cross-field checks at the same time")
    func crossFieldChecksAtFirstTry() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.post(.saveAnswer(2024, f.inPDL.id!, "AI"), form: Self.typed + [("action", "save")])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"insertion_hours-error\""))
            #expect(page.body.contains("id=\"persons_women-error\""))
            #expect(page.body.contains("La somme femmes et hommes (35) doit égaler"))
            #expect(summaryLinks(page.body).contains("persons_women"))
            #expect(try await stored(app, f) == nil)
        }
    }

    @Test("« reprendre les valeurs de l'an dernier » fills only the empty fields and saves nothing")
    func prefillFromLastYear() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let last = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023, open: false)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: last, structure: f.inPDL, type: "AI", status: .validated,
                                                    values: ["insertion_persons": Exact(38), "turnover_eur": Exact(1_180_000),
                                                             "insertion_etp": Exact(65, 10)])
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let member = try await f.browser(app, as: .member)
            let sid = f.inPDL.id!
            let before = try await member.get(.answer(2024, sid, "AI"))
            #expect(before.body.contains("id=\"prefill-answer\""))
            #expect(!before.body.contains("value=\"1180000\""))
            // MUT
            let page = try await member.post(.saveAnswer(2024, sid, "AI"), form: [("insertion_persons", "42"), ("action", "reprendre")])
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("name=\"insertion_persons\" type=\"text\" inputmode=\"numeric\" value=\"42\""))
            #expect(page.body.contains("value=\"1180000\""))
            #expect(page.body.contains("value=\"6,5\""))
            #expect(page.body.contains("Valeurs 2023 reprises dans 2 questions vides"))
            #expect(try await stored(app, f) == nil)
        }
    }

    @Test("a change of more than 50 % from last year is flagged for the member and the delegate; 50 % exactly is not")
    func changesFlagged() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let last = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023, open: false)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: last, structure: f.inPDL, type: "AI", status: .validated,
                                                    values: ["insertion_persons": Exact(40), "persons_women": Exact(10),
                                                             "age_50_plus": Exact(10), "exits_other": .zero, "insertion_hours": Exact(21_840)])
            let current = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: current, structure: f.inPDL, type: "AI", status: .submitted,
                                                    values: ["insertion_persons": Exact(61), "persons_women": Exact(15),
                                                             "age_50_plus": Exact(4), "exits_other": Exact(1), "insertion_hours": Exact(21_840)])
            let sid = f.inPDL.id!
            let answer = try #require(try await stored(app, f))
            // read-only once transmitted; in the form while a draft (which the delegate may fill too)
            for (status, who) in [(AnswerStatus.submitted, Fixtures.Who.member), (.submitted, .delegate), (.draft, .member), (.draft, .delegate)] {
                answer.status = status.rawValue
                try await answer.save(on: app.db)
                let b = try await f.browser(app, as: who)
                // MUT
                let page = try await b.get(.answer(2024, sid, "AI"))
                #expect(page.body.contains("id=\"answer-form\"") == (status == .draft))
                // validate
                #expect(page.body.contains("id=\"insertion_persons-change\">Écart de plus de 50\u{202F}% avec 2023"), "\(status) \(who)")  // +52,5 %
                #expect(page.body.contains("id=\"age_50_plus-change\""), "\(who)")          // −60 %
                #expect(page.body.contains("id=\"exits_other-change\""), "\(who)")          // from 0
                #expect(!page.body.contains("id=\"persons_women-change\""), "\(who)")       // +50 % exactly
                #expect(!page.body.contains("id=\"insertion_hours-change\""), "\(who)")
                #expect(page.body.contains("21\u{202F}840\u{202F}h"), "\(who): hours read « 21 840 h »")
            }
            #expect(Indicator.changedByMoreThanHalf(from: Exact(decimal: "2.5")!, to: Exact(decimal: "3.75")!) == false)
            #expect(Indicator.changedByMoreThanHalf(from: Exact(decimal: "2.5")!, to: Exact(decimal: "3.76")!))
            #expect(Indicator.changedByMoreThanHalf(from: Exact(decimal: "2.5")!, to: Exact(decimal: "1.25")!) == false)
            #expect(Indicator.changedByMoreThanHalf(from: .zero, to: .zero) == false)
        }
    }

    @Test("« Valider » asks for a confirmation before it locks the answer, apart from « Renvoyer »")
    func validateNeedsConfirmation() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.inPDL, type: "AI", status: .submitted)
            let delegate = try await f.browser(app, as: .delegate)
            let sid = f.inPDL.id!
            let answerPage = try await delegate.get(.answer(2024, sid, "AI"))
            #expect(answerPage.body.contains("id=\"validate-form\""))
            #expect(answerPage.body.contains("id=\"return-form\""))
            // MUT: the button leads to a confirmation, nothing is validated yet
            let confirm = try await delegate.post(.validateAnswer(2024, sid, "AI"))
            // validate
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("Valider verrouille la réponse : le membre ne pourra plus la modifier."))
            #expect(confirm.body.contains("name=\"confirm\" value=\"1\""))
            #expect(try await stored(app, f)?.answerStatus == .submitted)
            // MUT: confirmed
            let done = try await delegate.post(.validateAnswer(2024, sid, "AI"), form: [("confirm", "1")])
            // validate
            #expect(done.status == .seeOther)
            #expect(try await stored(app, f)?.answerStatus == .validated)
        }
    }

    @Test("the delegate's view hides the help written for the member; units are not doubled")
    func delegateViewWithoutMemberHelp() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let sid = f.inPDL.id!
            let help = "Personnes en parcours ayant travaillé au moins une heure dans l&#39;année."
            // MUT
            let member = try await (try await f.browser(app, as: .member)).get(.answer(2024, sid, "AI"))
            let delegate = try await (try await f.browser(app, as: .delegate)).get(.answer(2024, sid, "AI"))
            // validate
            #expect(member.body.contains(help))
            #expect(delegate.body.contains("id=\"answer-form\""))   // the delegate may fill it for the member
            #expect(!delegate.body.contains(help))
            #expect(!delegate.body.contains("-help\""))
            for page in [member, delegate] {
                #expect(page.body.contains("<label for=\"clientele_individuals_pct\">Clientèle : particuliers (%)</label>"))
                #expect(!page.body.contains("(%) <span class=\"hint\">(%)</span>"))
                #expect(!page.body.contains("(s)"))
            }
        }
    }

    @Test("a closed campaign shows no write button and says the answer can no longer change")
    func closedCampaignHidesWrites() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024, open: false)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.inPDL, type: "AI", status: .draft)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.get(.answer(2024, f.inPDL.id!, "AI"))
            // validate
            #expect(page.body.contains("Campagne clôturée : la réponse n'est plus modifiable"))
            for id in ["save-draft", "submit-answer", "prefill-answer", "validate-answer", "return-answer", "answer-form"] {
                #expect(!page.body.contains("id=\"\(id)\""), "\(id) shown")
            }
        }
    }
}
