import Fluent
import Foundation
import MaillageCore
import Vapor

/// A pack (« parcours »): its page with its courses in order, and its editor (training admins).
enum PackController {
    static func show(_ req: Request) async throws -> Response {
        let pack = try await loadPack(req)
        try TrainingAccess.requireVisible(pack.visibilityValue, req)
        let id = try pack.requireID()
        let links = try await TrainingPackCourse.query(on: req.db).filter(\.$pack.$id == id).all().sorted { $0.position < $1.position }
        let courses = try await TrainingCourse.query(on: req.db).filter(\.$id ~~ links.map(\.$course.id)).all()
        let byID = Dictionary(uniqueKeysWithValues: courses.map { ($0.id!, $0) })
        let ordered = links.compactMap { byID[$0.$course.id] }.filter { TrainingAccess.sees($0.visibilityValue, req.currentUser) }
        let page = PackPage(
            catalogueHref: req.link(to: TrainingURL.start), code: pack.code, title: pack.title,
            description: TextParagraphs.split(pack.description).nonEmpty,
            badges: pack.visibilityValue == .members ? [CourseVisibility.members.label] : [], inactive: !pack.active,
            courses: ordered.enumerated().map { i, c in
                .init(position: FrenchFormat.integer(i + 1), code: c.code, title: c.title, href: req.link(to: TrainingURL.course(c.id!)),
                      duration: FrenchFormat.minutesAsHours(c.durationMinutes), price: FrenchFormat.euros(cents: c.priceCents),
                      inactive: !c.active)
            },
            totalDuration: FrenchFormat.minutesAsHours(ordered.reduce(0) { $0 + $1.durationMinutes }),
            editHref: req.link(to: TrainingURL.editPack(id)))
        return try await req.renderPage("training/pack", title: pack.title, page)
    }

    static func new(_ req: Request) async throws -> Response {
        try await renderForm(req, pack: nil, form: ["pack_visibility": CourseVisibility.public.rawValue, "pack_active": "1"],
                             errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        try await save(req, pack: nil)
    }

    static func edit(_ req: Request) async throws -> Response {
        let pack = try await loadPack(req)
        let codes = try await PackService.codes(of: pack.requireID(), on: req.db)
        return try await renderForm(req, pack: pack, form: PackInput.values(of: pack, codes: codes), errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        try await save(req, pack: try await loadPack(req))
    }

    private static func save(_ req: Request, pack: TrainingPack?) async throws -> Response {
        let user = try req.requireUser()
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in PackInput.fields { values[key] = all[key].map { String($0.prefix(5000)) } }
        let outcome: Result<TrainingPack, FormRefusal>
        switch try await PackInput.resolve(values, on: req.db) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await PackService.save(pack?.id, input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, pack: pack, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let saved):
            req.flash("Parcours \(saved.code) enregistré.")
            return req.redirect(to: TrainingURL.pack(try saved.requireID()).path, redirectType: .normal)
        }
    }

    private static func renderForm(_ req: Request, pack: TrainingPack?, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus) async throws -> Response {
        let page = PackFormPage(
            heading: pack == nil ? "Nouveau parcours" : "Modifier le parcours \(pack!.code)",
            catalogueHref: req.link(to: TrainingURL.start),
            action: pack.map { req.link(to: TrainingURL.updatePack($0.id!)) } ?? req.link(to: .training(.createPack)),
            cancelHref: pack.map { TrainingURL.pack($0.id!).path } ?? req.link(to: TrainingURL.start),
            form: form, errors: errors,
            visibilities: CourseVisibility.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["pack_visibility"]) },
            active: CourseInput.checked(form["pack_active"]), submitLabel: pack == nil ? "Ajouter le parcours" : "Enregistrer")
        return try await req.renderPage("training/pack-form", title: page.heading, page, status: status)
    }

    private static func loadPack(_ req: Request) async throws -> TrainingPack {
        guard let id = req.parameters.get("packID", as: UUID.self), let pack = try await TrainingPack.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return pack
    }
}
