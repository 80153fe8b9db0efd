import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Campaigns and answers for app tests, written straight to the database with defaults, so
/// that a test states only what matters to it.
enum ObservatoryFactory {
    /// Values an answer gets when the test does not care which: enough for a figure.
    static let someValues: [String: Exact] = ["insertion_persons": Exact(40), "turnover_eur": Exact(250_000)]

    /// A campaign on `year` data, opened through the service (the catalogue, default settings),
    /// running from 1 April to 31 May of the next year; closed afterwards when `open` is false.
    @discardableResult
    static func makeCampaign(on db: any Database, year: Int = 2024, open: Bool = true, k: Int = 5) async throws -> Campaign {
        let form = CampaignForm(year: String(year), opens_on: "\(year + 1)-04-01", closes_on: "\(year + 1)-05-31", k: String(k),
                                unemployed_etp_cost: "18300", divisors: CampaignDefaults.divisors)
        let c = try await CampaignService.open(form.validate(checkYear: true).0!, actor: nil, on: db)
        if !open { c.status = CampaignStatus.closed.rawValue; try await c.save(on: db) }
        return c
    }

    /// The answer of `structure` for `type` (its first answering type by default); a transmitted
    /// one is dated now. The campaign's answers version moves, as every change of an answer does.
    @discardableResult
    static func makeAnswer(on db: any Database, campaign: Campaign, structure: Structure, type: String? = nil,
                           status: AnswerStatus = .submitted, values: [String: Exact] = someValues) async throws -> SurveyAnswer {
        let type = type ?? CampaignDefaults.answeringTypes(structure.types).first ?? "AI"
        let a = SurveyAnswer(campaignID: try campaign.requireID(), structureID: try structure.requireID(), type: type,
                             departmentCode: structure.departmentCode)
        a.values = values
        a.status = status.rawValue
        if status != .draft { a.submittedAt = Date() }
        try await a.save(on: db)
        try await ObservatoryData.bumpAnswers(campaign, on: db)
        return a
    }
}
