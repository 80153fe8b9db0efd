import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/accompagnement/programmes`: the support programmes as data (national admins), through
/// `ProgrammeService`.
enum ProgrammeController {
    static func index(_ req: Request) async throws -> Response {
        let programmes = try await SupportProgramme.query(on: req.db).all().sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let page = ProgrammesPage(
            lines: programmes.map { p in
                .init(code: p.code, name: p.name, description: p.description, active: p.active, position: FrenchFormat.integer(p.position),
                      editHref: req.link(to: SupportURL.editProgramme(p.id!)))
            },
            newHref: req.link(to: .support(.newProgramme)), homeHref: req.link(to: .support(.home)))
        return try await req.renderPage("support/programmes", title: "Programmes d'accompagnement", page)
    }

    static func new(_ req: Request) async throws -> Response {
        let next = (try await SupportProgramme.query(on: req.db).max(\.$position) ?? 0) + 1
        return try await renderForm(req, programme: nil, form: ["programme_active": "1", "programme_position": String(min(next, 999))],
                                    errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = SupportForms.values((try? req.content.decode([String: String].self)) ?? [:], ProgrammeInput.fields)
        let outcome: Result<SupportProgramme, FormRefusal>
        switch ProgrammeInput.parse(values) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await ProgrammeService.create(input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, programme: nil, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let p):
            req.flash("Programme \(p.code) « \(p.name) » ajouté.")
            return req.redirect(to: SiteURL.support(.programmes).path, redirectType: .normal)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let programme = try await load(req)
        return try await renderForm(req, programme: programme, form: ProgrammeInput.values(of: programme), errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let programme = try await load(req)
        let values = SupportForms.values((try? req.content.decode([String: String].self)) ?? [:], ProgrammeInput.fields)
        let outcome: Result<SupportProgramme, FormRefusal>
        switch ProgrammeInput.parse(values) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await ProgrammeService.update(try programme.requireID(), input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, programme: programme, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let p):
            req.flash("Programme \(p.code) enregistré.")
            return req.redirect(to: SiteURL.support(.programmes).path, redirectType: .normal)
        }
    }

    private static func load(_ req: Request) async throws -> SupportProgramme {
        guard let id = req.parameters.get("programmeID", as: UUID.self), let p = try await SupportProgramme.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return p
    }

    private static func renderForm(_ req: Request, programme: SupportProgramme?, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus) async throws -> Response {
        let page = ProgrammeFormPage(
            heading: programme.map { "Modifier le programme \($0.code)" } ?? "Nouveau programme d'accompagnement",
            backHref: req.link(to: .support(.programmes)),
            action: programme.map { req.link(to: SupportURL.updateProgramme($0.id!)) } ?? req.link(to: .support(.createProgramme)),
            form: form, errors: errors, active: CourseInput.checked(form["programme_active"]),
            submitLabel: programme == nil ? "Ajouter le programme" : "Enregistrer")
        return try await req.renderPage("support/programme-form", title: page.heading, page, status: status)
    }
}
