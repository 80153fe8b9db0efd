import Fluent
import Foundation
import MaillageCore
import Vapor

/// Campaign follow-up (who has answered, drafted, not started), reminders, and the
/// delegate's validation queue.
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
        let page = FollowUpPage(campaign, progress: progress, user: user,
                                settings: user.isNationalAdmin ? CampaignFormPage(form: settings, errors: errors,
                                    action: SiteURL.campaignSettings(campaign.year).path, isNew: false) : nil)
        return try await req.renderPage("observatory/follow-up", title: "Suivi de la campagne \(campaign.year)", page, status: status)
    }

    /// Queues one reminder per manager for the structures that have not transmitted their answer.
    static func remind(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard campaign.isOpen else { throw Abort(.forbidden, reason: "La campagne est close : plus de relance possible.") }
        let user = try req.requireUser()
        let progress = try await CampaignProgress.load(campaign, for: user, map: try await req.networkMap(), on: req.db)
        let late = progress.units.filter { $0.state == .notStarted || $0.state == .drafting }
        let ids = Array(Set(late.map(\.structure.id)))
        let structures = try await Structure.query(on: req.db).filter(\.$id ~~ ids).all()
        let managersByStructure = try await AnswerMail.managers(of: structures, on: req.db)
        var byRecipient: [String: Set<String>] = [:]
        var unreachable = 0
        for s in structures {
            let managers = managersByStructure[s.id!] ?? []
            if managers.isEmpty { unreachable += 1 }
            for m in managers { byRecipient[m, default: []].insert(s.name) }
        }
        let base = req.application.config.baseURL
        let messages = byRecipient
        try await req.db.transaction { tx in
            for (recipient, names) in messages {
                try await req.services.outbox.queue(to: recipient, subject: "Observatoire \(campaign.year) : votre réponse est attendue",
                    body: "Bonjour,\n\nL'enquête de l'Observatoire sur les données \(campaign.year) est ouverte jusqu'au \(FrenchFormat.date(campaign.closesOn)). Nous attendons encore la réponse de : \(names.sorted().joined(separator: ", ")).\n\nRépondre : \(base)\(SiteURL.observatory.path)\n", on: tx)
            }
            try await Audit.record(.create, "relance_observatoire", id: String(campaign.year),
                                   summary: "Relance de \(messages.count) destinataire(s) pour la campagne \(campaign.year)", actor: user, on: tx)
        }
        var message = "\(FrenchFormat.plural(byRecipient.count, "relance mise", "relances mises")) en file d'envoi."
        if unreachable > 0 { message += " \(FrenchFormat.plural(unreachable, "structure n'a", "structures n'ont")) aucun compte responsable à relancer." }
        req.flash(message)
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    static func queue(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let user = try req.requireUser()
        let progress = try await CampaignProgress.load(campaign, for: user, map: try await req.networkMap(), on: req.db)
        let ids = Set(progress.units.map(\.structure.id))
        let answers = try await SurveyAnswer.query(on: req.db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$status ~~ [AnswerStatus.submitted.rawValue, AnswerStatus.returned.rawValue]).with(\.$structure)
            .sort(\.$submittedAt).all()
            .filter { ids.contains($0.$structure.id) }
        let page = QueuePage(campaign: campaign, answers: answers)
        return try await req.renderPage("observatory/queue", title: "Réponses à valider — \(campaign.year)", page)
    }
}
