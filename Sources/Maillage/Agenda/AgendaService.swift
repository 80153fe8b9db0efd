import Fluent
import Foundation
import MaillageCore
import Vapor

/// Why a step on an event was refused.
enum AgendaRefusal: Error, Sendable {
    /// The form was read before someone else's save (409).
    case stale
    /// The event is cancelled: nothing more to do on it (409).
    case cancelled
    /// Registration problems, by field (422).
    case form(FieldErrors)

    var message: String {
        switch self {
        case .stale: "Cet événement a été modifié entre-temps par quelqu'un d'autre : voici sa version actuelle. Reprenez votre modification."
        case .cancelled: "Cet événement est annulé."
        case .form: "Le formulaire contient des erreurs."
        }
    }
}

/// The agenda's steps. Each one is one `writeTransaction`: the event (and its sequence and version),
/// its audit entry, its outbox messages and the agenda's cache version (the feeds' ETag) together.
enum AgendaService {
    static let entity = "agenda.event"
    static let registrationEntity = "agenda.registration"

    static func create(_ input: EventInput, by actor: CurrentUser, on db: any Database) async throws -> AgendaEvent {
        try await db.writeTransaction { tx in
            let e = AgendaEvent()
            apply(input, to: e)
            e.status = EventStatus.confirmed.rawValue
            e.sequence = 0
            e.version = 1
            e.createdBy = actor.id
            try await e.create(on: tx)
            try await Audit.record(.create, entity, id: e.id!.uuidString, summary: "Événement créé : \(e.title)",
                                   after: snapshot(e), actor: actor, on: tx)
            _ = try await CacheVersions.bump(.agenda, on: tx)
            return e
        }
    }

    static func update(_ id: UUID, version: Int?, _ input: EventInput, by actor: CurrentUser,
                       on db: any Database) async throws -> Result<AgendaEvent, AgendaRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(AgendaEvent.schema, id, on: tx)
            guard let e = try await AgendaEvent.find(id, on: tx) else { throw Abort(.notFound) }
            guard version == e.version else { return .failure(.stale) }
            guard e.statusValue != .cancelled else { return .failure(.cancelled) }
            let before = snapshot(e)
            apply(input, to: e)
            e.sequence += 1
            e.version += 1
            try await e.save(on: tx)
            try await Audit.record(.update, entity, id: id.uuidString, summary: "Événement modifié : \(e.title)",
                                   before: before, after: snapshot(e), actor: actor, on: tx)
            _ = try await CacheVersions.bump(.agenda, on: tx)
            return .success(e)
        }
    }

    /// Cancels the event: it stays in the agenda and its feeds (STATUS:CANCELLED), each person
    /// registered gets a message.
    static func cancel(_ id: UUID, version: Int?, by actor: CurrentUser, outbox: Outbox,
                       on db: any Database) async throws -> Result<AgendaEvent, AgendaRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(AgendaEvent.schema, id, on: tx)
            guard let e = try await AgendaEvent.find(id, on: tx) else { throw Abort(.notFound) }
            // Like an update, a cancellation names the version it was confirmed on: none is stale.
            guard version == e.version else { return .failure(.stale) }
            guard e.statusValue != .cancelled else { return .failure(.cancelled) }
            let before = snapshot(e)
            e.status = EventStatus.cancelled.rawValue
            e.sequence += 1
            e.version += 1
            try await e.save(on: tx)
            try await Audit.record(.update, entity, id: id.uuidString, summary: "Événement annulé : \(e.title)",
                                   before: before, after: snapshot(e), actor: actor, on: tx)
            let people = try await AgendaRegistration.query(on: tx).filter(\.$event.$id == id)
                .filter(\.$status == AgendaRegistrationStatus.confirmed.rawValue).all()
            let when = AgendaDates.span(allDay: e.allDay, first: e.firstDayValue, last: e.lastDayValue, startsAt: e.startsAt, endsAt: e.endsAt)
            try await outbox.queue(to: people.map(\.email), subject: "Événement annulé : \(e.title)",
                                   body: "Bonjour,\n\nL'événement « \(e.title) » prévu \(when) est annulé.\n\nVotre inscription n'a plus d'objet.",
                                   on: tx)
            _ = try await CacheVersions.bump(.agenda, on: tx)
            return .success(e)
        }
    }

    /// Registers people of one structure. The event row is locked (PostgreSQL; SQLite writes one
    /// transaction at a time) before the seats are counted: never over capacity.
    static func register(eventID: UUID, structureID: UUID, people: [EventPerson], by actor: CurrentUser, today: Day, now: Date = Date(),
                         outbox: Outbox, on db: any Database) async throws -> Result<[AgendaRegistration], AgendaRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(AgendaEvent.schema, eventID, on: tx)
            guard let e = try await AgendaEvent.find(eventID, on: tx) else { throw Abort(.notFound) }
            if let problem = closedReason(e, today: today) {
                var errors = FieldErrors()
                errors.add("reg_structure", problem)
                return .failure(.form(errors))
            }
            let taken = try await AgendaQueries.seatsTaken(eventID, on: tx)
            let left = (e.capacity ?? 0) - taken
            guard people.count <= left else {
                var errors = FieldErrors()
                errors.add("reg_name_1", left <= 0 ? "Il ne reste plus de place pour cet événement."
                    : "Il ne reste que \(FrenchFormat.plural(left, "place", "places")) : inscrivez moins de personnes.")
                return .failure(.form(errors))
            }
            var created: [AgendaRegistration] = []
            for p in people {
                let r = AgendaRegistration()
                r.$event.id = eventID
                r.$structure.id = structureID
                r.registeredBy = actor.id
                r.registeredByName = actor.displayName
                r.name = p.name
                r.email = p.email
                r.job = p.job
                r.status = AgendaRegistrationStatus.confirmed.rawValue
                r.createdAt = now
                try await r.create(on: tx)
                created.append(r)
                try await Audit.record(.create, registrationEntity, id: r.id!.uuidString,
                                       summary: "Inscription à « \(e.title) » : \(p.name)",
                                       after: ["evenement": e.title, "structure": structureID.uuidString, "nom": p.name,
                                               "statut": AgendaRegistrationStatus.confirmed.rawValue],
                                       actor: actor, on: tx)
            }
            let when = AgendaDates.span(allDay: e.allDay, first: e.firstDayValue, last: e.lastDayValue, startsAt: e.startsAt, endsAt: e.endsAt)
            let names = people.map(\.name).joined(separator: ", ")
            try await outbox.queue(to: [actor.email] + people.map(\.email),
                                   subject: "Inscription confirmée : \(e.title) (\(e.firstDayValue.french))",
                                   body: "Bonjour,\n\nInscription confirmée à « \(e.title) », \(when).\nPersonnes inscrites : \(names).",
                                   on: tx)
            return .success(created)
        }
    }

    /// Why an event takes no registration now, nil when it does.
    static func closedReason(_ e: AgendaEvent, today: Day) -> String? {
        if e.statusValue == .cancelled { return "Cet événement est annulé : il ne prend plus d'inscription." }
        if !e.registrationOpen { return "Cet événement ne prend pas d'inscription." }
        if let d = e.registrationDeadline.flatMap(Day.init(iso:)), today > d { return "Les inscriptions sont closes depuis le \(d.french)." }
        if today > e.lastDayValue { return "Cet événement est passé." }
        return nil
    }

    /// Cancels one registration while the event still takes registrations (the page offers it
    /// only then); answers why not otherwise (409), nil when done or already cancelled.
    static func cancelRegistration(_ r: AgendaRegistration, by actor: CurrentUser, today: Day, now: Date,
                                   on db: any Database) async throws -> String? {
        try await db.writeTransaction { tx in
            try await RowLock.lock(AgendaEvent.schema, r.$event.id, on: tx)
            guard let fresh = try await AgendaRegistration.find(r.id, on: tx), fresh.isLive else { return nil }
            guard let e = try await AgendaEvent.find(r.$event.id, on: tx) else { throw Abort(.notFound) }
            if let closed = closedReason(e, today: today) { return closed + " L'inscription ne peut plus être annulée ici." }
            fresh.status = AgendaRegistrationStatus.cancelled.rawValue
            fresh.cancelledAt = now
            try await fresh.save(on: tx)
            try await Audit.record(.update, registrationEntity, id: fresh.id!.uuidString,
                                   summary: "Inscription annulée : \(fresh.name)", before: ["statut": AgendaRegistrationStatus.confirmed.rawValue],
                                   after: ["statut": AgendaRegistrationStatus.cancelled.rawValue], actor: actor, on: tx)
            return nil
        }
    }

    /// The person's feed token, made on first use. Two first visits at once (two tabs): the second
    /// insert meets the unique user_id and reads the first one's token.
    static func feedToken(for userID: UUID, on db: any Database) async throws -> CalendarFeedToken {
        if let t = try await CalendarFeedToken.query(on: db).filter(\.$userID == userID).first() { return t }
        let t = CalendarFeedToken(userID: userID, token: SecretToken.generate(), at: Date())
        do {
            try await t.create(on: db)
            return t
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let other = try await CalendarFeedToken.query(on: db).filter(\.$userID == userID).first() else { throw error }
            return other
        }
    }

    /// A new token: the old URL answers 404 from now on.
    static func resetFeedToken(for actor: CurrentUser, on db: any Database) async throws -> CalendarFeedToken {
        try await db.writeTransaction { tx in
            try await CalendarFeedToken.query(on: tx).filter(\.$userID == actor.id).delete()
            let t = CalendarFeedToken(userID: actor.id, token: SecretToken.generate(), at: Date())
            try await t.create(on: tx)
            try await Audit.record(.update, "agenda.feed", id: actor.id.uuidString, summary: "Adresse d'abonnement personnelle renouvelée",
                                   actor: actor, on: tx)
            return t
        }
    }

    private static func apply(_ input: EventInput, to e: AgendaEvent) {
        e.title = input.title
        e.kind = input.kind.rawValue
        e.$delegation.id = input.delegationID
        e.audience = input.audience.rawValue
        e.allDay = input.allDay
        e.startsAt = input.startsAt
        e.endsAt = input.endsAt
        e.firstDay = input.firstDay.iso
        e.lastDay = input.lastDay.iso
        e.place = input.place
        e.address = input.address
        e.onlineURL = input.onlineURL
        e.description = input.description
        e.registrationOpen = input.registrationOpen
        e.capacity = input.registrationOpen ? input.capacity : nil
        e.registrationDeadline = input.registrationOpen ? input.deadline?.iso : nil
    }

    /// The journal's view of an event: French keys, labelled and read by `AgendaAudit`.
    static func snapshot(_ e: AgendaEvent) -> [String: String] {
        var s = ["titre": e.title, "type": e.kind, "public": e.audience, "statut": e.status,
                 "premier_jour": e.firstDay, "dernier_jour": e.lastDay, "revision": String(e.sequence)]
        s["delegation"] = e.$delegation.id?.uuidString
        if !e.allDay { s["horaires"] = AgendaDates.hours(allDay: false, startsAt: e.startsAt, endsAt: e.endsAt) }
        s["lieu"] = e.place
        s["lien"] = e.onlineURL
        s["places"] = e.capacity.map(String.init)
        s["date_limite"] = e.registrationDeadline
        return s
    }
}
