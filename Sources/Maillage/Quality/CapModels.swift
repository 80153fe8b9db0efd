import Fluent
import Foundation
import MaillageCore

// The CAP RSE self-assessment (migration 020). A questionnaire per year; an assessment answers
// the questionnaire of its year and keeps its scores frozen at submission (`CapScore`), so an edit
// of a later year's questionnaire never changes a past assessment.

/// The questionnaire of one year: its questions by axis. `scaleLabels` names the levels 0…n,
/// separated by "|" ("Pas engagé|Engagé|Avancé|Exemplaire").
final class CapQuestionnaire: Model, @unchecked Sendable {
    static let schema = "cap_questionnaires"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "scale_labels") var scaleLabels: String
    @Children(for: \.$questionnaire) var questions: [CapQuestion]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(year: Int, title: String, scaleLabels: String) {
        self.year = year
        self.title = title
        self.scaleLabels = scaleLabels
    }

    var scaleLabelList: [String] { scaleLabels.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
}

/// One question: its axis, its order, the highest level of its scale (0…scaleMax) and its weight.
final class CapQuestion: Model, @unchecked Sendable {
    static let schema = "cap_questions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "questionnaire_id") var questionnaire: CapQuestionnaire
    @Field(key: "axis") var axis: String
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: String
    @Field(key: "text") var text: String
    @Field(key: "help") var help: String
    @Field(key: "scale_max") var scaleMax: Int
    @Field(key: "weight") var weight: Int

    init() {}
    init(questionnaireID: UUID, axis: CapAxis, position: Int, code: String, text: String, help: String = "", scaleMax: Int, weight: Int) {
        self.$questionnaire.id = questionnaireID
        self.axis = axis.rawValue
        self.position = position
        self.code = code
        self.text = text
        self.help = help
        self.scaleMax = scaleMax
        self.weight = weight
    }

    var axisValue: CapAxis { CapAxis(rawValue: axis) ?? .identity }
}

enum CapAssessmentStatus: String, Codable, CaseIterable, Sendable {
    case draft, submitted

    var label: String {
        switch self {
        case .draft: "Brouillon"
        case .submitted: "Transmis"
        }
    }
}

/// A structure's self-assessment for a year (one per structure and year).
final class CapAssessment: Model, @unchecked Sendable {
    static let schema = "cap_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Field(key: "year") var year: Int
    @Parent(key: "questionnaire_id") var questionnaire: CapQuestionnaire
    @Field(key: "status") var status: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalParent(key: "submitted_by") var submittedBy: User?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(structureID: UUID, year: Int, questionnaireID: UUID) {
        self.$structure.id = structureID
        self.year = year
        self.$questionnaire.id = questionnaireID
        self.status = CapAssessmentStatus.draft.rawValue
        self.version = 1
    }

    var statusValue: CapAssessmentStatus { CapAssessmentStatus(rawValue: status) ?? .draft }
}

/// One answer: the level chosen (nil: « non concerné », left out of the score) and a comment.
final class CapAnswer: Model, @unchecked Sendable {
    static let schema = "cap_answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: CapAssessment
    @Parent(key: "question_id") var question: CapQuestion
    @OptionalField(key: "value") var value: Int?
    @Field(key: "comment") var comment: String

    init() {}
    init(assessmentID: UUID, questionID: UUID, value: Int?, comment: String = "") {
        self.$assessment.id = assessmentID
        self.$question.id = questionID
        self.value = value
        self.comment = comment
    }
}

/// A score frozen at submission: points over the maximum points, for one axis or `overall`.
final class CapScore: Model, @unchecked Sendable {
    static let schema = "cap_scores"
    /// The `axis` value of the overall score.
    static let overall = "overall"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: CapAssessment
    @Field(key: "axis") var axis: String
    @Field(key: "points") var points: Int64
    @Field(key: "max_points") var maxPoints: Int64

    init() {}
    init(assessmentID: UUID, axis: String, points: Int64, maxPoints: Int64) {
        self.$assessment.id = assessmentID
        self.axis = axis
        self.points = points
        self.maxPoints = maxPoints
    }
}

enum CapActionStatus: String, Codable, CaseIterable, Sendable {
    case planned, inProgress = "in_progress", done, dropped

    var label: String {
        switch self {
        case .planned: "Prévue"
        case .inProgress: "En cours"
        case .done: "Réalisée"
        case .dropped: "Abandonnée"
        }
    }
}

/// An action of a structure's plan: carried from year to year until done or dropped.
final class CapAction: Model, @unchecked Sendable {
    static let schema = "cap_actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Field(key: "axis") var axis: String
    @Field(key: "title") var title: String
    @Field(key: "owner") var owner: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "status") var status: String
    @Field(key: "created_year") var createdYear: Int
    @OptionalField(key: "done_on") var doneOn: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(structureID: UUID, axis: CapAxis, title: String, owner: String, dueOn: Day?, createdYear: Int) {
        self.$structure.id = structureID
        self.axis = axis.rawValue
        self.title = title
        self.owner = owner
        self.dueOn = dueOn?.iso
        self.status = CapActionStatus.planned.rawValue
        self.createdYear = createdYear
        self.version = 1
    }

    var axisValue: CapAxis { CapAxis(rawValue: axis) ?? .identity }
    var statusValue: CapActionStatus { CapActionStatus(rawValue: status) ?? .planned }
    var dueOnValue: Day? { dueOn.flatMap(Day.init(iso:)) }
}
