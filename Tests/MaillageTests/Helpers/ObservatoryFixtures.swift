import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// Campaigns and answers for app tests, written straight to the database.
enum ObservatoryFixtures {
    /// An open campaign on `year` data, opened on 1 April of the next year, with the
    /// catalogue and default settings.
    @discardableResult
    static func campaign(_ year: Int, open: Bool = true, k: Int = 5, on db: any Database) async throws -> Campaign {
        let form = CampaignForm(year: String(year), opens_on: "\(year + 1)-04-01", closes_on: "\(year + 1)-05-31", k: String(k),
                                unemployed_etp_cost: "18300", divisors: CampaignDefaults.divisors)
        let c = try await CampaignService.open(form.validate(checkYear: true).0!, actor: nil, on: db)
        if !open { c.status = CampaignStatus.closed.rawValue; try await c.save(on: db) }
        return c
    }

    @discardableResult
    static func answer(_ campaign: Campaign, _ structure: Structure, type: String, status: AnswerStatus,
                       values: [String: Exact] = ["insertion_persons": Exact(40), "turnover_eur": Exact(250_000)],
                       on db: any Database) async throws -> SurveyAnswer {
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
