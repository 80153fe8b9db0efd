import Fluent
import Foundation
import MaillageCore
import Vapor

/// A course of the catalogue: its page (members-only: sign in, or 404 without a role) and its
/// editor (training admins), through `CourseService`.
enum CourseController {
    static func show(_ req: Request) async throws -> Response {
        let course = try await visibleCourse(req)
        let id = try course.requireID()
        let today = Day.today(now: req.services.clock.now)
        let coming = try await SessionQueries.comingInter(courseIDs: [id], today: today, on: req.db)[id] ?? []
        let packIDs = try await TrainingPackCourse.query(on: req.db).filter(\.$course.$id == id).all().map(\.$pack.id)
        let packs = packIDs.isEmpty ? [] : try await TrainingPack.query(on: req.db).filter(\.$id ~~ packIDs).filter(\.$active == true).all()
            .filter { TrainingAccess.sees($0.visibilityValue, req.currentUser) }
            .sorted { FrenchSortKey($0.title) < FrenchSortKey($1.title) }
        let page = CoursePage(
            catalogueHref: req.link(to: TrainingURL.start), code: course.code, title: course.title, theme: course.themeValue.label,
            badges: CoursePage.badges(course, year: today.year), inactive: !course.active,
            objectives: TextParagraphs.split(course.objectives), prerequisites: TextParagraphs.split(course.prerequisites).nonEmpty,
            audience: TextParagraphs.split(course.audience).nonEmpty, facts: CoursePage.facts(course),
            sessions: coming.map { line($0, req) }.nonEmpty,
            packs: packs.map { .init(title: $0.title, href: req.link(to: TrainingURL.pack($0.id!))) }.nonEmpty,
            editHref: req.link(to: TrainingURL.editCourse(id)),
            newSessionHref: req.link(to: .training(.newSession), query: ["cours": id.uuidString]))
        return try await req.renderPage("training/course", title: course.title, page)
    }

    static func line(_ c: SessionQueries.Coming, _ req: Request) -> ComingSessionLine {
        ComingSessionLine(dates: SessionQueries.dates(c.session), place: CoursePage.place(c.session),
                          seats: SessionQueries.seats(c.seatsLeft, waiting: c.waiting), full: c.seatsLeft == 0,
                          href: req.link(to: TrainingURL.session(c.session.id!)))
    }

    // MARK: editor

    static func new(_ req: Request) async throws -> Response {
        let year = Day.today(now: req.services.clock.now).year
        let form = ["course_theme": TrainingTheme.management.rawValue, "course_format": CourseFormat.inter.rawValue,
                    "course_visibility": CourseVisibility.public.rawValue, "course_active": "1", "course_year": String(year)]
        return try await renderForm(req, course: nil, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = formValues(req)
        let outcome: Result<TrainingCourse, FormRefusal>
        switch CourseInput.parse(values) {
        case .failure(let errors): outcome = .failure(errors)
        case .success(let input): outcome = try await CourseService.create(input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, course: nil, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let course):
            req.flash("Cours \(course.code) « \(course.title) » ajouté au catalogue.")
            return req.redirect(to: TrainingURL.course(try course.requireID()).path, redirectType: .normal)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let course = try await loadCourse(req)
        return try await renderForm(req, course: course, form: CourseInput.values(of: course), errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let course = try await loadCourse(req)
        let values = formValues(req)
        let outcome: Result<TrainingCourse, FormRefusal>
        switch CourseInput.parse(values) {
        case .failure(let errors): outcome = .failure(errors)
        case .success(let input): outcome = try await CourseService.update(try course.requireID(), input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal): return try await renderForm(req, course: course, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let saved):
            req.flash("Cours \(saved.code) enregistré.")
            return req.redirect(to: TrainingURL.course(try saved.requireID()).path, redirectType: .normal)
        }
    }

    private static func renderForm(_ req: Request, course: TrainingCourse?, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus) async throws -> Response {
        let page = CourseFormPage(
            heading: course == nil ? "Nouveau cours" : "Modifier le cours \(course!.code)",
            catalogueHref: req.link(to: TrainingURL.start),
            action: course.map { req.link(to: TrainingURL.updateCourse($0.id!)) } ?? req.link(to: .training(.createCourse)),
            cancelHref: course.map { TrainingURL.course($0.id!).path } ?? req.link(to: TrainingURL.start),
            form: form, errors: errors, submitLabel: course == nil ? "Ajouter le cours" : "Enregistrer")
        return try await req.renderPage("training/course-form", title: page.heading, page, status: status)
    }

    // MARK: loading

    static func loadCourse(_ req: Request) async throws -> TrainingCourse {
        guard let id = req.parameters.get("courseID", as: UUID.self), let course = try await TrainingCourse.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return course
    }

    /// The course of the path as its page shows it: a members-only course sends a visitor to sign
    /// in and is out of sight (404) for a signed-in person holding no role.
    static func visibleCourse(_ req: Request) async throws -> TrainingCourse {
        let course = try await loadCourse(req)
        try TrainingAccess.requireVisible(course.visibilityValue, req)
        return course
    }

    private static func formValues(_ req: Request) -> [String: String] {
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in CourseInput.fields { values[key] = all[key].map { String($0.prefix(5000)) } }
        return values
    }
}
