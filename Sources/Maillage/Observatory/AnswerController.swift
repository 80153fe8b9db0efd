import Fluent
import Foundation
import MaillageCore
import Vapor

/// One structure's answer for one type: the member fills, saves and submits it; the regional
/// delegate validates it or returns it with a comment; a national admin can reopen it.
enum AnswerController {
    static func show(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        let answer = ctx.answer
        return try await render(req, ctx, form: AnswerForm(values: answer?.values ?? [:]), errors: FieldErrors(),
                                checks: answer.map { AnswerChecks.run($0.values, divisor: ctx.campaign.divisor(for: ctx.type)) } ?? [])
    }

    static func save(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        guard ctx.canEdit else { throw Abort(.conflict, reason: "Cette réponse ne peut plus être modifiée : elle est transmise, validée, ou la campagne est close.") }
        let form = AnswerForm(fields: try req.form([String: String].self))
        let (values, errors) = form.parse(ctx.questions)
        let checks = AnswerChecks.run(values, divisor: ctx.campaign.divisor(for: ctx.type))
        let submitting = form.action == "submit"
        var blocking = errors
        if submitting {
            for c in checks where c.severity == .error { for f in c.fields { blocking.add(f, c.message) } }
            if checks.contains(where: { $0.severity == .warning }) && !form.confirmWarnings {
                blocking.add("confirm_warnings", "Vérifiez les avertissements, ou cochez la case pour confirmer que les valeurs sont exactes.")
            }
            if values.isEmpty { blocking.add("answer", "La réponse est vide : renseignez au moins une question avant de la transmettre.") }
        }
        guard blocking.isEmpty else {
            return try await render(req, ctx, form: form, errors: blocking, checks: checks, status: .unprocessableEntity)
        }
        let user = try req.requireUser()
        let answer = try ctx.answer ?? SurveyAnswer(campaignID: try ctx.campaign.requireID(), structureID: try ctx.structure.requireID(),
                                                type: ctx.type, departmentCode: ctx.structure.departmentCode)
        let before = ctx.answer?.auditSnapshot
        answer.values = values
        answer.warningsConfirmed = form.confirmWarnings
        answer.departmentCode = ctx.structure.departmentCode
        if submitting {
            answer.status = AnswerStatus.submitted.rawValue
            answer.submittedAt = Date()
        }
        let label = "\(ctx.structure.name) (\(ctx.typeLabel), \(ctx.campaign.year))"
        try await req.db.transaction { tx in
            try await answer.save(on: tx)
            try await ObservatoryData.bumpAnswers(ctx.campaign, on: tx)
            try await Audit.record(before == nil ? .create : .update, answer,
                                   summary: (submitting ? "Transmission" : "Enregistrement") + " de la réponse de \(label)",
                                   before: before, actor: user, on: tx)
            if submitting {
                try await AnswerMail.send(to: try await AnswerMail.delegates(of: ctx.structure, on: tx),
                    subject: "Observatoire \(ctx.campaign.year) : réponse à valider",
                    body: "La réponse de \(label) a été transmise.\nÀ valider : \(req.application.config.baseURL)\(SiteURL.answer(ctx.campaign.year, answer.$structure.id, ctx.type).path)",
                    on: tx)
            }
        }
        req.flash(submitting ? "Réponse transmise à la délégation régionale." : "Brouillon enregistré : vous pouvez y revenir à tout moment.")
        return req.redirect(to: SiteURL.answer(ctx.campaign.year, try ctx.structure.requireID(), ctx.type).path)
    }

    static func validate(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        guard ctx.canValidate else { throw Abort(.forbidden) }
        guard let answer = ctx.answer, answer.answerStatus == .submitted else {
            throw Abort(.conflict, reason: "Seule une réponse transmise peut être validée.")
        }
        try await transition(req, ctx, answer, to: .validated, summary: "Validation") { a in
            a.validatedAt = Date()
            a.validatedBy = try req.requireUser().id
            a.returnComment = nil
        }
        req.flash("Réponse validée.")
        return req.redirect(to: SiteURL.validationQueue(ctx.campaign.year).path)
    }

    static func sendBack(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        guard ctx.canValidate else { throw Abort(.forbidden) }
        guard let answer = ctx.answer, answer.answerStatus == .submitted else {
            throw Abort(.conflict, reason: "Seule une réponse transmise peut être renvoyée.")
        }
        struct Form: Decodable { var comment: String? }
        let comment = (try req.form(Form.self).comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty, comment.count <= 2000 else {
            var errors = FieldErrors()
            errors.add("comment", comment.isEmpty ? "Expliquez ce qui est à corriger." : "2 000 caractères au plus.")
            return try await render(req, ctx, form: AnswerForm(values: answer.values), errors: errors,
                                    checks: AnswerChecks.run(answer.values, divisor: ctx.campaign.divisor(for: ctx.type)),
                                    comment: comment, status: .unprocessableEntity)
        }
        try await transition(req, ctx, answer, to: .returned, summary: "Renvoi pour correction") { a in a.returnComment = comment }
        let managers = try await AnswerMail.managers(of: ctx.structure, on: req.db)
        try await AnswerMail.send(to: managers, subject: "Observatoire \(ctx.campaign.year) : réponse à corriger",
            body: "Votre délégation vous renvoie la réponse de \(ctx.structure.name) (\(ctx.typeLabel)) :\n\n\(comment)\n\n\(req.application.config.baseURL)\(SiteURL.answer(ctx.campaign.year, answer.$structure.id, ctx.type).path)",
            on: req.db)
        req.flash("Réponse renvoyée au membre avec votre commentaire.")
        return req.redirect(to: SiteURL.validationQueue(ctx.campaign.year).path)
    }

    static func reopen(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        guard let answer = ctx.answer, answer.answerStatus == .validated else {
            throw Abort(.conflict, reason: "Seule une réponse validée peut être rouverte.")
        }
        struct Form: Decodable { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else {
            return try await ConfirmPage.render(req, heading: "Rouvrir la réponse de \(ctx.structure.name) (\(ctx.typeLabel)) ?",
                message: "Elle n'est plus comptée comme validée : le membre pourra la modifier et devra la transmettre à nouveau.",
                action: SiteURL.reopenAnswer(ctx.campaign.year, answer.$structure.id, ctx.type).path, confirmLabel: "Rouvrir la réponse",
                cancel: SiteURL.answer(ctx.campaign.year, answer.$structure.id, ctx.type).path)
        }
        try await transition(req, ctx, answer, to: .draft, summary: "Réouverture") { a in a.validatedAt = nil; a.validatedBy = nil }
        req.flash("Réponse rouverte : le membre peut à nouveau la modifier.")
        return req.redirect(to: SiteURL.answer(ctx.campaign.year, answer.$structure.id, ctx.type).path)
    }

    private static func transition(_ req: Request, _ ctx: AnswerContext, _ answer: SurveyAnswer, to status: AnswerStatus,
                                   summary: String, change: (SurveyAnswer) throws -> Void) async throws {
        let user = try req.requireUser()
        let before = answer.auditSnapshot
        answer.status = status.rawValue
        try change(answer)
        try await req.db.transaction { tx in
            try await answer.save(on: tx)
            try await ObservatoryData.bumpAnswers(ctx.campaign, on: tx)
            try await Audit.record(.update, answer, summary: "\(summary) de la réponse de \(ctx.structure.name) (\(ctx.typeLabel), \(ctx.campaign.year))",
                                   before: before, actor: user, on: tx)
        }
    }

    static func render(_ req: Request, _ ctx: AnswerContext, form: AnswerForm, errors: FieldErrors, checks: [AnswerCheck],
                       comment: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let previous = try await ctx.previousValues(on: req.db)
        let page = AnswerPage(ctx, form: form, errors: errors, checks: checks, previous: previous, comment: comment)
        return try await req.renderPage("observatory/answer", title: page.heading, page, status: status)
    }
}
