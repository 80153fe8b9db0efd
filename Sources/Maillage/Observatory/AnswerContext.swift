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
    let user: CurrentUser
    /// What the signed-in person is to the structure: what `AnswerWorkflow` lets them do.
    let parties: Set<Party>

    var typeLabel: String { subject.typeLabel }
    /// An answer not yet begun is a draft.
    var state: AnswerStatus { answer?.answerStatus ?? .draft }
    var subject: AnswerService.Subject { AnswerService.Subject(campaign: campaign, structure: structure, type: type) }
    var actor: AnswerService.Actor { AnswerService.Actor(parties: parties, user: user) }
    /// The steps this person may take from here: the page's forms and buttons.
    var actions: [AnswerAction] { AnswerService.actions(from: state, in: campaign, by: parties) }

    static func load(_ req: Request) async throws -> AnswerContext {
        let user = try req.requireUser()
        let campaign = try await req.campaign()
        let structure = try await req.structureParameter()
        // Someone else's answers do not exist for them: 404, not 403.
        guard try await req.may(.answerSurvey, on: structure),
              let type = req.parameters.get("type"), CampaignDefaults.answeringTypes(structure.types).contains(type)
        else { throw Abort(.notFound) }
        return AnswerContext(
            campaign: campaign, structure: structure, type: type,
            answer: try await SurveyAnswer.find(campaign: campaign, structure: structure, type: type, on: req.db),
            questions: campaign.questionnaire.filter { $0.applies(to: type) },
            user: user, parties: try await req.parties(to: structure))
    }

    /// The same structure's answer for the same type in the previous campaign, shown beside each field.
    func previousValues(on db: any Database) async throws -> (year: Int, values: [String: Exact])? {
        guard let last = try await Campaign.find(year: campaign.year - 1, on: db),
              let a = try await SurveyAnswer.find(campaign: last, structure: structure, type: type, on: db)
        else { return nil }
        return (last.year, a.values)
    }
}
