import Fluent
import Foundation
import MaillageCore
import Vapor

/// Everything an answer's pages and actions need, with the record-level rights settled once:
/// a structure out of sight is a 404, a type it does not hold too.
struct AnswerContext {
    let campaign: Campaign
    let structure: Structure
    let type: String
    let answer: SurveyAnswer?
    let questions: [Indicator]
    let canEdit: Bool
    let canValidate: Bool
    let canReopen: Bool

    var typeLabel: String { StructureType(rawValue: type)?.shortLabel ?? type }

    static func load(_ req: Request) async throws -> AnswerContext {
        let user = try req.requireUser()
        let campaign = try await req.campaign()
        let structure = try await req.structureParameter()
        let map = try await req.networkMap()
        guard Policy.canAnswer(for: structure, by: user, map: map),
              let type = req.parameters.get("type"), CampaignDefaults.answeringTypes(structure.types).contains(type)
        else { throw Abort(.notFound) }
        let answer = try await SurveyAnswer.query(on: req.db)
            .filter(\.$campaign.$id == campaign.requireID()).filter(\.$structure.$id == structure.requireID())
            .filter(\.$type == type).first()
        let status = answer?.answerStatus ?? .draft
        return AnswerContext(
            campaign: campaign, structure: structure, type: type, answer: answer,
            questions: campaign.questionnaire.filter { $0.applies(to: type) },
            canEdit: campaign.isOpen && status.isEditableByMember,
            canValidate: Policy.canValidate(structure, by: user, map: map),
            canReopen: user.isNationalAdmin)
    }

    /// The same structure's answer for the same type in the previous campaign, shown beside each field.
    func previousValues(on db: any Database) async throws -> (year: Int, values: [String: Exact])? {
        guard let last = try await Campaign.find(year: campaign.year - 1, on: db),
              let a = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == last.requireID())
                .filter(\.$structure.$id == structure.requireID()).filter(\.$type == type).first()
        else { return nil }
        return (last.year, a.values)
    }
}
