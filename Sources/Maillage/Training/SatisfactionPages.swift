import Foundation
import MaillageCore
import Vapor

/// `/formations/avis/:token`: the five questions, each an accessible radio group 1–5, and a comment.
struct SurveyPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable { let value: String; let id: String; let label: String; let checked: Bool }
    struct Question: Encodable, Sendable {
        let field: String
        let number: Int
        let text: String
        let choices: [Choice]
        let error: String?
    }

    let courseTitle: String
    let dates: String
    let trainee: String
    let questions: [Question]
    let comment: String
    let commentLimit: String
    let errors: FieldErrors
    let action: String

    static let scale = ["1": "1 — pas du tout satisfait·e", "2": "2", "3": "3", "4": "4", "5": "5 — tout à fait satisfait·e"]

    static func make(token: String, registration: TrainingRegistration, session: TrainingSession, course: TrainingCourse,
                     form: SurveyForm = SurveyForm(), errors: FieldErrors = FieldErrors()) -> SurveyPage {
        let questions = TrainingRating.questions.enumerated().map { i, text -> Question in
            let field = "q\(i + 1)"
            let chosen = form.raw[i]
            return Question(field: field, number: i + 1, text: text, choices: (1...5).map { n in
                // The first radio carries the field's id: the error summary links to it.
                Choice(value: "\(n)", id: n == 1 ? field : "\(field)-\(n)", label: scale["\(n)"]!, checked: chosen == "\(n)")
            }, error: errors[field])
        }
        return SurveyPage(courseTitle: course.title, dates: SessionQueries.datesHeading(session),
                          trainee: registration.fullName, questions: questions, comment: form.comment,
                          commentLimit: FrenchFormat.integer(SurveyForm.commentLimit), errors: errors,
                          action: TrainingURL.submitSurvey(token).path)
    }
}

/// The page of a dead link (404), and the thank-you page.
struct SurveyMessagePage: Encodable, Sendable {
    let heading: String
    let message: String
    let id: String

    static let gone = SurveyMessagePage(
        heading: "Ce lien d'évaluation n'est plus valable",
        message: "Le lien a déjà servi, a expiré (il est valable 60 jours) ou n'existe pas. Si vous pensez qu'il s'agit d'une erreur, "
            + "écrivez à l'organisme de formation.", id: "survey-gone")
    static let thanks = SurveyMessagePage(
        heading: "Merci pour votre avis",
        message: "Votre évaluation est enregistrée. Elle nous aide à améliorer nos formations.", id: "survey-thanks")
}
