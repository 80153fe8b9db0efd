import Fluent
import Foundation
import MaillageCore
import Vapor

/// The CAP questionnaires (national admins): the list of years, « Préparer le questionnaire »
/// and the editor, through `QuestionnaireService`.
enum QuestionnaireController {
    static func index(_ req: Request) async throws -> Response {
        try await renderList(req, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let current = Day.today(now: req.services.clock.now).year
        let raw = (try? req.content.get(String.self, at: "year")) ?? ""
        guard let year = Int(raw.prefix(6).trimmingCharacters(in: .whitespaces)) else {
            var errors = FieldErrors()
            errors.add("year", "Indiquez l'année du questionnaire.")
            return try await renderList(req, errors: errors, status: .unprocessableEntity)
        }
        switch try await QuestionnaireService.create(year: year, current: current, by: user, on: req.db) {
        case .failure(let refusal): return try await renderList(req, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let q):
            req.flash("Questionnaire CAP \(q.year) préparé : relisez-le avant l'ouverture de l'auto-diagnostic.")
            return req.redirect(to: QualityURL.questionnaire(q.year).path, redirectType: .normal)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let q = try await load(req)
        let qid = try q.requireID()
        let form = QuestionnaireInput.values(of: q, questions: try await QuestionnaireService.questions(of: qid, on: req.db))
        return try await renderForm(req, q, form: form, errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let q = try await load(req)
        let values = QuestionnaireInput.values(from: (try? req.content.decode([String: String].self)) ?? [:])
        let outcome: Result<CapQuestionnaire, FormRefusal>
        switch QuestionnaireInput.parse(values) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await QuestionnaireService.update(year: q.year, input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, q, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let saved):
            req.flash("Questionnaire CAP \(saved.year) enregistré.")
            return req.redirect(to: QualityURL.questionnaire(saved.year).path, redirectType: .normal)
        }
    }

    // MARK: pages

    private static func renderList(_ req: Request, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let current = Day.today(now: req.services.clock.now).year
        let all = try await CapQuestionnaire.query(on: req.db).sort(\.$year, .descending).all()
        var lines: [QuestionnairesPage.Line] = []
        for q in all {
            let qid = try q.requireID()
            let questions = try await CapQuestion.query(on: req.db).filter(\.$questionnaire.$id == qid).count()
            let submitted = try await CapAssessment.query(on: req.db).filter(\.$questionnaire.$id == qid)
                .filter(\.$status == CapAssessmentStatus.submitted.rawValue).count()
            lines.append(.init(year: q.year, title: q.title, questions: FrenchFormat.plural(questions, "question", "questions"),
                               submitted: FrenchFormat.plural(submitted, "auto-diagnostic transmis", "auto-diagnostics transmis"),
                               locked: submitted > 0, href: QualityURL.questionnaire(q.year).path))
        }
        let next = QuestionnaireService.nextYear(existing: Set(all.map(\.year)), current: current)
        let source = next.map { y in all.first { $0.year < y }.map { "Copie du questionnaire \($0.year)" } ?? "Questionnaire proposé par défaut (quatre questions par axe)" }
        let page = QuestionnairesPage(homeHref: req.link(to: QualityURL.start), lines: lines, prepareYear: next, prepareSource: source,
                                      createHref: SiteURL.quality(.createQuestionnaire).path, errors: errors)
        return try await req.renderPage("quality/questionnaires", title: "Questionnaires CAP", page, status: status)
    }

    private static func renderForm(_ req: Request, _ q: CapQuestionnaire, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus) async throws -> Response {
        let qid = try q.requireID()
        let locked = try await QuestionnaireService.isLocked(qid, on: req.db)
        var form = form
        if locked {
            // Frozen fields show (and post again) what is stored, whatever a refused form said.
            let stored = Dictionary(uniqueKeysWithValues: try await QuestionnaireService.questions(of: qid, on: req.db).compactMap { s in s.id.map { ($0.uuidString, s) } })
            for n in stride(from: 1, through: min(Int(form["rows"] ?? "") ?? 0, QuestionnaireInput.maxRows + 1), by: 1) {
                guard let s = stored[form[QuestionnaireInput.field(n, "id")] ?? ""] else { continue }
                form[QuestionnaireInput.field(n, "axis")] = s.axis
                form[QuestionnaireInput.field(n, "scale")] = String(s.scaleMax)
                form[QuestionnaireInput.field(n, "weight")] = String(s.weight)
                form[QuestionnaireInput.field(n, "remove")] = nil
            }
        }
        let page = QuestionnairePage.make(year: q.year, listHref: SiteURL.quality(.questionnaires).path,
                                          action: QualityURL.updateQuestionnaire(q.year).path, form: form, locked: locked, errors: errors)
        return try await req.renderPage("quality/questionnaire", title: page.heading, page, status: status)
    }

    private static func load(_ req: Request) async throws -> CapQuestionnaire {
        guard let year = req.parameters.get("year", as: Int.self),
              let q = try await CapQuestionnaire.query(on: req.db).filter(\.$year == year).first() else {
            throw Abort(.notFound, reason: "Aucun questionnaire CAP pour cette année.")
        }
        return q
    }
}
