import Fluent
import Foundation
import MaillageCore
import Vapor

/// The satisfaction form reached by a one-time link, without an account (`/formations/avis/:token`).
/// An unknown, used or expired link is a 404 page; a used link never takes a second rating.
enum SatisfactionController {
    static func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let opened = try await SatisfactionService.open(token, now: req.services.clock.now, on: req.db) else {
            return try await gone(req)
        }
        let (r, session, course) = opened
        let page = SurveyPage.make(token: token, registration: r, session: session, course: course)
        return try await req.renderPage("training/survey", title: "Votre avis sur la formation", page)
    }

    static func submit(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let now = req.services.clock.now
        guard let opened = try await SatisfactionService.open(token, now: now, on: req.db) else {
            return try await gone(req)
        }
        let (r, session, course) = opened
        let form = SurveyForm(values: (try? req.content.decode([String: String].self)) ?? [:])
        let (answers, errors) = form.validate()
        guard let answers else {
            let page = SurveyPage.make(token: token, registration: r, session: session, course: course, form: form, errors: errors)
            return try await req.renderPage("training/survey", title: "Votre avis sur la formation", page, status: .unprocessableEntity)
        }
        guard try await SatisfactionService.submit(token, answers: answers, now: now, on: req.db) != nil else {
            return try await gone(req)
        }
        return try await req.renderPage("training/survey-message", title: SurveyMessagePage.thanks.heading, SurveyMessagePage.thanks)
    }

    static func gone(_ req: Request) async throws -> Response {
        try await req.renderPage("training/survey-message", title: SurveyMessagePage.gone.heading, SurveyMessagePage.gone, status: .notFound)
    }
}
