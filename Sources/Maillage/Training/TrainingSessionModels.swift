import Fluent
import Foundation
import MaillageCore

/// A session of a course: its half-days (`TrainingHalfDay`), its trainers, its place or link,
/// its capacity and deadlines. An intra session belongs to one structure.
final class TrainingSession: Model, @unchecked Sendable {
    static let schema = "training_sessions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "course_id") var course: TrainingCourse
    /// `SessionKind` raw value.
    @Field(key: "kind") var kind: String
    /// The structure of an intra session.
    @OptionalParent(key: "structure_id") var structure: Structure?
    /// Where it takes place (figures by delegation); nil: national or remote.
    @OptionalParent(key: "delegation_id") var delegation: Delegation?
    @OptionalField(key: "place_name") var placeName: String?
    @OptionalField(key: "address") var address: String?
    /// How to get there (public transport, parking, accessibility).
    @OptionalField(key: "access_info") var accessInfo: String?
    /// A remote session's link (https only).
    @OptionalField(key: "remote_url") var remoteURL: String?
    @Field(key: "capacity") var capacity: Int
    /// Last day to register (inclusive).
    @Field(key: "registration_deadline") var registrationDeadline: String
    /// Last day a manager may cancel a registration (inclusive).
    @Field(key: "cancellation_deadline") var cancellationDeadline: String
    /// `SessionStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "cancel_reason") var cancelReason: String?
    /// The first and last of its half-days' days, kept by the service.
    @Field(key: "first_day") var firstDay: String
    @Field(key: "last_day") var lastDay: String
    /// iCalendar SEQUENCE: raised on every change the agenda shows.
    @Field(key: "sequence") var sequence: Int
    /// Raised on every write: a form posted with an older version is stale (409).
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Children(for: \.$session) var halfDays: [TrainingHalfDay]
    @Children(for: \.$session) var trainers: [TrainingSessionTrainer]

    init() {}

    var kindValue: SessionKind { SessionKind(rawValue: kind) ?? .inter }
    var statusValue: SessionStatus { SessionStatus(rawValue: status) ?? .planned }
    var firstDayValue: Day? { Day(iso: firstDay) }
    var lastDayValue: Day? { Day(iso: lastDay) }
    var registrationDeadlineValue: Day? { Day(iso: registrationDeadline) }
    var cancellationDeadlineValue: Day? { Day(iso: cancellationDeadline) }
    /// The UID of the session in the agenda's iCalendar feeds: never changes.
    var calendarUID: String { "session-\(id?.uuidString.lowercased() ?? "")@maillage.formation" }
}

/// A trainer of a session (an account holding the trainer role).
final class TrainingSessionTrainer: Model, @unchecked Sendable {
    static let schema = "training_session_trainers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: TrainingSession
    @Field(key: "user_id") var userID: UUID
    @Field(key: "trainer_name") var trainerName: String

    init() {}
    init(sessionID: UUID, userID: UUID, name: String) {
        self.$session.id = sessionID
        self.userID = userID
        self.trainerName = name
    }
}

/// A half-day of a session: its day, morning or afternoon, its hours (Paris) and its length.
final class TrainingHalfDay: Model, @unchecked Sendable {
    static let schema = "training_half_days"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: TrainingSession
    @Field(key: "day") var day: String
    /// `HalfDayPeriod` raw value (am, pm).
    @Field(key: "period") var period: String
    @Field(key: "starts") var starts: String
    @Field(key: "ends") var ends: String
    /// ends − starts, in minutes: the hours a present trainee is counted.
    @Field(key: "minutes") var minutes: Int

    init() {}

    var dayValue: Day? { Day(iso: day) }
    var periodValue: HalfDayPeriod { HalfDayPeriod(rawValue: period) ?? .morning }
}

/// A trainee registered by a member manager to a session: confirmed, on the waiting list (in
/// `position` order) or cancelled. The trainee has no account: the satisfaction form is reached
/// through a one-time token whose SHA-256 is kept here.
final class TrainingRegistration: Model, @unchecked Sendable {
    static let schema = "training_registrations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: TrainingSession
    @Parent(key: "structure_id") var structure: Structure
    @OptionalField(key: "registered_by") var registeredBy: UUID?
    @Field(key: "registered_by_name") var registeredByName: String
    @Field(key: "first_name") var firstName: String
    @Field(key: "last_name") var lastName: String
    @Field(key: "email") var email: String
    @Field(key: "job") var job: String
    /// `TraineeCategory` raw value.
    @Field(key: "trainee_category") var traineeCategory: String
    /// `TrainingFunding` raw value.
    @Field(key: "funding") var funding: String
    /// `RegistrationStatus` raw value.
    @Field(key: "status") var status: String
    /// Order of arrival in the session (1, 2, …; unique per session): the waiting list's order.
    @Field(key: "position") var position: Int
    @Field(key: "registered_at") var registeredAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancelled_by_name") var cancelledByName: String?
    @OptionalField(key: "survey_token_hash") var surveyTokenHash: String?
    @OptionalField(key: "survey_sent_at") var surveySentAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var statusValue: RegistrationStatus { RegistrationStatus(rawValue: status) ?? .cancelled }
    var categoryValue: TraineeCategory { TraineeCategory(rawValue: traineeCategory) ?? .other }
    var fundingValue: TrainingFunding { TrainingFunding(rawValue: funding) ?? .other }
    var fullName: String { "\(firstName) \(lastName)" }
}

/// Present or absent, per registration and half-day, as the trainer marked it.
final class TrainingAttendance: Model, @unchecked Sendable {
    static let schema = "training_attendance"

    @ID(key: .id) var id: UUID?
    @Parent(key: "registration_id") var registration: TrainingRegistration
    @Parent(key: "half_day_id") var halfDay: TrainingHalfDay
    @Field(key: "present") var present: Bool
    @OptionalField(key: "marked_by") var markedBy: UUID?
    @Field(key: "marked_at") var markedAt: Date

    init() {}
}

/// A trainee's rating of a session: five questions rated 1–5 and a comment, once.
final class TrainingRating: Model, @unchecked Sendable {
    static let schema = "training_ratings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "registration_id") var registration: TrainingRegistration
    @Parent(key: "session_id") var session: TrainingSession
    @Field(key: "q1") var q1: Int
    @Field(key: "q2") var q2: Int
    @Field(key: "q3") var q3: Int
    @Field(key: "q4") var q4: Int
    @Field(key: "q5") var q5: Int
    @Field(key: "comment") var comment: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var scores: [Int] { [q1, q2, q3, q4, q5] }

    /// The five questions, in order.
    static let questions = [
        "Les objectifs annoncés ont été atteints",
        "Le contenu répond à vos besoins professionnels",
        "La pédagogie et l'animation du formateur",
        "L'organisation (convocation, lieu, horaires, supports)",
        "Vous recommanderiez cette formation",
    ]
}
