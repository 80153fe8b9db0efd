import Fluent
import Foundation
import MaillageCore
import Vapor

/// One event: its page, its .ics, the form (new, edit) and its cancellation (`AgendaService`).
enum AgendaEventController {
    static func show(_ req: Request) async throws -> Response {
        try await render(req, try await AgendaAccess.visibleEvent(req), refusal: nil, status: .ok)
    }

    /// The one-event calendar of « Ajouter à mon agenda ».
    static func ics(_ req: Request) async throws -> Response {
        let event = try await AgendaAccess.visibleEvent(req)
        let name = try await delegationName(event, on: req)
        let body = ICalendar.calendar(name: event.title, events: [
            AgendaQueries.item(event).calendarEvent(baseURL: req.application.config.baseURL, delegationName: name),
        ])
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: ICalendar.contentType)
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"evenement.ics\"")
        return res
    }

    static func new(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        var form = ["event_kind": EventKind.directorsMeeting.rawValue, "event_audience": EventAudience.public.rawValue]
        if !user.isNationalAdmin, let d = user.delegatedDelegationIDs.first, let code = try await req.networkMap().delegation(id: d)?.code {
            form["event_delegation"] = code
        }
        return try await renderForm(req, event: nil, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = try formValues(req)
        switch EventForm.parse(values, delegations: try await choosable(req), nationalAllowed: user.isNationalAdmin) {
        case .failure(let errors):
            return try await renderForm(req, event: nil, form: values, errors: errors, status: .unprocessableEntity)
        case .success(let input):
            let event = try await AgendaService.create(input, by: user, on: req.db)
            req.flash("Événement « \(event.title) » enregistré.")
            return req.redirect(to: AgendaURL.event(try event.requireID()).path, redirectType: .normal)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let event = try await AgendaAccess.writableEvent(req)
        let code = try await delegationCode(event, on: req)
        return try await renderForm(req, event: event, form: EventForm.values(event, delegationCode: code), errors: FieldErrors(),
                                    version: event.version, status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await AgendaAccess.writableEvent(req)
        let values = try formValues(req)
        let version = postedVersion(req)
        switch EventForm.parse(values, delegations: try await choosable(req), nationalAllowed: user.isNationalAdmin) {
        case .failure(let errors):
            return try await renderForm(req, event: event, form: values, errors: errors, version: version, status: .unprocessableEntity)
        case .success(let input):
            switch try await AgendaService.update(try event.requireID(), version: version, input, by: user, on: req.db) {
            case .failure(let refusal):
                let fresh = try await AgendaEvent.find(event.id, on: req.db) ?? event
                return try await render(req, fresh, refusal: refusal.message, status: .conflict)
            case .success(let saved):
                req.flash("Événement « \(saved.title) » mis à jour.")
                return req.redirect(to: AgendaURL.event(try saved.requireID()).path, redirectType: .normal)
            }
        }
    }

    static func confirmCancel(_ req: Request) async throws -> Response {
        let event = try await AgendaAccess.writableEvent(req)
        let id = try event.requireID()
        if event.statusValue == .cancelled {
            return try await render(req, event, refusal: "Cet événement est déjà annulé.", status: .ok)
        }
        let count = try await AgendaQueries.seatsTaken(id, on: req.db)
        return try await ConfirmPage.render(
            req, heading: "Annuler « \(event.title) » ?",
            message: "L'événement restera dans l'agenda et dans les abonnements, marqué « Annulé ». "
                + (count > 0 ? "\(FrenchFormat.plural(count, "personne inscrite recevra", "personnes inscrites recevront")) un courriel. " : "")
                + "Cette annulation ne peut pas être défaite.",
            action: AgendaURL.cancelEvent(id).path + "?version=\(event.version)", confirmLabel: "Annuler l'événement",
            cancel: AgendaURL.event(id).path)
    }

    static func cancel(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await AgendaAccess.writableEvent(req)
        let version = (try? req.query.get(Int.self, at: "version")) ?? postedVersion(req)
        switch try await AgendaService.cancel(try event.requireID(), version: version, by: user, outbox: req.services.outbox, on: req.db) {
        case .failure(let refusal):
            let fresh = try await AgendaEvent.find(event.id, on: req.db) ?? event
            return try await render(req, fresh, refusal: refusal.message, status: .conflict)
        case .success(let saved):
            req.flash("Événement « \(saved.title) » annulé.")
            return req.redirect(to: AgendaURL.event(try saved.requireID()).path, redirectType: .normal)
        }
    }

    // MARK: rendering

    static func render(_ req: Request, _ e: AgendaEvent, refusal: String?, status: HTTPStatus) async throws -> Response {
        let id = try e.requireID()
        let writes = AgendaAccess.writes(delegationID: e.$delegation.id, req.currentUser)
        let today = Day.today(now: req.services.clock.now)
        var registration: EventPage.Registration?
        if e.registrationOpen {
            let left = max(0, (e.capacity ?? 0) - (try await AgendaQueries.seatsTaken(id, on: req.db)))
            let closed = AgendaService.closedReason(e, today: today)
            registration = .init(
                seats: left == 0 ? "Complet" : FrenchFormat.plural(left, "place restante", "places restantes")
                    + " sur \(FrenchFormat.integer(e.capacity ?? 0))",
                deadline: e.registrationDeadline.map { "Inscriptions jusqu'au \(AgendaDates.long(Day(iso: $0)!))" },
                closed: closed, registerHref: req.link(to: AgendaURL.register(id)))
        }
        let first = e.firstDayValue, last = e.lastDayValue
        var page = EventPage(
            title: e.title, kind: e.kindValue.label, scope: try await delegationName(e, on: req) ?? "National",
            audience: e.audienceValue == .public ? nil : "Réservé : \(e.audienceValue.label.lowercased())",
            when: AgendaDates.span(allDay: e.allDay, first: first, last: last, startsAt: e.startsAt, endsAt: e.endsAt),
            cancelled: e.statusValue == .cancelled, place: e.place, address: e.address, onlineURL: e.onlineURL,
            paragraphs: TextParagraphs.split(e.description).nonEmpty, icsHref: AgendaURL.eventICS(id).path,
            registration: registration,
            editHref: writes && e.statusValue != .cancelled ? req.link(to: AgendaURL.editEvent(id)) : nil,
            cancelHref: writes && e.statusValue != .cancelled ? req.link(to: AgendaURL.confirmCancelEvent(id)) : nil,
            registrantsHref: writes && e.registrationOpen ? req.link(to: AgendaURL.registrants(id)) : nil,
            agendaHref: AgendaURL.start.path)
        page.refusal = refusal
        return try await req.renderPage("agenda/event", title: e.title, page, status: status)
    }

    static func renderForm(_ req: Request, event: AgendaEvent?, form: [String: String], errors: FieldErrors, version: Int? = nil,
                           status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let chosen = form["event_delegation"] ?? ""
        var delegations: [AgendaOption] = []
        if user.isNationalAdmin { delegations.append(.init(value: "national", label: "National", selected: chosen == "national" || chosen.isEmpty)) }
        for d in map.delegations where user.isNationalAdmin || user.delegatedDelegationIDs.contains(d.delegationID) {
            delegations.append(.init(value: d.code, label: d.name, selected: d.code == chosen))
        }
        let page = EventFormPage(
            heading: event == nil ? "Nouvel événement" : "Modifier l'événement",
            action: event.map { AgendaURL.updateEvent($0.id!).path } ?? SiteURL.agenda(.createEvent).path,
            cancelHref: event.map { AgendaURL.event($0.id!).path } ?? AgendaURL.start.path,
            form: form, errors: errors,
            kinds: EventKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["event_kind"]) },
            delegations: delegations,
            audiences: EventAudience.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["event_audience"]) },
            version: version.map(String.init) ?? (event == nil ? nil : ""), allDay: form["event_all_day"] == "1",
            registrationOpen: form["event_registration_open"] == "1")
        return try await req.renderPage("agenda/event-form", title: page.heading, page, status: status)
    }

    // MARK: helpers

    /// Code → id of the delegations the person may put an event in.
    static func choosable(_ req: Request) async throws -> [String: UUID] {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        return Dictionary(map.delegations.filter { user.isNationalAdmin || user.delegatedDelegationIDs.contains($0.delegationID) }
            .map { ($0.code, $0.delegationID) }, uniquingKeysWith: { a, _ in a })
    }

    static func delegationName(_ e: AgendaEvent, on req: Request) async throws -> String? {
        guard let id = e.$delegation.id else { return nil }
        if let entry = try await req.networkMap().delegation(id: id) { return entry.name }
        return try await Delegation.find(id, on: req.db)?.name
    }

    static func delegationCode(_ e: AgendaEvent, on req: Request) async throws -> String? {
        guard let id = e.$delegation.id else { return nil }
        if let entry = try await req.networkMap().delegation(id: id) { return entry.code }
        return try await Delegation.find(id, on: req.db)?.code
    }

    static func formValues(_ req: Request) throws -> [String: String] {
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in EventForm.fields { values[key] = all[key].map { String($0.prefix(6000)) } }
        return values
    }

    static func postedVersion(_ req: Request) -> Int? {
        (try? req.content.get(String.self, at: "version")).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
