import Fluent
import Foundation
import MaillageCore
import Vapor

/// Sessions: the management list, the session page, the editor and the steps of
/// `SessionWorkflow`, all writes through `SessionService`.
enum SessionController {
    // MARK: page

    static func show(_ req: Request) async throws -> Response {
        let (session, course) = try await TrainingAccess.visibleSession(req)
        let page = try await SessionShow.page(req, session, course)
        return try await req.renderPage("training/session", title: "Session — \(course.title)", page)
    }

    // MARK: editor

    static func new(_ req: Request) async throws -> Response {
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        var form = ["session_kind": SessionKind.inter.rawValue, "session_capacity": "12",
                    "session_registration_days": "7", "session_cancellation_days": "3"]
        if let id = raw["cours"].flatMap(UUID.init(uuidString:)) { form["session_course"] = id.uuidString }
        if let user = req.currentUser, user.has(.trainer) { form["trainer_\(user.id.uuidString)"] = "1" }
        return try await renderForm(req, session: nil, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = SessionInput.values(from: (try? req.content.decode([String: String].self)) ?? [:])
        let trainers = try await SessionQueries.trainerAccounts(on: req.db)
        switch try await SessionInput.resolve(values, trainerAccounts: trainers, on: req.db) {
        case .failure(let refusal):
            return try await renderForm(req, session: nil, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let input):
            let session = try await SessionService.create(input, by: user, on: req.db)
            req.flash("Session programmée \(SessionQueries.dates(session)).")
            return req.redirect(to: TrainingURL.session(try session.requireID()).path, redirectType: .normal)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let (session, _) = try await TrainingAccess.runnableSession(req)
        return try await renderForm(req, session: session, form: try await storedValues(session, on: req.db), errors: FieldErrors(),
                                    status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (session, _) = try await TrainingAccess.runnableSession(req)
        let id = try session.requireID()
        let values = SessionInput.values(from: (try? req.content.decode([String: String].self)) ?? [:])
        let version = values["version"].flatMap { Int($0) }
        let trainers = try await SessionQueries.trainerAccounts(on: req.db)
        let outcome: Result<TrainingSession, SessionRefusal>
        switch try await SessionInput.resolve(values, trainerAccounts: trainers, on: req.db) {
        case .failure(let refusal): outcome = .failure(.form(refusal.errors))
        case .success(let input):
            outcome = try await SessionService.update(id, version: version, input, by: user, now: req.services.clock.now,
                                                      outbox: req.services.outbox, baseURL: req.application.config.baseURL, on: req.db)
        }
        switch outcome {
        case .success(let saved):
            req.flash("Session enregistrée.")
            return req.redirect(to: TrainingURL.session(try saved.requireID()).path, redirectType: .normal)
        case .failure(.form(let errors)):
            return try await renderForm(req, session: session, form: values, errors: errors, status: .unprocessableEntity)
        case .failure(let refusal):
            // Stale or no longer editable: the session as it is now, with the message (nothing saved).
            let current = try await TrainingSession.find(id, on: req.db) ?? session
            return try await renderForm(req, session: current, form: try await storedValues(current, on: req.db), errors: FieldErrors(),
                                        status: refusal.status, notice: refusal.message)
        }
    }

    private static func storedValues(_ s: TrainingSession, on db: any Database) async throws -> [String: String] {
        let id = try s.requireID()
        var structure: Structure?
        if let sid = s.$structure.id { structure = try await Structure.find(sid, on: db) }
        return SessionInput.values(of: s, halfDays: try await SessionQueries.halfDays(of: id, on: db),
                                   trainerIDs: Array(try await TrainingAccess.trainerIDs(of: id, on: db)), structure: structure)
    }

    private static func renderForm(_ req: Request, session: TrainingSession?, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus, notice: String? = nil) async throws -> Response {
        let courses = try await TrainingCourse.query(on: req.db).all()
            .filter { $0.active || $0.id?.uuidString == form["session_course"] }
            .sorted { (FrenchSortKey($0.title), $0.code) < (FrenchSortKey($1.title), $1.code) }
        let delegations = try await Delegation.query(on: req.db).filter(\.$validTo == nil).all()
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
        let trainers = try await SessionQueries.trainerAccounts(on: req.db)
        let id = session?.id
        let editable = session.map { $0.statusValue.takesRegistrations } ?? true
        var page = SessionFormPage(
            heading: session == nil ? "Programmer une session" : "Modifier la session",
            backHref: id.map { TrainingURL.session($0).path } ?? req.link(to: .training(.sessions)),
            action: !editable ? nil : id.map { req.link(to: TrainingURL.updateSession($0)) } ?? req.link(to: .training(.createSession)),
            cancelHref: id.map { TrainingURL.session($0).path } ?? req.link(to: .training(.sessions)),
            form: form, errors: errors,
            courses: courses.map { .init(value: $0.id!.uuidString, label: "\($0.code) — \($0.title)", selected: $0.id?.uuidString == form["session_course"]) },
            kinds: SessionKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["session_kind"]) },
            delegations: delegations.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id?.uuidString == form["session_delegation"]) },
            trainers: trainers.map { .init(field: "trainer_\($0.id.uuidString)", name: $0.name, checked: CourseInput.checked(form["trainer_\($0.id.uuidString)"])) },
            rows: SessionFormPage.rows(form, errors: errors), submitLabel: session == nil ? "Programmer la session" : "Enregistrer")
        page.version = session.map { String($0.version) }
        page.notice = notice ?? (editable ? nil : "Une session « \(session!.statusValue.label.lowercased()) » ne se modifie plus.")
        return try await req.renderPage("training/session-form", title: page.heading, page, status: status)
    }

    // MARK: steps

    static func confirmStep(_ req: Request) async throws -> Response {
        let (session, parties) = try await TrainingAccess.runnableSession(req)
        let step = try stepName(req)
        return try await renderStep(req, session, step, parties: parties, errors: FieldErrors(), reason: "", status: .ok)
    }

    static func step(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (session, parties) = try await TrainingAccess.runnableSession(req)
        let step = try stepName(req)
        let reason = String(((try? req.content.get(String.self, at: "cancel_reason")) ?? "").prefix(2000))
        let outcome = try await SessionService.step(
            step.action, id: try session.requireID(), reason: reason, parties: parties, by: user, now: req.services.clock.now,
            outbox: req.services.outbox, baseURL: req.application.config.baseURL, on: req.db)
        switch outcome {
        case .success(let saved):
            req.flash("Session \(saved.statusValue.label.lowercased()).")
            return req.redirect(to: TrainingURL.session(try saved.requireID()).path, redirectType: .normal)
        case .failure(.form(let errors)):
            return try await renderStep(req, session, step, parties: parties, errors: errors, reason: reason, status: .unprocessableEntity)
        case .failure(let refusal):
            let current = try await TrainingSession.find(session.requireID(), on: req.db) ?? session
            return try await renderStep(req, current, step, parties: parties, errors: FieldErrors(), reason: reason,
                                        status: refusal.status, notice: refusal.message)
        }
    }

    private static func stepName(_ req: Request) throws -> SessionStepName {
        guard let step = req.parameters.get("step").flatMap(SessionStepName.init(rawValue:)) else { throw Abort(.notFound) }
        return step
    }

    private static func renderStep(_ req: Request, _ session: TrainingSession, _ step: SessionStepName, parties: Set<Party>,
                                   errors: FieldErrors, reason: String, status: HTTPStatus, notice: String? = nil) async throws -> Response {
        let id = try session.requireID()
        let course = try await TrainingCourse.find(session.$course.id, on: req.db)
        let counts = try await SessionQueries.counts(of: [id], on: req.db)[id] ?? (0, 0)
        let possible = SessionWorkflow.table.actions(from: session.statusValue, by: parties).contains(step.action)
        var why = notice
        if why == nil, !possible {
            why = SessionWorkflow.table.transition(step.action).by.isDisjoint(with: parties)
                ? "Seule l'administration de la formation peut faire cette étape."
                : "Cette étape n'est pas possible sur une session « \(session.statusValue.label.lowercased()) »."
        }
        var page = SessionStepPage(
            heading: SessionStepPage.heading(step), courseTitle: course?.title ?? "", dates: SessionQueries.dates(session),
            status: session.statusValue.label,
            consequences: SessionStepPage.consequences(step, registered: counts.confirmed, waiting: counts.waiting),
            action: possible ? req.link(to: TrainingURL.sessionStep(id, step)) : nil, button: SessionStepPage.button(step),
            asksReason: step == .cancel, reason: reason, errors: errors, backHref: req.link(to: TrainingURL.session(id)))
        page.notice = why
        return try await req.renderPage("training/session-step", title: page.heading, page, status: status)
    }
}
