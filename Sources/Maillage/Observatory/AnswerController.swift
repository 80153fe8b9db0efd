import Fluent
import Foundation
import MaillageCore
import Vapor

/// One structure's answer for one type: the member fills, saves and submits it; the regional
/// delegate validates it or returns it with a comment; a national admin can reopen it. Each
/// step is `AnswerService`'s (checked against `AnswerWorkflow.table`); the handlers read the
/// form, call it and render.
enum AnswerController {
    static func show(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        let answer = ctx.answer
        return try await render(req, ctx, form: AnswerForm(values: answer?.values ?? [:]), errors: FieldErrors(),
                                checks: answer.map { AnswerChecks.run($0.values, divisor: ctx.campaign.divisor(for: ctx.type)) } ?? [])
    }

    static func save(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        // Refused before the form is read: a locked answer is a conflict whatever was typed.
        try permit(ctx, AnswerWorkflow.saveAction(from: ctx.state))
        var form = AnswerForm(fields: try req.form([String: String].self))
        if form.action == "reprendre" {
            // Last year's values in the empty fields, nothing saved: the member reads and saves.
            let filled = prefill(&form, from: try await ctx.previousValues(on: req.db)?.values ?? [:], ctx.questions)
            let (values, errors) = form.parse(ctx.questions)
            return try await render(req, ctx, form: form, errors: errors,
                                    checks: AnswerChecks.run(values, divisor: ctx.campaign.divisor(for: ctx.type)),
                                    unsaved: true, prefilled: filled)
        }
        let (values, errors) = form.parse(ctx.questions)
        let checks = AnswerChecks.run(values, divisor: ctx.campaign.divisor(for: ctx.type))
        let submitting = form.action == "submit"
        // Every problem at the first try: each typed value's, and what stops a transmission
        // (the checks, computed on the values that could be read, come with the page).
        let problems = submitting ? AnswerService.submissionProblems(values, checks: checks, warningsConfirmed: form.confirmWarnings)
                                  : FieldErrors()
        guard errors.isEmpty, problems.isEmpty else {
            var shown = errors
            for p in problems.summary where IndicatorCatalogue.byCode[p.field] == nil { shown.add(p.field, p.message) }
            return try await render(req, ctx, form: form, errors: shown, checks: checks, unsaved: true, status: .unprocessableEntity)
        }
        try await taking(.submit) {
            try await AnswerService.save(values, warningsConfirmed: form.confirmWarnings, submit: submitting, ctx.subject,
                                         by: ctx.actor, baseURL: req.application.config.baseURL, on: req.db)
        }
        req.flash(submitting ? "Réponse transmise à la délégation régionale." : "Brouillon enregistré : vous pouvez y revenir à tout moment.")
        return req.redirect(to: SiteURL.answer(ctx.campaign.year, try ctx.structure.requireID(), ctx.type).path)
    }

    /// Fills each empty field of `form` with last year's value; returns how many were filled.
    /// A typed value is never replaced.
    static func prefill(_ form: inout AnswerForm, from lastYear: [String: Exact], _ questions: [Indicator]) -> Int {
        var filled = 0
        for q in questions {
            guard (form.texts[q.code] ?? "").trimmingCharacters(in: .whitespaces).isEmpty, let v = lastYear[q.code] else { continue }
            form.texts[q.code] = AnswerForm.display(v)
            filled += 1
        }
        return filled
    }

    /// Validating locks the answer: a confirmation step first (no script needed, `confirm=1`).
    static func validate(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        try permit(ctx, .validate)
        let sid = try ctx.structure.requireID()
        struct Form: Decodable { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else {
            return try await ConfirmPage.render(req, heading: "Valider la réponse de \(ctx.structure.name) (\(ctx.typeLabel)) ?",
                message: "Valider verrouille la réponse : le membre ne pourra plus la modifier.",
                action: SiteURL.validateAnswer(ctx.campaign.year, sid, ctx.type).path, confirmLabel: "Valider la réponse",
                cancel: SiteURL.answer(ctx.campaign.year, sid, ctx.type).path)
        }
        try await taking(.validate) { try await AnswerService.validate(ctx.subject, by: ctx.actor, on: req.db) }
        req.flash("Réponse validée.")
        return req.redirect(to: SiteURL.validationQueue(ctx.campaign.year).path)
    }

    static func sendBack(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        try permit(ctx, .sendBack)
        struct Form: Decodable { var comment: String? }
        let comment = (try req.form(Form.self).comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty, comment.count <= 2000 else {
            var errors = FieldErrors()
            errors.add("comment", comment.isEmpty ? "Expliquez ce qui est à corriger." : "2 000 caractères au plus.")
            let values = ctx.answer?.values ?? [:]
            return try await render(req, ctx, form: AnswerForm(values: values), errors: errors,
                                    checks: AnswerChecks.run(values, divisor: ctx.campaign.divisor(for: ctx.type)),
                                    comment: comment, status: .unprocessableEntity)
        }
        try await taking(.sendBack) {
            try await AnswerService.sendBack(ctx.subject, comment: comment, by: ctx.actor, baseURL: req.application.config.baseURL, on: req.db)
        }
        req.flash("Réponse renvoyée au membre avec votre commentaire.")
        return req.redirect(to: SiteURL.validationQueue(ctx.campaign.year).path)
    }

    static func reopen(_ req: Request) async throws -> Response {
        let ctx = try await AnswerContext.load(req)
        try permit(ctx, .reopen)
        let sid = try ctx.structure.requireID()
        struct Form: Decodable { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else {
            return try await ConfirmPage.render(req, heading: "Rouvrir la réponse de \(ctx.structure.name) (\(ctx.typeLabel)) ?",
                message: "Elle n'est plus comptée comme validée : le membre pourra la modifier et devra la transmettre à nouveau.",
                action: SiteURL.reopenAnswer(ctx.campaign.year, sid, ctx.type).path, confirmLabel: "Rouvrir la réponse",
                cancel: SiteURL.answer(ctx.campaign.year, sid, ctx.type).path)
        }
        try await taking(.reopen) { try await AnswerService.reopen(ctx.subject, by: ctx.actor, on: req.db) }
        req.flash("Réponse rouverte : le membre peut à nouveau la modifier.")
        return req.redirect(to: SiteURL.answer(ctx.campaign.year, sid, ctx.type).path)
    }

    /// A step refused as today: 403 to the wrong person, 409 saying what the answer allows.
    static func abort(_ refusal: AnswerService.Refusal, _ action: AnswerAction) -> Abort {
        guard refusal != .notPermitted else { return Abort(.forbidden) }
        if refusal == .campaignClosed {
            return Abort(.conflict, reason: "Campagne clôturée : les réponses ne peuvent plus être modifiées. Un administrateur peut la rouvrir.")
        }
        return switch action {
        case .validate: Abort(.conflict, reason: "Seule une réponse transmise peut être validée.")
        case .sendBack: Abort(.conflict, reason: "Seule une réponse transmise peut être renvoyée.")
        case .reopen: Abort(.conflict, reason: "Seule une réponse validée peut être rouverte.")
        default: Abort(.conflict, reason: "Cette réponse ne peut plus être modifiée : elle est transmise, validée, ou la campagne est clôturée.")
        }
    }

    /// Checks the step before a form is read or a confirmation shown; the service checks it again as it writes.
    private static func permit(_ ctx: AnswerContext, _ action: AnswerAction) throws {
        do throws(AnswerService.Refusal) { _ = try AnswerService.check(action, from: ctx.state, in: ctx.campaign, by: ctx.parties) }
        catch { throw abort(error, action) }
    }

    private static func taking(_ action: AnswerAction, _ step: () async throws -> Void) async throws {
        do { try await step() } catch let refusal as AnswerService.Refusal { throw abort(refusal, action) }
    }

    static func render(_ req: Request, _ ctx: AnswerContext, form: AnswerForm, errors: FieldErrors, checks: [AnswerCheck],
                       comment: String? = nil, unsaved: Bool = false, prefilled: Int? = nil,
                       status: HTTPStatus = .ok) async throws -> Response {
        let previous = try await ctx.previousValues(on: req.db)
        let page = AnswerPage(ctx, form: form, errors: errors, checks: checks, previous: previous, comment: comment,
                              unsaved: unsaved, prefilled: prefilled)
        return try await req.renderPage("observatory/answer", title: page.heading, page, status: status)
    }
}
