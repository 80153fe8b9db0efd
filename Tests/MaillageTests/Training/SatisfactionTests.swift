import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 4: each trainee present rates the session once, through a one-time link.
@Suite("Training satisfaction survey")
struct SatisfactionTests {
    /// Issues the tokens of a done session (Lou present 3 half-days, Zoé absent all along) and
    /// answers Lou's link, read from the outbox.
    static func issue(_ app: Application) async throws -> (AttendanceTests.Setup, Int, String) {
        let s = try await AttendanceTests.setup(app, status: .done)
        try await TrainingFactory.markAttendance(on: app.db, registration: s.lou, only: Array(s.halfDays.prefix(3)))
        try await TrainingFactory.markAttendance(on: app.db, registration: s.zoe, present: false)
        let course = try await TrainingCourse.find(s.session.$course.id, on: app.db)!
        let session = s.session
        let count = try await app.db.transaction { tx in
            try await SatisfactionService.issueTokens(for: session, course: course, at: Date(), outbox: Outbox(),
                                                      baseURL: "https://maillage.test", on: tx)
        }
        let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == s.lou.email).first())
        let prefix = "https://maillage.test/formations/avis/"
        let start = try #require(message.body.range(of: prefix))
        let token = String(message.body[start.upperBound...].prefix { !$0.isWhitespace })
        return (s, count, token)
    }

    static func answers(_ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("q\($0.offset + 1)", $0.element) } + [("survey_comment", "Très concret.")]
    }

    @Test("issueTokens: only confirmed trainees present at least once; the hash is stored, never the token")
    func issueTokens() async throws {
        try await withMaillage { app in
            let (s, count, token) = try await Self.issue(app)
            #expect(count == 1)
            let lou = try await TrainingRegistration.find(s.lou.id, on: app.db)!
            let zoe = try await TrainingRegistration.find(s.zoe.id, on: app.db)!
            #expect(lou.surveyTokenHash == SecretToken.hash(token) && lou.surveySentAt != nil)
            #expect(zoe.surveyTokenHash == nil && zoe.surveySentAt == nil)
            #expect(token.count == 43 && SatisfactionService.isWellFormed(token))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == s.zoe.email).count() == 0)
            let messages = try await OutboxMessage.query(on: app.db).all()
            #expect(messages.count == 1 && messages[0].subject.hasPrefix("Votre avis sur la formation"))
            #expect(messages[0].body.contains("valable 60 jours"))
            let audit = try await AuditEntry.query(on: app.db).all()
            #expect(!audit.contains { ($0.after ?? "").contains(token) || $0.summary.contains(token) })
        }
    }

    @Test("a valid link: the form, bad values refused (422), the rating stored once, then the link is dead (404)")
    func rate() async throws {
        try await withMaillage { app in
            // setup
            let (s, _, token) = try await Self.issue(app)
            let visitor = TestBrowser(app)
            // MUT
            let form = try await visitor.get(TrainingURL.survey(token))
            let zero = try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["0", "4", "4", "4", "4"]))
            let six = try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["5", "6", "4", "4", "4"]))
            let missing = try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["5", "4", "4", "4"]))
            let tooLong = try await visitor.post(TrainingURL.submitSurvey(token),
                                                 form: [("q1", "5"), ("q2", "5"), ("q3", "5"), ("q4", "5"), ("q5", "5"), ("survey_comment", String(repeating: "a", count: 2001))])
            let nul = try await visitor.post(TrainingURL.submitSurvey(token),
                                             form: [("q1", "5"), ("q2", "5"), ("q3", "5"), ("q4", "5"), ("q5", "5"), ("survey_comment", "Titre\u{0}piégé")])
            #expect(nul.status == .unprocessableEntity)
            #expect(nul.body.contains("id=\"survey_comment-error\">Le commentaire contient un caractère de contrôle (invisible), non permis."))
            #expect(try await TrainingRating.query(on: app.db).count() == 0)
            let ok = try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["5", "4", "3", "4", "5"]))
            let again = try await visitor.get(TrainingURL.survey(token))
            let replay = try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["1", "1", "1", "1", "1"]))
            // validate
            #expect(form.status == .ok)
            #expect(form.body.components(separatedBy: "<fieldset").count - 1 == 5)
            #expect(form.body.contains("<legend>1. Les objectifs annoncés ont été atteints</legend>"))
            #expect(form.body.components(separatedBy: "type=\"radio\"").count - 1 == 25)
            for bad in [zero, six, missing, tooLong] { #expect(bad.status == .unprocessableEntity) }
            #expect(zero.body.contains("id=\"q1-error\"") && zero.body.contains("La note doit être comprise entre 1 et 5."))
            #expect(six.body.contains("id=\"q2-error\""))
            #expect(missing.body.contains("id=\"q5-error\"") && missing.body.contains("Choisissez une note de 1 à 5."))
            #expect(tooLong.body.contains("id=\"survey_comment-error\""))
            // The summary names the survey's own field, not the answer form's « Commentaire pour le membre ».
            #expect(tooLong.body.contains("href=\"#survey_comment\"><strong>Commentaire</strong> :"))
            #expect(!tooLong.body.contains("Commentaire pour le membre"))
            #expect(ok.status == .ok && ok.body.contains("Merci pour votre avis"))
            #expect(again.status == .notFound && again.body.contains("Ce lien d&#39;évaluation n&#39;est plus valable"))
            #expect(replay.status == .notFound)
            let ratings = try await TrainingRating.query(on: app.db).all()
            #expect(ratings.count == 1 && ratings[0].scores == [5, 4, 3, 4, 5] && ratings[0].comment == "Très concret.")
            #expect(ratings[0].$registration.id == s.lou.id && ratings[0].$session.id == s.session.id)
            #expect(try await TrainingRegistration.find(s.lou.id, on: app.db)?.surveyTokenHash == nil)
        }
    }

    @Test("an expired link (sent 61 days ago), an unknown one and a malformed one answer 404")
    func expired() async throws {
        try await withMaillage { app in
            let (s, _, token) = try await Self.issue(app)
            let lou = try await TrainingRegistration.find(s.lou.id, on: app.db)!
            lou.surveySentAt = Date().addingTimeInterval(-61 * 86_400)
            try await lou.save(on: app.db)
            let visitor = TestBrowser(app)
            #expect(try await visitor.get(TrainingURL.survey(token)).status == .notFound)
            #expect(try await visitor.post(TrainingURL.submitSurvey(token), form: Self.answers(["5", "5", "5", "5", "5"])).status == .notFound)
            #expect(try await visitor.get(TrainingURL.survey(SecretToken.generate())).status == .notFound)
            #expect(try await visitor.get(TrainingURL.survey("court")).status == .notFound)
            #expect(try await TrainingRating.query(on: app.db).count() == 0)
        }
    }
}
