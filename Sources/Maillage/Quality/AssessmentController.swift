import Fluent
import Foundation
import MaillageCore
import Vapor

/// A structure's CAP self-assessment for a year: its form (drafts, resume, transmit), read-only
/// once transmitted, and its results, through `AssessmentService`. Record-level rights first: the
/// structure loaded and authorized (404 out of sight, 403 in sight), then the year's questionnaire.
enum AssessmentController {
    static func show(_ req: Request) async throws -> Response {
        let ctx = try await load(req)
        let form = AssessmentForm(answers: try await storedAnswers(ctx.assessment, on: req.db), questions: ctx.questions,
                                  version: ctx.assessment?.version ?? 0)
        return try await render(req, ctx, form: form)
    }

    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = try await load(req)
        let form = AssessmentForm(values: (try? req.content.decode([String: String].self)) ?? [:], questions: ctx.questions)
        let answers: [AssessmentForm.Answer]
        switch form.parse(ctx.questions) {
        case .failure(let refusal): return try await render(req, ctx, form: form, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let parsed): answers = parsed
        }
        let subject = AssessmentService.Subject(structure: ctx.structure, questionnaire: ctx.questionnaire, questions: ctx.questions)
        switch try await AssessmentService.save(subject, answers: answers, version: form.version, submit: form.submitting, by: user,
                                                now: req.services.clock.now, on: req.db) {
        case .success(let saved):
            let sid = try ctx.structure.requireID()
            if saved.statusValue == .submitted {
                req.flash("Auto-diagnostic \(ctx.year) transmis : voici vos résultats.")
                return req.redirect(to: QualityURL.assessmentResults(sid, ctx.year).path, redirectType: .normal)
            }
            req.flash("Brouillon enregistré : vous pouvez y revenir à tout moment.")
            return req.redirect(to: QualityURL.assessment(sid, ctx.year).path, redirectType: .normal)
        case .failure(.form(let errors)):
            return try await render(req, ctx, form: form, errors: errors, status: .unprocessableEntity)
        case .failure(let refusal):
            // Stale or transmitted: the assessment as it is now, with the message (nothing saved).
            let fresh = try await load(req)
            let stored = AssessmentForm(answers: try await storedAnswers(fresh.assessment, on: req.db), questions: fresh.questions,
                                        version: fresh.assessment?.version ?? 0)
            return try await render(req, fresh, form: stored, notice: refusal.message, status: .conflict)
        }
    }

    static func results(_ req: Request) async throws -> Response {
        let ctx = try await load(req)
        guard let assessment = ctx.assessment, assessment.statusValue == .submitted, let aid = assessment.id else {
            throw Abort(.notFound, reason: "Pas encore de résultats : l'auto-diagnostic CAP \(ctx.year) n'est pas transmis.")
        }
        let sid = try ctx.structure.requireID()
        let type = AssessmentResults.comparisonType(ctx.structure)
        let input = AssessmentResultsPage.Input(
            structureName: ctx.structure.name, year: ctx.year, submittedAt: assessment.submittedAt,
            scores: try await AssessmentResults.scores(of: [aid], on: req.db)[aid] ?? [:],
            history: try await AssessmentResults.history(structure: sid, before: ctx.year, on: req.db),
            network: try await AssessmentResults.network(year: ctx.year, type: type,
                                                         hidden: AssessmentResults.hidden(from: try req.requireUser(), map: try await req.networkMap()),
                                                         on: req.db),
            assessmentHref: QualityURL.assessment(sid, ctx.year).path,
            actionPlanHref: try await req.link(to: QualityURL.actionPlan(sid), on: ctx.structure),
            qualityHref: try await req.link(to: QualityURL.structure(sid), on: ctx.structure))
        let page = AssessmentResultsPage.make(input)
        return try await req.renderPage("quality/assessment-results", title: page.heading, page)
    }

    // MARK: loading and rendering

    struct Context: Sendable {
        let structure: Structure
        let year: Int
        let questionnaire: CapQuestionnaire
        let questions: [CapQuestion]
        let assessment: CapAssessment?
    }

    static func load(_ req: Request) async throws -> Context {
        let structure = try await req.structureParameter()
        try await req.authorize(structure)
        let current = Day.today(now: req.services.clock.now).year
        guard let year = req.parameters.get("year", as: Int.self), (2000...current).contains(year),
              let questionnaire = try await CapQuestionnaire.query(on: req.db).filter(\.$year == year).first() else {
            throw Abort(.notFound, reason: "Pas de questionnaire CAP pour cette année : l'auto-diagnostic n'est pas ouvert.")
        }
        let questions = try await QuestionnaireService.questions(of: try questionnaire.requireID(), on: req.db)
        let assessment = try await AssessmentService.find(structure: try structure.requireID(), year: year, on: req.db)
        return Context(structure: structure, year: year, questionnaire: questionnaire, questions: questions, assessment: assessment)
    }

    static func storedAnswers(_ assessment: CapAssessment?, on db: any Database) async throws -> [CapAnswer] {
        guard let id = assessment?.id else { return [] }
        return try await CapAnswer.query(on: db).filter(\.$assessment.$id == id).all()
    }

    static func render(_ req: Request, _ ctx: Context, form: AssessmentForm, errors: FieldErrors = FieldErrors(), notice: String? = nil,
                       status: HTTPStatus = .ok) async throws -> Response {
        let sid = try ctx.structure.requireID()
        let page = AssessmentPage.make(.init(
            structureName: ctx.structure.name, year: ctx.year, questionnaire: ctx.questionnaire, questions: ctx.questions,
            assessment: ctx.assessment, canFill: try await req.may(.fillSelfAssessment, on: ctx.structure),
            saveHref: QualityURL.saveAssessment(sid, ctx.year).path,
            qualityHref: try await req.link(to: QualityURL.structure(sid), on: ctx.structure),
            resultsHref: QualityURL.assessmentResults(sid, ctx.year).path,
            actionPlanHref: try await req.link(to: QualityURL.actionPlan(sid), on: ctx.structure)), form: form, errors: errors, notice: notice)
        return try await req.renderPage("quality/assessment", title: page.heading, page, status: status)
    }
}
