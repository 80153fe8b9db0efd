import Fluent
import Foundation
import MaillageCore
import Vapor

/// Registering staff to a session, the registrations list, one registration with its convocation,
/// and cancelling (`RegistrationService`).
enum RegistrationController {
    // MARK: registering

    static func new(_ req: Request) async throws -> Response {
        let (session, course) = try await TrainingAccess.visibleSession(req)
        return try await renderNew(req, session: session, course: course, values: [:], errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let (session, course) = try await TrainingAccess.visibleSession(req)
        let user = try req.requireUser()
        let values = RegistrationForms.values(req)
        let structures = try await eligibleStructures(req, user: user, session: session)
        if RegistrationService.closedReason(session, today: today(req)) != nil {
            return try await renderNew(req, session: session, course: course, values: values, errors: FieldErrors(), status: .conflict)
        }
        let parsed = RegistrationForms.parse(values, managed: structures.map { $0.id! })
        guard parsed.errors.isEmpty, let structureID = parsed.structure,
              let structure = structures.first(where: { $0.id == structureID }) else {
            return try await renderNew(req, session: session, course: course, values: values, errors: parsed.errors, status: .unprocessableEntity)
        }
        try await req.authorize(structure)
        let actor = RegistrationService.Actor(user: user, parties: try await req.parties(to: structure))
        do {
            let outcome = try await RegistrationService.register(session: session.requireID(), structure: structureID, trainees: parsed.trainees,
                                                                 by: actor, context: context(req), on: req.db)
            req.flash(flash(outcome))
            return req.redirect(to: SiteURL.training(.registrations).path, redirectType: .normal)
        } catch let refusal as RegistrationService.Refusal {
            switch refusal {
            case .invalid(let fields):
                var errors = FieldErrors()
                for item in fields.summary { errors.add(RegistrationForms.formField(item.field, rows: parsed.rows), item.message) }
                return try await renderNew(req, session: session, course: course, values: values, errors: errors, status: .unprocessableEntity)
            case .closed, .wrongState:
                return try await renderNew(req, session: session, course: course, values: values, errors: FieldErrors(), status: .conflict)
            case .notPermitted: throw Abort(.forbidden)
            }
        }
    }

    /// « Inscription confirmée : Lou Martin. En liste d'attente : Sam Petit (1re sur la liste d'attente). »
    static func flash(_ o: RegistrationService.Outcome) -> String {
        var parts: [String] = []
        if !o.confirmed.isEmpty { parts.append("Inscription confirmée : \(o.confirmed.map(\.fullName).joined(separator: ", ")).") }
        if !o.waiting.isEmpty {
            let names = o.waiting.map { r in "\(r.fullName) (\(RegistrationService.ordinalRank(o.ranks[r.id!] ?? 1)) sur la liste d'attente)" }
            parts.append("En liste d'attente : \(names.joined(separator: ", ")).")
        }
        return parts.joined(separator: " ")
    }

    // MARK: the list

    static let columns = [ListColumn("trainee", "Stagiaire"), ListColumn("structure", "Structure"), ListColumn("course", "Formation"),
                          ListColumn("dates", "Dates"), ListColumn("status", "Statut"), ListColumn("rank", "Rang d'attente", sortable: false)]

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        // A query that is not a flat list of values (`statut[]=…`) falls back to the defaults, as every list does.
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("dates", descending: true))
        let all = try await RegistrationQueries.lines(in: RegistrationQueries.scope(of: user, on: req.db), on: req.db)
        let status = raw["statut"].flatMap(RegistrationStatus.init(rawValue:))
        let year = raw["annee"].flatMap { Int($0.prefix(4)) }.flatMap { (2000...2100).contains($0) ? $0 : nil }
        let structure = raw["structure"].flatMap { UUID(uuidString: String($0.prefix(64))) }
        var lines = all.filter { l in
            (status == nil || l.registration.statusValue == status)
                && (year == nil || l.session.firstDayValue?.year == year)
                && (structure == nil || l.registration.$structure.id == structure)
        }
        state.sort.apply(&lines) { a, b in
            let ka: FrenchSortKey, kb: FrenchSortKey
            switch state.sort.key {
            case "structure": (ka, kb) = (FrenchSortKey(a.structure), FrenchSortKey(b.structure))
            case "course": (ka, kb) = (FrenchSortKey(a.course.title), FrenchSortKey(b.course.title))
            case "status": (ka, kb) = (FrenchSortKey(a.registration.statusValue.label), FrenchSortKey(b.registration.statusValue.label))
            case "trainee": (ka, kb) = (FrenchSortKey(a.registration.lastName + " " + a.registration.firstName),
                                        FrenchSortKey(b.registration.lastName + " " + b.registration.firstName))
            default: (ka, kb) = (FrenchSortKey(a.session.firstDay), FrenchSortKey(b.session.firstDay))
            }
            if ka != kb { return ka < kb }
            return (a.session.firstDay, a.registration.position, a.registration.id!.uuidString)
                < (b.session.firstDay, b.registration.position, b.registration.id!.uuidString)
        }
        let filters: [(String, String?)] = [("statut", status?.rawValue), ("annee", year.map(String.init)), ("structure", structure?.uuidString)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("inscriptions-formation", filters: filters, on: req, format: format),
                                       headers: ["Stagiaire", "Adresse e-mail", "Poste", "Structure", "Formation", "Code", "Premier jour",
                                                 "Dernier jour", "Statut", "Rang d'attente"],
                                       rows: lines.map { l in
                                           [.text(l.registration.fullName), .text(l.registration.email), .text(l.registration.job),
                                            .text(l.structure), .text(l.course.title), .text(l.course.code),
                                            l.session.firstDayValue.map { .date($0) } ?? .empty, l.session.lastDayValue.map { .date($0) } ?? .empty,
                                            .text(l.registration.statusValue.label), l.rank.map { .integer($0) } ?? .empty]
                                       })
        }
        let list = ListView(.training(.registrations), columns: columns, state: state, filters: filters, total: lines.count,
                            exportable: true, noun: ("inscription", "inscriptions"))
        let years = Set(all.compactMap { $0.session.firstDayValue?.year }).sorted(by: >)
        var names: [UUID: String] = [:]
        for l in all { names[l.registration.$structure.id] = l.structure }
        let page = RegistrationListPage(
            intro: TrainingAccess.isTrainingAdmin(user) ? "Toutes les inscriptions aux sessions de formation."
                : "Les inscriptions de vos structures et des sessions que vous animez.",
            list: list, action: SiteURL.training(.registrations).path,
            statuses: RegistrationStatus.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            years: years.map { QuestionOption(value: String($0), label: String($0), selected: $0 == year) },
            structures: names.sorted { FrenchSortKey($0.value) < FrenchSortKey($1.value) }
                .map { QuestionOption(value: $0.key.uuidString, label: $0.value, selected: $0.key == structure) },
            rows: lines[list.range].map { l in
                .init(trainee: l.registration.fullName, href: req.link(to: TrainingURL.registration(l.registration.id!)),
                      structure: l.structure, course: "\(l.course.title) (\(l.course.code))", dates: SessionQueries.dates(l.session),
                      status: l.registration.statusValue.label, statusCode: l.registration.status,
                      rank: l.rank.map { RegistrationService.ordinalRank($0) } ?? "")
            })
        return try await req.renderPage("training/registrations", title: "Inscriptions aux formations", page)
    }

    // MARK: one registration

    static func show(_ req: Request) async throws -> Response {
        let (r, session) = try await TrainingAccess.registration(req)
        let page = try await showPage(req, r, session)
        return try await req.renderPage("training/registration", title: "Inscription de \(r.fullName)", page)
    }

    static func convocation(_ req: Request) async throws -> Response {
        let (r, session) = try await TrainingAccess.registration(req)
        let structure = try await Structure.find(r.$structure.id, on: req.db)
        let page = ConvocationPage(federation: req.application.config.federationName, trainee: r.fullName, structure: structure?.name ?? "—",
                                   status: r.statusValue.label, confirmed: r.statusValue == .confirmed,
                                   convocation: try await details(req, session), backHref: req.link(to: TrainingURL.registration(r.id!)))
        return try await req.renderPage("training/convocation", title: "Convocation de \(r.fullName)", page)
    }

    static func confirmCancel(_ req: Request) async throws -> Response {
        let (r, session) = try await TrainingAccess.registration(req)
        let id = try r.requireID()
        let course = try await TrainingCourse.find(session.$course.id, on: req.db)
        var lines = ["\(r.fullName) — \(course?.title ?? "") (\(SessionQueries.dates(session)))", "Statut : \(r.statusValue.label)"]
        if r.statusValue == .confirmed {
            lines.append("La place libérée ira à la première personne de la liste d'attente, qui sera prévenue par e-mail.")
        }
        let notice = r.statusValue.isLive ? RegistrationService.cancelClosedReason(session, parties: cancelParties(req, r), today: today(req))
            : "Cette inscription est déjà annulée."
        let page = RegistrationCancelPage(heading: "Annuler l'inscription de \(r.fullName) ?", lines: lines, notice: notice,
                                          action: notice == nil ? req.link(to: TrainingURL.cancelRegistration(id)) : nil,
                                          backHref: TrainingURL.registration(id).path)
        return try await req.renderPage("training/registration-cancel", title: "Annuler une inscription", page)
    }

    static func cancel(_ req: Request) async throws -> Response {
        let (r, _) = try await TrainingAccess.registration(req)
        let id = try r.requireID()
        let user = try req.requireUser()
        let actor = RegistrationService.Actor(user: user, parties: cancelParties(req, r))
        do {
            let (cancelled, promoted) = try await RegistrationService.cancel(registration: id, by: actor, context: context(req), on: req.db)
            var message = "Inscription de \(cancelled.fullName) annulée."
            // Only the trainees of the person's own structures are named (training admins: all).
            let named = TrainingAccess.isTrainingAdmin(user) ? promoted
                : promoted.filter { user.managedStructureIDs.contains($0.$structure.id) }
            if !named.isEmpty { message += " " + named.map(\.fullName).joined(separator: ", ") + " quitte la liste d'attente et obtient la place." }
            else if !promoted.isEmpty { message += " La place est libérée : la première personne de la liste d'attente obtient la place et en est prévenue par e-mail." }
            req.flash(message)
            return req.redirect(to: TrainingURL.registration(id).path, redirectType: .normal)
        } catch let refusal as RegistrationService.Refusal {
            if case .notPermitted = refusal { throw Abort(.forbidden) }
            throw Abort(.conflict, reason: refusal.message)
        }
    }

    // MARK: parts

    static func context(_ req: Request) -> RegistrationService.Context {
        .init(now: req.services.clock.now, baseURL: req.application.config.baseURL, outbox: req.services.outbox)
    }

    static func today(_ req: Request) -> Day { Day.today(now: req.services.clock.now) }

    /// What the signed-in person is to a registration for cancelling it.
    static func cancelParties(_ req: Request, _ r: TrainingRegistration) -> Set<Party> {
        guard let user = req.currentUser else { return [] }
        var parties: Set<Party> = []
        if TrainingAccess.isTrainingAdmin(user) { parties.insert(.trainingAdmin) }
        if user.has(.memberManager), user.managedStructureIDs.contains(r.$structure.id) { parties.insert(.manager) }
        return parties
    }

    /// The structures the person may register for this session: those they manage (an intra
    /// session: its structure only), by name.
    static func eligibleStructures(_ req: Request, user: CurrentUser, session: TrainingSession) async throws -> [Structure] {
        var ids = user.managedStructureIDs
        if session.kindValue == .intra { ids = ids.filter { $0 == session.$structure.id } }
        guard !ids.isEmpty else { return [] }
        return try await Structure.query(on: req.db).filter(\.$id ~~ Array(ids)).all()
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
    }
}
