import Fluent
import Foundation
import MaillageCore
import Vapor

/// A structure's CAP action plan: its page, adding an action, changing an action's status
/// (version checked), through `ActionPlanService`. The structure is authorized first; an action is
/// loaded by its id and the structure's, so another structure's action is a 404.
enum ActionPlanController {
    static func show(_ req: Request) async throws -> Response {
        let structure = try await load(req)
        return try await render(req, structure, form: ["action_axis": CapAxis.identity.rawValue], errors: FieldErrors())
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let structure = try await load(req)
        let today = Day.today(now: req.services.clock.now)
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in ActionInput.fields { values[key] = all[key].map { String($0.prefix(600)) } }
        switch ActionInput.parse(values, currentYear: today.year) {
        case .failure(let refusal):
            return try await render(req, structure, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let input):
            _ = try await ActionPlanService.create(input, structure: structure, today: today, by: user, on: req.db)
            req.flash("Action ajoutée au plan.")
            return req.redirect(to: QualityURL.actionPlan(try structure.requireID()).path, redirectType: .normal)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let structure = try await load(req)
        let sid = try structure.requireID()
        guard let aid = req.parameters.get("actionID", as: UUID.self),
              try await CapAction.query(on: req.db).filter(\.$id == aid).filter(\.$structure.$id == sid).count() == 1 else {
            throw Abort(.notFound)
        }
        let today = Day.today(now: req.services.clock.now)
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        let form = ["action_axis": CapAxis.identity.rawValue]
        guard let status = CapActionStatus(rawValue: String((all["status"] ?? "").prefix(20))) else {
            var errors = FieldErrors()
            errors.add("status-\(aid.uuidString)", ActionRefusal.unknownStatus.message)
            return try await render(req, structure, form: form, errors: errors, status: .unprocessableEntity)
        }
        let version = all["version"].flatMap { Int($0.prefix(9)) }
        switch try await ActionPlanService.setStatus(aid, structure: structure, status: status, version: version, today: today, by: user, on: req.db) {
        case .success(let action):
            req.flash("Action « \(action.title) » : \(action.statusValue.label.lowercased()).")
            return req.redirect(to: QualityURL.actionPlan(sid).path, redirectType: .normal)
        case .failure(let refusal):
            return try await render(req, structure, form: form, errors: FieldErrors(), notice: refusal.message, status: .conflict)
        }
    }

    // MARK: loading and rendering

    private static func load(_ req: Request) async throws -> Structure {
        let structure = try await req.structureParameter()
        try await req.authorize(structure)
        return structure
    }

    private static func render(_ req: Request, _ structure: Structure, form: [String: String], errors: FieldErrors, notice: String? = nil,
                               status: HTTPStatus = .ok) async throws -> Response {
        let sid = try structure.requireID()
        let today = Day.today(now: req.services.clock.now)
        let actions = try await ActionPlanService.plan(of: sid, year: today.year, on: req.db)
        let hasQuestionnaire = try await CapQuestionnaire.query(on: req.db).filter(\.$year == today.year).count() > 0
        let page = ActionPlanPage.make(
            structureName: structure.name, structureID: sid, year: today.year, today: today, actions: actions,
            qualityHref: try await req.link(to: QualityURL.structure(sid), on: structure),
            assessmentHref: hasQuestionnaire ? try await req.link(to: QualityURL.assessment(sid, today.year), on: structure) : nil,
            form: form, errors: errors, notice: notice)
        return try await req.renderPage("quality/action-plan", title: page.heading, page, status: status)
    }
}
