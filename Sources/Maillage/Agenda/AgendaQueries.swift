import Fluent
import Foundation
import MaillageCore

/// One line of the agenda: an event, or an inter training session shown as « Formation ».
/// Pages, the month view and every feed are built from these.
struct AgendaItem: Sendable {
    enum Source: Sendable { case event(UUID), session(UUID) }

    let source: Source
    let uid: String
    let title: String
    /// `EventKind` raw value, or `EventKind.trainingKey`.
    let kindKey: String
    let kindLabel: String
    let delegationID: UUID?
    let audience: EventAudience
    let allDay: Bool
    let startsAt: Date
    let endsAt: Date
    let firstDay: Day
    let lastDay: Day
    let place: String?
    let address: String?
    let onlineURL: String?
    let description: String
    let cancelled: Bool
    let sequence: Int
    let updatedAt: Date

    /// The page of the item.
    var url: SiteURL {
        switch source {
        case .event(let id): AgendaURL.event(id)
        case .session(let id): TrainingURL.session(id)
        }
    }

    /// The iCalendar form of the item (`ICalendar.calendar`), with the absolute link to its page.
    func calendarEvent(baseURL: String, delegationName: String?) -> CalendarEvent {
        let when: CalendarEvent.When = allDay ? .allDay(first: firstDay, last: lastDay) : .timed(start: startsAt, end: endsAt)
        let location = [place, address].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ", ")
        var text = description
        if let onlineURL, !onlineURL.isEmpty { text += (text.isEmpty ? "" : "\n\n") + "En ligne : " + onlineURL }
        return CalendarEvent(uid: uid, sequence: sequence, stamp: updatedAt, lastModified: updatedAt, when: when,
                             summary: cancelled ? "Annulé : " + title : title, description: text.isEmpty ? nil : text,
                             location: location.isEmpty ? (onlineURL == nil ? nil : "En ligne") : location,
                             url: baseURL + url.path, status: cancelled ? .cancelled : .confirmed,
                             categories: [kindLabel, delegationName ?? "National"])
    }
}

/// What a list, a month or a feed asks for.
struct AgendaSelection: Sendable {
    var audiences: Set<EventAudience>
    /// Items whose last day is on or after this day.
    var from: Day?
    /// Items whose first day is on or before this day.
    var through: Day?
    /// Nil: every delegation and the national items; else the ids of one delegation (its code may
    /// have a row per map).
    var delegationIDs: [UUID]?
    /// `EventKind` raw value or `EventKind.trainingKey`; nil: every kind.
    var kindKey: String?
}

/// The agenda's reads: events and sessions in one sorted list (`AgendaItem`).
enum AgendaQueries {
    /// Every delegation row with `code` (a code has one row per map it is drawn on).
    static func delegationIDs(code: String, on db: any Database) async throws -> [UUID] {
        try await Delegation.query(on: db).filter(\.$code == code.uppercased()).all(\.$id)
    }

    /// The names of the items' delegations: from the network map (no query), then one query for
    /// the ids it lacks (rows of older maps), none when it has them all.
    static func delegationNames(of items: [AgendaItem], map: NetworkMap, on db: any Database) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        var missing = Set<UUID>()
        for id in Set(items.compactMap(\.delegationID)) {
            if let entry = map.delegation(id: id) { names[id] = entry.name } else { missing.insert(id) }
        }
        if !missing.isEmpty {
            for d in try await Delegation.query(on: db).filter(\.$id ~~ Array(missing)).all() { names[d.id!] = d.name }
        }
        return names
    }

    static func items(_ s: AgendaSelection, on db: any Database) async throws -> [AgendaItem] {
        guard !s.audiences.isEmpty else { return [] }
        var items: [AgendaItem] = []
        if s.kindKey != EventKind.trainingKey {
            items += try await events(s, on: db).map(item)
        }
        if s.kindKey == nil || s.kindKey == EventKind.trainingKey {
            items += try await sessions(s, on: db)
        }
        return items.sorted { ($0.startsAt, $0.title, $0.uid) < ($1.startsAt, $1.title, $1.uid) }
    }

    static func events(_ s: AgendaSelection, on db: any Database) async throws -> [AgendaEvent] {
        var q = AgendaEvent.query(on: db).filter(\.$audience ~~ s.audiences.map(\.rawValue))
        if let from = s.from { q = q.filter(\.$lastDay >= from.iso) }
        if let through = s.through { q = q.filter(\.$firstDay <= through.iso) }
        if let d = s.delegationIDs { q = q.filter(\.$delegation.$id ~~ d) }
        if let k = s.kindKey { q = q.filter(\.$kind == k) }
        return try await q.all()
    }

    static func item(_ e: AgendaEvent) -> AgendaItem {
        // Days are written by `AgendaService` from a checked `Day`; a row written otherwise (a
        // restore, a hand edit) falls back on its instants rather than trapping the process.
        let first = e.firstDayValue
        return AgendaItem(source: .event(e.id!), uid: e.calendarUID, title: e.title, kindKey: e.kind,
                          kindLabel: e.kindValue.label, delegationID: e.$delegation.id, audience: e.audienceValue,
                          allDay: e.allDay, startsAt: e.startsAt, endsAt: e.endsAt, firstDay: first,
                          lastDay: e.lastDayValue, place: e.place, address: e.address, onlineURL: e.onlineURL,
                          description: e.description, cancelled: e.statusValue == .cancelled, sequence: e.sequence,
                          updatedAt: e.updatedAt ?? e.createdAt ?? e.startsAt)
    }

    /// Inter sessions of the courses the audiences see (public courses; members-only courses for
    /// the members' audience), from the first half-day's start to the last one's end.
    static func sessions(_ s: AgendaSelection, on db: any Database) async throws -> [AgendaItem] {
        var visibilities: [String] = []
        if s.audiences.contains(.public) { visibilities.append(CourseVisibility.public.rawValue) }
        if s.audiences.contains(.members) { visibilities.append(CourseVisibility.members.rawValue) }
        guard !visibilities.isEmpty else { return [] }
        var q = TrainingSession.query(on: db).filter(\.$kind == SessionKind.inter.rawValue)
            .join(TrainingCourse.self, on: \TrainingSession.$course.$id == \TrainingCourse.$id)
            .filter(TrainingCourse.self, \.$visibility ~~ visibilities)
        if let from = s.from { q = q.filter(\.$lastDay >= from.iso) }
        if let through = s.through { q = q.filter(\.$firstDay <= through.iso) }
        if let d = s.delegationIDs { q = q.filter(\.$delegation.$id ~~ d) }
        let sessions = try await q.all()
        guard !sessions.isEmpty else { return [] }
        let ids = sessions.compactMap(\.id)
        var halfDays: [UUID: [TrainingHalfDay]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
            for h in try await TrainingHalfDay.query(on: db).filter(\.$session.$id ~~ part).all() {
                halfDays[h.$session.id, default: []].append(h)
            }
        }
        return try sessions.compactMap { session -> AgendaItem? in
            let course = try session.joined(TrainingCourse.self)
            guard let first = session.firstDayValue else { return nil }
            let last = session.lastDayValue ?? first
            let days = (halfDays[session.id!] ?? []).sorted { ($0.day, $0.starts) < ($1.day, $1.starts) }
            let start = days.first.flatMap { h in h.dayValue.flatMap { d in LocalTime(stored: h.starts).map { (d, $0) } } }
            let end = days.last.flatMap { h in h.dayValue.flatMap { d in LocalTime(stored: h.ends).map { (d, $0) } } }
            let allDay = start == nil || end == nil
            let audience: EventAudience = course.visibilityValue == .public ? .public : .members
            return AgendaItem(
                source: .session(session.id!), uid: session.calendarUID, title: course.title, kindKey: EventKind.trainingKey,
                kindLabel: EventKind.trainingLabel, delegationID: session.$delegation.id, audience: audience, allDay: allDay,
                startsAt: start.map { ParisTime.instant($0.0, $0.1) } ?? ParisTime.midnight(first),
                endsAt: end.map { ParisTime.instant($0.0, $0.1) } ?? ParisTime.midnight(last.adding(days: 1)),
                firstDay: first, lastDay: last, place: session.placeName, address: session.address,
                onlineURL: session.remoteURL, description: "Formation \(course.code) : \(course.title).",
                cancelled: session.statusValue == .cancelled, sequence: session.sequence,
                updatedAt: session.updatedAt ?? session.createdAt ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// Live registrations of an event (the seats taken).
    static func seatsTaken(_ eventID: UUID, on db: any Database) async throws -> Int {
        try await AgendaRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$status == AgendaRegistrationStatus.confirmed.rawValue).count()
    }
}
