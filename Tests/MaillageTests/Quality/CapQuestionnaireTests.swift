import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14: questionnaires versioned per year. A year is prepared as a copy of the previous one
/// (or the built-in set); once an assessment of the year is transmitted its axes, scales, weights
/// and questions are frozen; an edit of a later year never changes a past assessment's scores.
@Suite("CAP questionnaires: per year, copied, frozen once answered")
struct CapQuestionnaireTests {
    static func questionnaire(_ app: Application, _ year: Int) async throws -> (CapQuestionnaire, [CapQuestion]) {
        let q = try #require(try await CapQuestionnaire.query(on: app.db).filter(\.$year == year).first())
        return (q, try await QuestionnaireService.questions(of: q.requireID(), on: app.db))
    }

    @Test("prepare: the built-in set first, then a copy of the previous year; audited; twice is refused")
    func prepare() async throws {
        try await withMaillage { app in
            // setup
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let list = try await admin.get(.quality(.questionnaires))
            #expect(list.body.contains("Préparer le questionnaire 2026"))
            // MUT
            let first = try await admin.post(.quality(.createQuestionnaire), form: [("year", "2026")])
            // validate
            #expect(first.status == .seeOther)
            let (q26, qs26) = try await Self.questionnaire(app, 2026)
            #expect(qs26.count == CapDefaultQuestions.questions.count)
            #expect(Set(qs26.map(\.axisValue)) == Set(CapAxis.allCases))
            #expect(qs26.allSatisfy { $0.scaleMax == 3 && (1...3).contains($0.weight) })
            #expect(q26.scaleLabelList == ["Pas engagé", "Engagé", "Avancé", "Exemplaire"])

            // the next year copies 2026, with its edits
            try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q26, qs26, change: ["ID-1": ["weight": "7"]]))
            let second = try await admin.post(.quality(.createQuestionnaire), form: [("year", "2027")])
            #expect(second.status == .seeOther)
            let (_, qs27) = try await Self.questionnaire(app, 2027)
            #expect(qs27.map(\.code) == qs26.map(\.code))
            #expect(qs27.first { $0.code == "ID-1" }?.weight == 7)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.questionnaire.create").count() == 2)

            let twice = try await admin.post(.quality(.createQuestionnaire), form: [("year", "2027")])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.contains("Le questionnaire 2027 existe déjà."))
            let far = try await admin.post(.quality(.createQuestionnaire), form: [("year", "2031")])
            #expect(far.status == .unprocessableEntity)
            #expect(try await CapQuestionnaire.query(on: app.db).count() == 2)
        }
    }

    @Test("edit before any transmission: wording, scale, weight, axis, add and remove")
    func editOpen() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            let admin = try await f.browser(app, as: .admin)
            let n = qs.count + 1
            let page = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q, qs, change: [
                "ID-1": ["text": "Le projet social est écrit.", "scale": "5", "weight": "4", "axis": "people"],
                "AME-1": ["remove": "1"],
            ], extra: [("q\(n)_code", "env-2"), ("q\(n)_text", "Les déchets sont triés."), ("q\(n)_axis", "environment"),
                       ("q\(n)_scale", "3"), ("q\(n)_weight", "2")]))
            #expect(page.status == .seeOther)
            let (_, after) = try await Self.questionnaire(app, 2026)
            #expect(after.map(\.code) == ["ID-1", "RH-1", "ENV-1", "OFF-1", "ENV-2"])
            let id1 = try #require(after.first)
            #expect(id1.text == "Le projet social est écrit." && id1.scaleMax == 5 && id1.weight == 4 && id1.axisValue == .people)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.questionnaire.update").count() == 1)
        }
    }

    @Test("once transmitted: scale, weight, axis and removal refused (French, nothing saved); wording still editable")
    func frozenOnceAnswered() async throws {
        try await withMaillage { app in
            // setup: one transmitted assessment of 2026
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            try await CapFactory.makeAssessment(on: app.db, structure: f.inPDL, questionnaire: q, questions: qs, values: [3, 2, 1, 0, nil])
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let refused = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q, qs, change: [
                "ID-1": ["scale": "5", "text": "Nouveau libellé"], "RH-1": ["weight": "9"], "ENV-1": ["axis": "offer"], "AME-1": ["remove": "1"],
            ]))
            // validate
            #expect(refused.status == .unprocessableEntity)
            let message = CapFactory.html("Un auto-diagnostic 2026 est déjà transmis : seuls l'intitulé, le code et l'aide peuvent encore changer. Modifiez le questionnaire 2027.")
            #expect(refused.body.contains("Question 1 : " + message))
            #expect(refused.body.contains("Question 2 : " + message))
            #expect(refused.body.contains("Question 3 : " + message))
            #expect(refused.body.contains("Question 5 : " + message))
            let (_, same) = try await Self.questionnaire(app, 2026)
            #expect(same.map(\.scaleMax) == [3, 3, 3, 3, 3] && same.map(\.weight) == [1, 1, 1, 1, 1] && same.count == 5)
            #expect(same[0].text != "Nouveau libellé")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.questionnaire.update").count() == 0)

            // the page says so, without the frozen fields
            let page = try await admin.get(QualityURL.questionnaire(2026))
            #expect(page.body.contains(message))
            #expect(!page.body.contains("Retirer cette question"))

            // wording and help only: saved
            let ok = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q, qs, change: [
                "ID-1": ["text": "Nouveau libellé", "help": "Une aide"]]))
            #expect(ok.status == .seeOther)
            let (_, edited) = try await Self.questionnaire(app, 2026)
            #expect(edited[0].text == "Nouveau libellé" && edited[0].help == "Une aide")
        }
    }

    @Test("a past year's scores do not change when a later year's questionnaire is edited")
    func pastScoresStay() async throws {
        try await withMaillage { app in
            // setup: 2025 transmitted through the page (ID-1 level 2 of 3, the others 3 of 3)
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let sid = try f.inPDL.requireID()
            let (_, qs25) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2025, questions: CapFactory.fivePerAxis)
            let member = try await f.browser(app, as: .member)
            let sent = try await member.post(QualityURL.saveAssessment(sid, 2025),
                                             form: CapFactory.assessmentForm(qs25, ["2", "3", "3", "3", "3"], action: "submit"))
            #expect(sent.status == .seeOther)
            let before = try await member.get(QualityURL.assessmentResults(sid, 2025))
            #expect(before.body.contains("66,7\u{202F}%"))
            #expect(before.body.contains("93,3\u{202F}%"))
            let scoresBefore = try await CapScore.query(on: app.db).sort(\.$axis).all().map { "\($0.axis) \($0.points)/\($0.maxPoints)" }

            // MUT: 2026 prepared as a copy, its scales and weights changed
            let admin = try await f.browser(app, as: .admin)
            try await admin.post(.quality(.createQuestionnaire), form: [("year", "2026")])
            let (q26, qs26) = try await Self.questionnaire(app, 2026)
            let edit = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q26, qs26, change: [
                "ID-1": ["scale": "10", "weight": "50"], "RH-1": ["axis": "identity"]]))
            #expect(edit.status == .seeOther)

            // validate: 2025's stored scores and page are what they were; its questions too
            let scoresAfter = try await CapScore.query(on: app.db).sort(\.$axis).all().map { "\($0.axis) \($0.points)/\($0.maxPoints)" }
            #expect(scoresAfter == scoresBefore)
            let after = try await member.get(QualityURL.assessmentResults(sid, 2025))
            #expect(after.body.contains("66,7\u{202F}%") && after.body.contains("93,3\u{202F}%"))
            let (_, still25) = try await Self.questionnaire(app, 2025)
            #expect(still25.map(\.scaleMax) == [3, 3, 3, 3, 3])
        }
    }

    @Test("bad input: every problem at once, in French, next to its field")
    func badInput() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            let admin = try await f.browser(app, as: .admin)
            let page = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q, qs, change: [
                "ID-1": ["scale": "11"], "RH-1": ["weight": "0", "code": "ID-1"], "ENV-1": ["text": "A\u{0007}B"],
            ]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Question 1 : le niveau maximal est un entier de 1 à 10."))
            #expect(page.body.contains("Question 2 : le poids est un entier de 1 à 100."))
            #expect(page.body.contains("Question 2 : le code ID-1 est déjà celui de la question 1."))
            #expect(page.body.contains("caractère de contrôle"))
        }
    }

    @Test("only national admins manage questionnaires (403 for the others)")
    func adminsOnly() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            for who in [Fixtures.Who.delegate, .member, .jurist, .board] {
                let b = try await f.browser(app, as: who)
                #expect(try await b.get(.quality(.questionnaires)).status == .forbidden)
                #expect(try await b.get(QualityURL.questionnaire(2026)).status == .forbidden)
                #expect(try await b.post(.quality(.createQuestionnaire), form: [("year", "2027")]).status == .forbidden)
            }
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.get(QualityURL.questionnaire(2026)).status == .ok)
            #expect(try await admin.get(QualityURL.questionnaire(2020)).status == .notFound)
        }
    }
}
