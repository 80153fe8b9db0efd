import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14: the member fills its CAP self-assessment (drafts, resume, transmit with every
/// question answered), the scores are stored at transmission, the assessment is then read-only;
/// a stale form is a 409; nobody outside the structure, its delegate and admins sees it.
@Suite("CAP self-assessment: drafts, transmission, rights")
struct CapAssessmentTests {
    static func setup(_ app: Application) async throws -> (Fixtures, CapQuestionnaire, [CapQuestion]) {
        CapFactory.fixClock(app)
        let f = try await Fixtures.load(on: app)
        let (q, questions) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: [
            .init(.identity, "ID-1", scale: 3, weight: 3), .init(.identity, "ID-2", scale: 3, weight: 2),
            .init(.identity, "ID-3", scale: 3, weight: 1), .init(.people, "RH-1", scale: 4, weight: 2),
        ])
        return (f, q, questions)
    }

    static func stored(_ app: Application, _ s: Structure, year: Int = 2026) async throws -> CapAssessment? {
        try await CapAssessment.query(on: app.db).filter(\.$structure.$id == s.requireID()).filter(\.$year == year).first()
    }

    @Test("a draft is kept and resumed; transmitting stores the scores from CapScoring; then read-only")
    func draftResumeSubmit() async throws {
        try await withMaillage { app in
            // setup
            let (f, _, qs) = try await Self.setup(app)
            let sid = try f.inPDL.requireID()
            let member = try await f.browser(app, as: .member)

            // MUT: a draft with two answers and a comment on an unanswered question
            let draft = try await member.post(QualityURL.saveAssessment(sid, 2026),
                                              form: CapFactory.assessmentForm(qs, ["2", nil, "nc", nil], comments: ["ID-2": "À voir en équipe"]))
            // validate
            #expect(draft.status == .seeOther)
            let a = try #require(try await Self.stored(app, f.inPDL))
            #expect(a.statusValue == .draft && a.version == 1)
            #expect(try await CapScore.query(on: app.db).count() == 0)
            let page = try await member.get(QualityURL.assessment(sid, 2026))
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"\(AssessmentForm.field(qs[0].id!))-2\" name=\"\(AssessmentForm.field(qs[0].id!))\" value=\"2\" checked"))
            #expect(page.body.contains("id=\"\(AssessmentForm.field(qs[2].id!))-nc\" name=\"\(AssessmentForm.field(qs[2].id!))\" value=\"nc\" checked"))
            #expect(page.body.contains(CapFactory.html("À voir en équipe")))
            #expect(page.body.contains("2 questions répondues sur 4"))

            // MUT: transmit, every question answered
            let sent = try await member.post(QualityURL.saveAssessment(sid, 2026),
                                             form: CapFactory.assessmentForm(qs, ["2", "3", "nc", "1"], version: 1, action: "submit"))
            // validate: ID-1 3×2 + ID-2 2×3 over 9 + 6 (ID-3 left out) = 12/15; RH-1 2×1/8; overall 14/23
            #expect(sent.status == .seeOther)
            #expect(sent.location == QualityURL.assessmentResults(sid, 2026).path)
            let done = try #require(try await Self.stored(app, f.inPDL))
            #expect(done.statusValue == .submitted && done.version == 2 && done.submittedAt != nil)
            let scores = try await CapScore.query(on: app.db).filter(\.$assessment.$id == done.requireID()).all()
            let byAxis = Dictionary(uniqueKeysWithValues: scores.map { ($0.axis, ($0.points, $0.maxPoints)) })
            #expect(byAxis.count == 6)
            #expect(byAxis["identity"]! == (12, 15))
            #expect(byAxis["people"]! == (2, 8))
            #expect(byAxis["environment"]! == (0, 0))
            #expect(byAxis[CapScore.overall]! == (14, 23))
            let kinds = try await AuditEntry.query(on: app.db).filter(\.$entity ~~ ["cap.assessment.save", "cap.assessment.submit"]).all().map(\.entity)
            #expect(kinds.sorted() == ["cap.assessment.save", "cap.assessment.submit"])

            // read-only: the page shows answers without a form; a save is a 409 and changes nothing
            let readOnly = try await member.get(QualityURL.assessment(sid, 2026))
            #expect(readOnly.body.contains(CapFactory.html("il n'est plus modifiable")))
            #expect(!readOnly.body.contains("id=\"assessment-form\""))
            let again = try await member.post(QualityURL.saveAssessment(sid, 2026),
                                              form: CapFactory.assessmentForm(qs, ["0", "0", "0", "0"], version: 2, action: "submit"))
            #expect(again.status == .conflict)
            #expect(again.body.contains(CapFactory.html("Cet auto-diagnostic est transmis : il n'est plus modifiable.")))
            #expect(try await CapScore.query(on: app.db).filter(\.$axis == CapScore.overall).first()?.points == 14)
        }
    }

    @Test("transmitting with missing answers: 422, a French message per question, nothing saved")
    func missingAnswers() async throws {
        try await withMaillage { app in
            // setup
            let (f, _, qs) = try await Self.setup(app)
            let sid = try f.inPDL.requireID()
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.post(QualityURL.saveAssessment(sid, 2026),
                                             form: CapFactory.assessmentForm(qs, ["2", nil, "nc", nil], action: "submit"))
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Question ID-2 : choisissez un niveau ou « Non concerné » avant de transmettre."))
            #expect(page.body.contains("Question RH-1 : choisissez un niveau ou « Non concerné » avant de transmettre."))
            #expect(!page.body.contains("Question ID-1 : choisissez"))
            #expect(page.body.contains("Le formulaire contient 2 erreurs"))
            // What was typed is shown again.
            #expect(page.body.contains("value=\"2\" checked"))
            #expect(try await Self.stored(app, f.inPDL) == nil)
            #expect(try await CapAnswer.query(on: app.db).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.assessment.submit").count() == 0)
        }
    }

    @Test("a level outside the scale is refused next to its question")
    func outOfScale() async throws {
        try await withMaillage { app in
            let (f, _, qs) = try await Self.setup(app)
            let member = try await f.browser(app, as: .member)
            let page = try await member.post(QualityURL.saveAssessment(try f.inPDL.requireID(), 2026),
                                             form: CapFactory.assessmentForm(qs, ["4", nil, nil, "5"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Question ID-1 : le niveau doit être compris entre 0 et 3."))
            #expect(page.body.contains("Question RH-1 : le niveau doit être compris entre 0 et 4."))
            #expect(try await Self.stored(app, f.inPDL) == nil)
        }
    }

    @Test("a stale form is a 409 and saves nothing")
    func stale() async throws {
        try await withMaillage { app in
            // setup: a draft saved once (version 1)
            let (f, _, qs) = try await Self.setup(app)
            let sid = try f.inPDL.requireID()
            let member = try await f.browser(app, as: .member)
            try await member.post(QualityURL.saveAssessment(sid, 2026), form: CapFactory.assessmentForm(qs, ["1", nil, nil, nil]))
            // MUT: a second window still at version 0
            let page = try await member.post(QualityURL.saveAssessment(sid, 2026), form: CapFactory.assessmentForm(qs, ["3", "3", "3", "3"], action: "submit"))
            // validate
            #expect(page.status == .conflict)
            #expect(page.body.contains("enregistré entre-temps"))
            let a = try #require(try await Self.stored(app, f.inPDL))
            #expect(a.statusValue == .draft && a.version == 1)
            #expect(try await CapAnswer.query(on: app.db).all().compactMap(\.value) == [1])
        }
    }

    @Test("no questionnaire, or a year to come: a French 404")
    func missingYear() async throws {
        try await withMaillage { app in
            let (f, _, _) = try await Self.setup(app)
            try await CapFactory.makeQuestionnaire(on: app.db, year: 2027, questions: CapFactory.fivePerAxis)
            let sid = try f.inPDL.requireID()
            let member = try await f.browser(app, as: .member)
            let none = try await member.get(QualityURL.assessment(sid, 2025))
            #expect(none.status == .notFound)
            #expect(none.body.contains("Pas de questionnaire CAP pour cette année"))
            #expect(try await member.get(QualityURL.assessment(sid, 2027)).status == .notFound)
            #expect(try await member.get(QualityURL.assessmentResults(sid, 2026)).status == .notFound)
        }
    }

    @Test("rights: another member's assessment is a 404, a jurist or trainer gets 403, the delegate reads but cannot save")
    func rights() async throws {
        try await withMaillage { app in
            // setup: the other PDL structure's transmitted assessment
            let (f, q, qs) = try await Self.setup(app)
            try await CapFactory.makeAssessment(on: app.db, structure: f.otherPDL, questionnaire: q, questions: qs, values: [1, 2, 3, 4])
            let other = try f.otherPDL.requireID(), nor = try f.entityNOR.requireID()
            let member = try await f.browser(app, as: .member)

            // a member: someone else's structure does not exist for them
            #expect(try await member.get(QualityURL.assessment(other, 2026)).status == .notFound)
            #expect(try await member.get(QualityURL.assessmentResults(other, 2026)).status == .notFound)
            #expect(try await member.get(QualityURL.assessment(nor, 2026)).status == .notFound)

            // jurist and trainer: not their business (403)
            for who in [Fixtures.Who.jurist, .trainer] {
                let b = try await f.browser(app, as: who)
                #expect(try await b.get(QualityURL.assessment(other, 2026)).status == .forbidden)
                #expect(try await b.get(QualityURL.assessmentResults(other, 2026)).status == .forbidden)
            }

            // the PDL delegate reads the results and answers, but cannot save (403)
            let delegate = try await f.browser(app, as: .delegate)
            let results = try await delegate.get(QualityURL.assessmentResults(other, 2026))
            #expect(results.status == .ok)
            #expect(results.body.contains(CapFactory.html("Résultats de l'auto-diagnostic CAP 2026")))
            let form = try await delegate.get(QualityURL.assessment(try f.inPDL.requireID(), 2026))
            #expect(form.status == .ok)
            #expect(form.body.contains("Seuls les responsables de la structure remplissent son auto-diagnostic"))
            let save = try await delegate.post(QualityURL.saveAssessment(try f.inPDL.requireID(), 2026), form: CapFactory.assessmentForm(qs, ["1", nil, nil, nil]))
            #expect(save.status == .forbidden)
            #expect(try await Self.stored(app, f.inPDL) == nil)
            // but not a delegation it does not hold
            #expect(try await delegate.get(QualityURL.assessment(nor, 2026)).status == .notFound)

            // a national admin reads everything, and does not fill
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.get(QualityURL.assessmentResults(other, 2026)).status == .ok)
            #expect(try await admin.post(QualityURL.saveAssessment(other, 2026), form: CapFactory.assessmentForm(qs, ["1", nil, nil, nil])).status == .forbidden)
        }
    }
}
