import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Agenda records for app tests, written straight to the database with defaults.
enum AgendaFactory {
    /// A timed event on `day` from `starts` to `ends` (Paris), or an all-day one over `days`.
    @discardableResult
    static func makeEvent(on db: any Database, title: String = "Réunion des directeurs Pays de la Loire",
                          kind: EventKind = .directorsMeeting, delegationID: UUID? = nil, audience: EventAudience = .public,
                          day: Day, starts: String = "09:30", ends: String = "12:30", allDayUntil: Day? = nil,
                          status: EventStatus = .confirmed, registrationOpen: Bool = false, capacity: Int? = nil,
                          place: String? = "Nantes, salle du réseau", onlineURL: String? = nil) async throws -> AgendaEvent {
        let e = AgendaEvent()
        e.title = title
        e.kind = kind.rawValue
        e.$delegation.id = delegationID
        e.audience = audience.rawValue
        if let last = allDayUntil {
            e.allDay = true
            e.startsAt = ParisTime.instant(day, LocalTime(hour: 0, minute: 0)!)
            e.endsAt = ParisTime.instant(last.adding(days: 1), LocalTime(hour: 0, minute: 0)!)
            e.lastDay = last.iso
        } else {
            e.allDay = false
            e.startsAt = ParisTime.instant(day, LocalTime(typed: starts)!)
            e.endsAt = ParisTime.instant(day, LocalTime(typed: ends)!)
            e.lastDay = day.iso
        }
        e.firstDay = day.iso
        e.place = place
        e.onlineURL = onlineURL
        e.description = "Ordre du jour : actualités du réseau, échanges."
        e.status = status.rawValue
        e.registrationOpen = registrationOpen
        e.capacity = capacity
        e.registrationDeadline = registrationOpen ? day.adding(days: -2).iso : nil
        e.sequence = 0
        e.version = 1
        try await e.create(on: db)
        return e
    }

    @discardableResult
    static func makeRegistration(on db: any Database, event: AgendaEvent, structure: Structure, name: String = "Lou Martin",
                                 email: String = "lou.martin@exemple.fr", status: String = "confirmed") async throws -> AgendaRegistration {
        let r = AgendaRegistration()
        r.$event.id = try event.requireID()
        r.$structure.id = try structure.requireID()
        r.registeredByName = "Camille Adhérente"
        r.name = name
        r.email = email
        r.job = "Directrice"
        r.status = status
        r.createdAt = Date()
        try await r.create(on: db)
        return r
    }
}
