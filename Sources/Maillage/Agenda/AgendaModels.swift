import Fluent
import Foundation
import MaillageCore

// The agenda's records (migration 019). Days are `YYYY-MM-DD` text (Paris); instants are UTC.

/// The kinds of events. Training sessions show in the agenda as « Formation » (`trainingKey`),
/// which is not a stored kind.
enum EventKind: String, Codable, CaseIterable, Sendable {
    case generalAssembly = "assemblee-generale"
    case board = "conseil-administration"
    case bureau
    case departmentalCommission = "commission-departementale"
    case directorsMeeting = "reunion-directeurs"
    case accountantsMeeting = "reunion-comptables"
    case regionalDay = "journee-regionale"
    case webinar = "webinaire"
    case other = "autre"

    /// The agenda's key and feed name of training sessions.
    static let trainingKey = "formation"
    static let trainingLabel = "Formation"

    var label: String {
        switch self {
        case .generalAssembly: "Assemblée générale"
        case .board: "Conseil d'administration"
        case .bureau: "Bureau"
        case .departmentalCommission: "Commission départementale"
        case .directorsMeeting: "Réunion des directeurs"
        case .accountantsMeeting: "Réunion des comptables"
        case .regionalDay: "Journée régionale"
        case .webinar: "Webinaire"
        case .other: "Autre"
        }
    }
}

/// Who may see an event.
enum EventAudience: String, Codable, CaseIterable, Sendable {
    case `public`, members, board

    var label: String {
        switch self {
        case .public: "Public"
        case .members: "Adhérents"
        case .board: "Conseil d'administration"
        }
    }
}

/// A cancelled event stays in the agenda and its feeds (STATUS:CANCELLED), marked « Annulé ».
enum EventStatus: String, Codable, CaseIterable, Sendable {
    case confirmed, cancelled

    var label: String {
        switch self {
        case .confirmed: "Confirmé"
        case .cancelled: "Annulé"
        }
    }
}

/// An event of the network: national (no delegation) or of one delegation.
final class AgendaEvent: Model, @unchecked Sendable {
    static let schema = "agenda_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    /// `EventKind` raw value.
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "delegation_id") var delegation: Delegation?
    /// `EventAudience` raw value.
    @Field(key: "audience") var audience: String
    @Field(key: "all_day") var allDay: Bool
    /// The instants (all-day: Paris midnight of the first day and of the day after the last).
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// Its Paris days, inclusive (lists, month view, filters).
    @Field(key: "first_day") var firstDay: String
    @Field(key: "last_day") var lastDay: String
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "address") var address: String?
    /// https only.
    @OptionalField(key: "online_url") var onlineURL: String?
    @Field(key: "description") var description: String
    /// `EventStatus` raw value.
    @Field(key: "status") var status: String
    /// Member managers may register people (`AgendaRegistration`).
    @Field(key: "registration_open") var registrationOpen: Bool
    @OptionalField(key: "capacity") var capacity: Int?
    @OptionalField(key: "registration_deadline") var registrationDeadline: String?
    /// iCalendar SEQUENCE: raised on every change.
    @Field(key: "sequence") var sequence: Int
    /// Raised on every write: a form posted with an older version is stale (409).
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var kindValue: EventKind { EventKind(rawValue: kind) ?? .other }
    var audienceValue: EventAudience { EventAudience(rawValue: audience) ?? .board }
    var statusValue: EventStatus { EventStatus(rawValue: status) ?? .confirmed }
    /// The days as written from a checked `Day`; a row written otherwise (a restore, a hand edit)
    /// falls back on its start instead of trapping the process.
    var firstDayValue: Day { Day(iso: firstDay) ?? ParisTime.local(startsAt).day }
    var lastDayValue: Day { Day(iso: lastDay) ?? firstDayValue }
    /// The UID of the event in every iCalendar feed: never changes.
    var calendarUID: String { "event-\(id?.uuidString.lowercased() ?? "")@maillage.agenda" }
}

/// A person registered to an event by a member manager, for one of its structures.
final class AgendaRegistration: Model, @unchecked Sendable {
    static let schema = "agenda_registrations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: AgendaEvent
    @Parent(key: "structure_id") var structure: Structure
    @OptionalField(key: "registered_by") var registeredBy: UUID?
    @Field(key: "registered_by_name") var registeredByName: String
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @OptionalField(key: "job") var job: String?
    /// confirmed | cancelled.
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?

    init() {}

    var isLive: Bool { statusValue == .confirmed }
}

/// A person's secret token for their personal iCalendar feed (what they may see: members' and
/// board events). Reset by a new one: the old URL then answers 404.
final class CalendarFeedToken: Model, @unchecked Sendable {
    static let schema = "calendar_feed_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token") var token: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(userID: UUID, token: String, at: Date) {
        self.userID = userID
        self.token = token
        self.createdAt = at
    }
}
