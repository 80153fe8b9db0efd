import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// Campaigns and answers for app tests, written straight to the database: the former names
/// of `ObservatoryFactory.makeCampaign` and `makeAnswer`, kept for the tests that use them.
enum ObservatoryFixtures {
    /// An open campaign on `year` data, opened on 1 April of the next year, with the
    /// catalogue and default settings.
    @discardableResult
    static func campaign(_ year: Int, open: Bool = true, k: Int = 5, on db: any Database) async throws -> Campaign {
        try await ObservatoryFactory.makeCampaign(on: db, year: year, open: open, k: k)
    }

    @discardableResult
    static func answer(_ campaign: Campaign, _ structure: Structure, type: String, status: AnswerStatus,
                       values: [String: Exact] = ObservatoryFactory.someValues,
                       on db: any Database) async throws -> SurveyAnswer {
        try await ObservatoryFactory.makeAnswer(on: db, campaign: campaign, structure: structure, type: type, status: status, values: values)
    }
}
