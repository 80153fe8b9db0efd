import Fluent
import Foundation
import MaillageCore

/// One structure's answer for one type it holds, in one campaign.
final class SurveyAnswer: Model, @unchecked Sendable {
    static let schema = "survey_answers"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "type") var type: String
    @Field(key: "status") var status: String
    /// Answered values, JSON {"code": "decimal"}: an absent code is "not answered".
    @Field(key: "values") var valuesJSON: String
    /// The structure's department when it answered: past figures do not move with it.
    @Field(key: "department_code") var departmentCode: String
    /// The member confirmed the warnings (hours against ETP) as exact.
    @Field(key: "warnings_confirmed") var warningsConfirmed: Bool
    @OptionalField(key: "return_comment") var returnComment: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "validated_at") var validatedAt: Date?
    @OptionalField(key: "validated_by") var validatedBy: UUID?

    // relationships
    @Parent(key: "campaign_id") var campaign: Campaign
    @Parent(key: "structure_id") var structure: Structure

    init() {}

    init(campaignID: UUID, structureID: UUID, type: String, departmentCode: String) {
        self.$campaign.id = campaignID
        self.$structure.id = structureID
        self.type = type
        self.departmentCode = departmentCode
        self.status = AnswerStatus.draft.rawValue
        self.valuesJSON = "{}"
        self.warningsConfirmed = false
    }

    var answerStatus: AnswerStatus { AnswerStatus(rawValue: status) ?? .draft }

    var values: [String: Exact] {
        get { SurveyAnswer.decode(valuesJSON) }
        set { valuesJSON = SurveyAnswer.encode(newValue) }
    }

    static func decode(_ json: String) -> [String: Exact] {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        return raw.compactMapValues { Exact(decimal: $0) }
    }

    /// Values as plain decimals with their unit's places, sorted: equal answers, equal text.
    static func encode(_ values: [String: Exact]) -> String {
        Campaign.json(values.mapValues { $0.plain })
    }
}

/// Where an answer is in its life: the member drafts and submits it, the regional delegate
/// validates it or returns it with a comment; a national admin can reopen a validated one
/// (the steps: `AnswerWorkflow`).
enum AnswerStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted, returned, validated

    var label: String {
        switch self {
        case .draft: "Brouillon"
        case .submitted: "Transmise, à valider"
        case .returned: "Renvoyée pour correction"
        case .validated: "Validée"
        }
    }

    /// Counted in the campaign's figures: answers received (validated or awaiting validation).
    var counts: Bool { self == .submitted || self == .validated }
}

extension SurveyAnswer {
    /// A structure's answer for one type in one campaign, if it has begun one.
    static func find(campaign: Campaign, structure: Structure, type: String, on db: any Database) async throws -> SurveyAnswer? {
        try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$structure.$id == structure.requireID()).filter(\.$type == type).first()
    }
}

extension Exact {
    /// A plain decimal string with at most 2 places, trailing zeros dropped ("12.5", "1607").
    var plain: String {
        var s = rounded(places: 2)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

extension SurveyAnswer: Auditable {
    static var auditEntity: String { "reponse_observatoire" }
    var auditSnapshot: [String: String] {
        var snapshot = SurveyAnswer.decode(valuesJSON).mapValues(\.plain)
        snapshot["_statut"] = status
        snapshot["_type"] = type
        if let returnComment { snapshot["_commentaire"] = returnComment }
        return snapshot
    }
}
