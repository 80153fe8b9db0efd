import Fluent
import Foundation
import MaillageCore

// The training body's records (migration 018). Days are `YYYY-MM-DD` text (`Day`), times `HH:MM`
// text (`LocalTime`), both in Paris. Money in integer cents.

/// The themes of the catalogue.
enum TrainingTheme: String, Codable, CaseIterable, Sendable {
    case management, supervision, support, hr, finance, quality, development, governance

    var label: String {
        switch self {
        case .management: "Management et encadrement"
        case .supervision: "Encadrement technique"
        case .support: "Accompagnement socioprofessionnel"
        case .hr: "Ressources humaines et droit social"
        case .finance: "Gestion et finances"
        case .quality: "Qualité et RSE"
        case .development: "Développement économique"
        case .governance: "Gouvernance associative"
        }
    }
}

/// How a course can be run: between several structures, inside one, or both.
enum CourseFormat: String, Codable, CaseIterable, Sendable {
    case inter, intra, both

    var label: String {
        switch self {
        case .inter: "Inter-structures"
        case .intra: "Intra (dans la structure)"
        case .both: "Inter ou intra"
        }
    }
}

/// Who sees a course or a pack in the catalogue.
enum CourseVisibility: String, Codable, CaseIterable, Sendable {
    case `public`, members

    var label: String {
        switch self {
        case .public: "Public"
        case .members: "Réservé aux adhérents"
        }
    }
}

/// A session between structures, or inside one structure.
enum SessionKind: String, Codable, CaseIterable, Sendable {
    case inter, intra

    var label: String {
        switch self {
        case .inter: "Inter-structures"
        case .intra: "Intra"
        }
    }
}

/// Where a session stands (`SessionWorkflow`).
enum SessionStatus: String, Codable, CaseIterable, Sendable {
    case planned, confirmed, cancelled, done

    var label: String {
        switch self {
        case .planned: "Programmée"
        case .confirmed: "Confirmée"
        case .cancelled: "Annulée"
        case .done: "Réalisée"
        }
    }

    /// Registrations are taken (and cancelled by the manager) only while the session is to come.
    var takesRegistrations: Bool { self == .planned || self == .confirmed }
}

/// Where a registration stands (`RegistrationWorkflow`).
enum RegistrationStatus: String, Codable, CaseIterable, Sendable {
    case confirmed, waiting, cancelled

    var label: String {
        switch self {
        case .confirmed: "Inscrit·e"
        case .waiting: "Liste d'attente"
        case .cancelled: "Annulée"
        }
    }

    /// Confirmed or waiting: the registration still holds (a seat or a place in the queue).
    var isLive: Bool { self != .cancelled }
}

/// A course of the catalogue.
final class TrainingCourse: Model, @unchecked Sendable {
    static let schema = "training_courses"

    @ID(key: .id) var id: UUID?
    /// Unique, ≤ 20 characters: capitals, digits and hyphens (« ETI-01 »).
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    /// `TrainingTheme` raw value.
    @Field(key: "theme") var theme: String
    @Field(key: "objectives") var objectives: String
    @Field(key: "prerequisites") var prerequisites: String
    @Field(key: "audience") var audience: String
    @Field(key: "duration_minutes") var durationMinutes: Int
    /// Per trainee, in an inter session.
    @Field(key: "price_cents") var priceCents: Int64
    /// Per day, for an intra session (nil: on request).
    @OptionalField(key: "intra_day_price_cents") var intraDayPriceCents: Int64?
    /// `CourseFormat` raw value.
    @Field(key: "format") var format: String
    /// Leads to a certification (a certifying path such as « Encadrant technique d'insertion »).
    @Field(key: "certifying") var certifying: Bool
    /// `CourseVisibility` raw value.
    @Field(key: "visibility") var visibility: String
    /// Still offered; an inactive course keeps its past sessions but leaves the catalogue.
    @Field(key: "active") var active: Bool
    /// The year it entered the catalogue (« nouveau » that year).
    @Field(key: "introduced_year") var introducedYear: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var themeValue: TrainingTheme { TrainingTheme(rawValue: theme) ?? .management }
    var formatValue: CourseFormat { CourseFormat(rawValue: format) ?? .inter }
    var visibilityValue: CourseVisibility { CourseVisibility(rawValue: visibility) ?? .members }
}

/// A thematic pack: an ordered set of courses (`TrainingPackCourse`).
final class TrainingPack: Model, @unchecked Sendable {
    static let schema = "training_packs"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    /// `CourseVisibility` raw value.
    @Field(key: "visibility") var visibility: String
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var visibilityValue: CourseVisibility { CourseVisibility(rawValue: visibility) ?? .members }
}

/// One course of a pack, at its position (1, 2, …).
final class TrainingPackCourse: Model, @unchecked Sendable {
    static let schema = "training_pack_courses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "pack_id") var pack: TrainingPack
    @Parent(key: "course_id") var course: TrainingCourse
    @Field(key: "position") var position: Int

    init() {}
    init(packID: UUID, courseID: UUID, position: Int) {
        self.$pack.id = packID
        self.$course.id = courseID
        self.position = position
    }
}
