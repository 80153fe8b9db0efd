import Foundation
import MaillageCore

/// A session to come, as the catalogue and the course page list it.
struct ComingSessionLine: Encodable, Sendable {
    let dates: String
    let place: String
    let seats: String
    let full: Bool
    let href: String?
}

/// `/formations/cours/:courseID`.
struct CoursePage: Encodable, Sendable {
    struct Fact: Encodable, Sendable { let label: String; let value: String }
    struct PackLink: Encodable, Sendable { let title: String; let href: String? }

    let catalogueHref: String?
    let code: String
    let title: String
    let theme: String
    let badges: [String]
    let inactive: Bool
    let objectives: [String]
    /// nil when empty (Leaf takes any array as true).
    let prerequisites: [String]?
    let audience: [String]?
    let facts: [Fact]
    let sessions: [ComingSessionLine]?
    let packs: [PackLink]?
    let editHref: String?
    let newSessionHref: String?
}

/// The course editor (new and edit).
struct CourseFormPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }

    let heading: String
    let catalogueHref: String?
    let action: String?
    let cancelHref: String?
    var form: [String: String]
    var errors: FieldErrors
    let themes: [Option]
    let formats: [Option]
    let visibilities: [Option]
    let certifying: Bool
    let active: Bool
    let submitLabel: String

    init(heading: String, catalogueHref: String?, action: String?, cancelHref: String?, form: [String: String],
         errors: FieldErrors, submitLabel: String) {
        self.heading = heading
        self.catalogueHref = catalogueHref
        self.action = action
        self.cancelHref = cancelHref
        self.form = form
        self.errors = errors
        themes = TrainingTheme.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["course_theme"]) }
        formats = CourseFormat.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["course_format"]) }
        visibilities = CourseVisibility.allCases.map {
            Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["course_visibility"])
        }
        certifying = CourseInput.checked(form["course_certifying"])
        active = CourseInput.checked(form["course_active"])
        self.submitLabel = submitLabel
    }
}

extension CoursePage {
    /// The badges of a course: « Nouveau » the year it entered the catalogue, « Certifiant »,
    /// « Réservé aux adhérents ».
    static func badges(_ c: TrainingCourse, year: Int) -> [String] {
        var out: [String] = []
        if c.introducedYear == year { out.append("Nouveau") }
        if c.certifying { out.append("Certifiant") }
        if c.visibilityValue == .members { out.append(CourseVisibility.members.label) }
        return out
    }

    static func facts(_ c: TrainingCourse) -> [Fact] {
        var out = [Fact(label: "Durée", value: FrenchFormat.minutesAsHours(c.durationMinutes)),
                   Fact(label: "Prix par stagiaire (inter)", value: FrenchFormat.euros(cents: c.priceCents))]
        if c.formatValue != .inter {
            out.append(Fact(label: "Prix par jour (intra)", value: c.intraDayPriceCents.map { FrenchFormat.euros(cents: $0) } ?? "Sur demande"))
        }
        out.append(Fact(label: "Organisation", value: c.formatValue.label))
        return out
    }

    static func place(_ s: TrainingSession) -> String {
        if let name = s.placeName, !name.isEmpty { return name }
        return s.remoteURL?.isEmpty == false ? "À distance" : "Lieu à préciser"
    }
}
