import Fluent
import Foundation
import MaillageCore
import Vapor

/// Campaign follow-up (who has answered, drafted, not started) and the delegate's
/// validation queue; reminders are `ReminderController`'s.
enum FollowUpController {
    static func show(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        return try await render(req, campaign, settings: CampaignForm(campaign), errors: FieldErrors())
    }

    static func render(_ req: Request, _ campaign: Campaign, settings: CampaignForm, errors: FieldErrors,
                       status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let progress = try await CampaignProgress.load(campaign, for: user, map: map, on: req.db)
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: FollowUpPage.lateColumns, defaultSort: FollowUpPage.lateDefaultSort)
        let filter = FollowUpPage.LateFilter(raw, map: map)
        if let format = state.format {
            let rows = FollowUpPage.lateUnits(progress, filter: filter, sort: state.sort)
            let name = ListView.fileName("reponses-non-transmises-\(campaign.year)", filters: filter.items, on: req, format: format)
            return ListExport.response(format, name: name, headers: FollowUpPage.lateExportHeaders,
                                       rows: rows.map(FollowUpPage.lateExportCells), sheet: "Non transmises \(campaign.year)")
        }
        let page = FollowUpPage(campaign, progress: progress, user: user,
                                settings: user.isNationalAdmin ? CampaignFormPage(form: settings, errors: errors,
                                    action: SiteURL.campaignSettings(campaign.year).path, isNew: false) : nil,
                                late: state, filter: filter, map: map,
                                reminderPreviewHref: req.link(to: .reminderPreview(campaign.year)),
                                reopenHref: req.link(to: .reopenCampaign(campaign.year)))
        return try await req.renderPage("observatory/follow-up", title: "Suivi de la campagne \(campaign.year)", page, status: status)
    }

    static func queue(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let user = try req.requireUser()
        let progress = try await CampaignProgress.load(campaign, for: user, map: try await req.networkMap(), on: req.db)
        let ids = Set(progress.units.map(\.structure.id))
        let answers = try await SurveyAnswer.query(on: req.db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$status ~~ [AnswerStatus.submitted.rawValue, AnswerStatus.returned.rawValue]).with(\.$structure)
            .all()
            .filter { ids.contains($0.$structure.id) }
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let page = QueuePage(campaign: campaign, answers: answers,
                             pending: ListState(raw, columns: QueuePage.pendingColumns, defaultSort: ListSort("submitted")),
                             returned: ListState(raw, columns: QueuePage.returnedColumns, defaultSort: ListSort("structure"), prefix: "r_"))
        return try await req.renderPage("observatory/queue", title: "Réponses à valider — \(campaign.year)", page)
    }
}
