import Fluent
import Foundation
import MaillageCore
import Vapor

/// Registering people to an event (member managers, for their structures), the registrants list
/// (the event's writers) and a registration's cancellation (its structure's managers only).
enum AgendaRegistrationController {
    static func new(_ req: Request) async throws -> Response {
        let event = try await AgendaAccess.visibleEvent(req)
        return try await render(req, event, values: [:], errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await AgendaAccess.visibleEvent(req)
        let today = Day.today(now: req.services.clock.now)
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        let values = all.filter { $0.key.hasPrefix("reg_") }.mapValues { String($0.prefix(300)) }
        if let closed = AgendaService.closedReason(event, today: today) {
            var errors = FieldErrors()
            errors.add("reg_structure", closed)
            return try await render(req, event, values: values, errors: errors, status: .conflict)
        }
        switch RegistrationForm.parse(values, structures: user.managedStructureIDs) {
        case .failure(let errors):
            return try await render(req, event, values: values, errors: errors, status: .unprocessableEntity)
        case .success(let (structureID, people)):
            switch try await AgendaService.register(eventID: try event.requireID(), structureID: structureID, people: people, by: user,
                                                    today: today, now: req.services.clock.now, outbox: req.services.outbox, on: req.db) {
            case .failure(.form(let errors)):
                return try await render(req, event, values: values, errors: errors, status: .conflict)
            case .failure(let refusal):
                var errors = FieldErrors()
                errors.add("reg_structure", refusal.message)
                return try await render(req, event, values: values, errors: errors, status: .conflict)
            case .success(let created):
                req.flash(FrenchFormat.plural(created.count, "personne inscrite", "personnes inscrites") + " à « \(event.title) ».")
                return req.redirect(to: AgendaURL.register(try event.requireID()).path, redirectType: .normal)
            }
        }
    }

    static let columns = [
        ListColumn("nom", "Nom"), ListColumn("email", "Adresse e-mail"), ListColumn("fonction", "Fonction"),
        ListColumn("structure", "Structure"), ListColumn("statut", "Statut"), ListColumn("date", "Inscrit le"),
    ]

    static func registrants(_ req: Request) async throws -> Response {
        let event = try await AgendaAccess.writableEvent(req)
        let id = try event.requireID()
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("nom"))
        let regs = try await AgendaRegistration.query(on: req.db).filter(\.$event.$id == id).with(\.$structure).all()
        // Each row keeps its stored instant: the « date » sort compares instants, never the formatted text.
        var rows = regs.map { r in
            (row: RegistrantsPage.Row(name: r.name, email: r.email, job: r.job ?? "", structure: r.structure.name,
                                      status: r.statusValue.label, date: FrenchFormat.dateTime(r.createdAt)), at: r.createdAt)
        }
        let key: (RegistrantsPage.Row) -> [FrenchSortKey] = { r in
            switch state.sort.key {
            case "email": [FrenchSortKey(r.email), FrenchSortKey(r.name)]
            case "fonction": [FrenchSortKey(r.job), FrenchSortKey(r.name)]
            case "structure": [FrenchSortKey(r.structure), FrenchSortKey(r.name)]
            case "statut": [FrenchSortKey(r.status), FrenchSortKey(r.name)]
            default: [FrenchSortKey(r.name), FrenchSortKey(r.email)]
            }
        }
        state.sort.apply(&rows) { a, b in
            if state.sort.key == "date", a.at != b.at { return a.at < b.at }
            for (x, y) in zip(key(a.row), key(b.row)) where x != y { return x < y }
            return a.row.email < b.row.email
        }
        if let format = state.format {
            let local = rows.map { ParisTime.local($0.at) }
            return ListExport.response(format, name: ListView.fileName("inscrits-" + event.title, filters: [], on: req, format: format),
                                       headers: columns.map(\.label) + ["Heure d'inscription"],
                                       rows: zip(rows, local).map { r, t in
                                           [.text(r.row.name), .text(r.row.email), .text(r.row.job), .text(r.row.structure),
                                            .text(r.row.status), .date(t.day), .text(t.time.description)]
                                       },
                                       sheet: "Inscrits")
        }
        let list = ListView(AgendaURL.registrants(id), columns: columns, state: state, filters: [], total: rows.count,
                            exportable: true, noun: ("inscription", "inscriptions"))
        let live = FrenchFormat.plural(regs.filter(\.isLive).count, "personne inscrite", "personnes inscrites")
        let page = RegistrantsPage(title: event.title, eventHref: AgendaURL.event(id).path,
                                   seats: event.capacity.map { "\(live) sur \(FrenchFormat.plural($0, "place", "places"))" } ?? "\(live), sans limite de places",
                                   list: list, rows: rows[list.range].map(\.row))
        return try await req.renderPage("agenda/registrants", title: "Inscrits : \(event.title)", page)
    }

    /// Only a manager of the registration's structure: 404 for anyone else.
    static func cancel(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("eventRegistrationID", as: UUID.self),
              let r = try await AgendaRegistration.find(id, on: req.db),
              user.managedStructureIDs.contains(r.$structure.id) else { throw Abort(.notFound) }
        if let refusal = try await AgendaService.cancelRegistration(r, by: user, today: Day.today(now: req.services.clock.now),
                                                                   now: req.services.clock.now, on: req.db) {
            // Refused (deadline passed, event cancelled…): the event's page with the reason in French (409).
            guard let event = try await AgendaEvent.find(r.$event.id, on: req.db) else { throw Abort(.notFound) }
            return try await AgendaEventController.render(req, event, refusal: refusal, status: .conflict)
        }
        req.flash("Inscription de \(r.name) annulée.")
        return req.redirect(to: AgendaURL.register(r.$event.id).path, redirectType: .normal)
    }

    // MARK: rendering

    static func render(_ req: Request, _ e: AgendaEvent, values: [String: String], errors: FieldErrors,
                       status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let id = try e.requireID()
        let today = Day.today(now: req.services.clock.now)
        let managed = Array(user.managedStructureIDs)
        let structures = managed.isEmpty ? [] : try await Structure.query(on: req.db).filter(\.$id ~~ managed).all()
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
        let chosen = values["reg_structure"] ?? (structures.count == 1 ? structures[0].id?.uuidString ?? "" : "")
        let existing = managed.isEmpty ? [] : try await AgendaRegistration.query(on: req.db).filter(\.$event.$id == id)
            .filter(\.$structure.$id ~~ managed).filter(\.$status == AgendaRegistrationStatus.confirmed.rawValue).with(\.$structure).all()
        let taken = try await AgendaQueries.seatsTaken(id, on: req.db)
        let left = max(0, (e.capacity ?? 0) - taken)
        let closed = AgendaService.closedReason(e, today: today)
        let page = EventRegistrationPage(
            title: e.title, eventHref: AgendaURL.event(id).path,
            when: AgendaDates.span(allDay: e.allDay, first: e.firstDayValue, last: e.lastDayValue, startsAt: e.startsAt, endsAt: e.endsAt),
            seats: left == 0 ? "Complet" : FrenchFormat.plural(left, "place restante", "places restantes"),
            closed: closed, action: closed == nil ? AgendaURL.createRegistration(id).path : nil,
            structures: structures.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) },
            people: (1...RegistrationForm.rows).map { i in
                .init(index: i, name: values["reg_name_\(i)"] ?? "", email: values["reg_email_\(i)"] ?? "", job: values["reg_job_\(i)"] ?? "",
                      nameError: errors["reg_name_\(i)"], emailError: errors["reg_email_\(i)"], jobError: errors["reg_job_\(i)"])
            },
            errors: errors,
            existing: existing.sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }.map {
                .init(name: $0.name, email: $0.email, structure: $0.structure.name,
                      cancelAction: closed == nil ? AgendaURL.cancelRegistration($0.id!).path : nil)
            }.nonEmpty)
        return try await req.renderPage("agenda/register", title: "Inscription : \(e.title)", page, status: status)
    }
}
