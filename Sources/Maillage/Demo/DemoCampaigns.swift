import Fluent
import Foundation
import MaillageCore

/// Three closed Observatory campaigns (data 2022–2024, about 30 % of members not answering)
/// and the open one on 2025 data, half-way through: every report, benchmark and follow-up
/// page has real content on first run. Each closed campaign has one published release. The demo member's structures have answered the past
/// campaigns but not yet the open one, so that they have something to fill.
enum DemoCampaigns {
    static let closedYears = [2022, 2023, 2024]
    static let openYear = 2025

    /// "yyyy-MM-dd" four weeks from today (UTC).
    static func fourWeeksAhead(from now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: now.addingTimeInterval(28 * 24 * 3600))
    }

    static func load(on db: any Database, managed: Set<UUID>) async throws {
        var rng = DemoRandom(seed: 2025)
        for year in closedYears + [openYear] {
            let isOpen = year == openYear
            // Every campaign runs in the spring after its data year, as the campaign form's help says;
            // the open one has been prolonged when the demo is loaded after its spring, so that its
            // deadline is four weeks ahead, as on a real day of a campaign under way.
            let closesOn = isOpen ? max("\(year + 1)-05-31", Self.fourWeeksAhead()) : "\(year + 1)-05-31"
            let form = CampaignForm(year: String(year), opens_on: "\(year + 1)-04-01", closes_on: closesOn, k: "5",
                                    unemployed_etp_cost: "18300", divisors: CampaignDefaults.divisors)
            guard let clean = form.validate(checkYear: true).0 else { continue }
            let campaign = try await CampaignService.open(clean, actor: nil, on: db)
            if !isOpen {
                campaign.status = CampaignStatus.closed.rawValue
                campaign.closedAt = Date()
                try await campaign.save(on: db)
            }
            var answers: [SurveyAnswer] = []
            for s in try await ObservatoryData.activeStructures(on: db, at: campaign.opensOn) {
                let own = managed.contains(s.id)
                let status: AnswerStatus
                if isOpen {
                    if own { continue }
                    let draw = Int.random(in: 0..<100, using: &rng)
                    guard draw < 45 else { continue }
                    status = draw < 25 ? .validated : draw < 37 ? .submitted : .draft
                } else {
                    guard own || Int.random(in: 0..<100, using: &rng) < 70 else { continue }
                    status = .validated
                }
                for type in CampaignDefaults.answeringTypes(s.types) {
                    let a = SurveyAnswer(campaignID: try campaign.requireID(), structureID: s.id, type: type, departmentCode: s.departmentCode)
                    a.values = SyntheticAnswers.answer(type: type, divisor: Int(campaign.divisors[type] ?? "1607") ?? 1607,
                                                       growthPct: 100 + (year - 2022) * 3, using: &rng)
                    a.status = status.rawValue
                    a.warningsConfirmed = true
                    if status != .draft { a.submittedAt = Date() }
                    if status == .validated { a.validatedAt = Date() }
                    answers.append(a)
                }
            }
            for chunk in stride(from: 0, to: answers.count, by: 200) {
                try await Array(answers[chunk..<min(chunk + 200, answers.count)]).create(on: db)
            }
            // Closed campaigns are published, so members read their reports; the open one is not
            // yet: its figures are live for the national office and the delegates only.
            if !isOpen { _ = try await ReleaseService.publish(campaign, by: nil, on: db) }
        }
    }
}
