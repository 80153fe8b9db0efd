import Fluent
import Foundation
import Vapor

/// The automatic reminder (issue #10): every day at 7:00 (Paris), for each open campaign,
/// the late structures of the whole network are reminded as by a national admin's click —
/// same recipients, same delay (`AppConfig.reminderDelayDays`), same history, the run recorded
/// without an actor (« Maillage »). Running it twice the same day sends nothing the second
/// time: every structure reminded is within the delay.
enum ReminderSchedule {
    static let kind = "observatory.reminders"
    static let hour = 7

    static func register(_ app: Application) {
        app.jobs.register(kind, maxAttempts: 3) { try await run($0) }
        app.jobs.daily(kind, at: hour, kind: kind)
    }

    /// The perimeter of the automatic reminder: the whole network, as a national admin sees it.
    static let network = CurrentUser(id: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, email: "",
                                     displayName: "Maillage",
                                     grants: [.init(role: .nationalAdmin, delegationID: nil, structureID: nil)],
                                     managedStructureIDs: [])

    static func run(_ context: JobContext) async throws -> String? {
        let app = context.application
        let campaigns = try await Campaign.query(on: context.db).filter(\.$status == CampaignStatus.open.rawValue)
            .sort(\.$year).all()
        var lines: [String] = []
        for campaign in campaigns {
            let outcome = try await Reminders.send(
                campaign, perimeter: network, actor: nil, map: try await app.services.networkMaps.current(on: context.db),
                now: app.services.clock.now, delayDays: app.config.reminderDelayDays, baseURL: app.config.baseURL,
                outbox: app.services.outbox, on: context.db)
            lines.append("\(campaign.year): \(outcome.recipients) messages, \(outcome.structures) structures")
            context.logger.info("automatic reminders", metadata: [
                "campaign": .stringConvertible(campaign.year), "recipients": .stringConvertible(outcome.recipients),
                "structures": .stringConvertible(outcome.structures)])
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }
}
