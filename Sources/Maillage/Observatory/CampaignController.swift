import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// The Observatory's front page, and the national admin's campaign management.
enum CampaignController {
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let campaigns = try await Campaign.query(on: req.db).sort(\.$year, .descending).all()
        let map = try await req.networkMap()
        let ownDelegations = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        let counts = try await answerCounts(on: req.db)
        let mine = try await myAnswers(user, campaigns: campaigns, on: req.db)
        // The national report only where this person has figures to read: live (admins), or a
        // published release; a delegate's own delegation report is always live for them.
        let live = user.isNationalAdmin
        let published = Set(try await ObservatoryRelease.query(on: req.db).all(\.$campaign.$id))
        let page = ObservatoryIndexPage(
            canOpen: user.isNationalAdmin, newHref: SiteURL.newCampaign.path,
            campaigns: campaigns.isEmpty ? nil : campaigns.map { c in
                let follow = user.isNationalAdmin || user.has(.regionalDelegate)
                return .init(
                    year: c.year, window: "du \(FrenchFormat.date(c.opensOn)) au \(FrenchFormat.date(c.closesOn))",
                    status: c.campaignStatus.label, isOpen: c.isOpen,
                    answers: FrenchFormat.plural(counts[c.id!, default: 0], "réponse reçue", "réponses reçues"),
                    followHref: follow ? SiteURL.campaign(c.year).path : nil,
                    queueHref: follow ? SiteURL.validationQueue(c.year).path : nil,
                    reportHref: live || published.contains(c.id!) ? SiteURL.report(c.year).path : nil,
                    releasesHref: SiteURL.releases(c.year).path,
                    delegationReports: ownDelegations.isEmpty ? nil : ownDelegations.map {
                        .init(label: "Rapport \($0.name)", href: SiteURL.delegationReport(c.year, $0.code).path)
                    },
                    importHref: req.link(to: .answersImport(c.year)))
            },
            myAnswers: mine.isEmpty ? nil : mine)
        return try await req.renderPage("observatory/index", title: "Observatoire", page)
    }

    /// Answers received (submitted or validated) per campaign.
    static func answerCounts(on db: any Database) async throws -> [UUID: Int] {
        struct Row: Decodable { let campaign_id: UUID; let n: Int }
        let rows = try await ObservatoryData.sql(db).select().column("campaign_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SurveyAnswer.schema)
            .where("status", .in, AnswerStatus.allCases.filter(\.counts).map(\.rawValue))
            .groupBy("campaign_id").all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.campaign_id, $0.n) })
    }

    /// The answers a member manager owes: each managed structure × type, for each open
    /// campaign, and the benchmark of the latest campaign they answered.
    static func myAnswers(_ user: CurrentUser, campaigns: [Campaign], on db: any Database) async throws -> [ObservatoryIndexPage.MyAnswer] {
        guard !user.managedStructureIDs.isEmpty else { return [] }
        let structures = try await Structure.query(on: db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
        var out: [ObservatoryIndexPage.MyAnswer] = []
        for c in campaigns where c.isOpen {
            let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == c.requireID())
                .filter(\.$structure.$id ~~ Array(user.managedStructureIDs)).all()
            for s in structures {
                for type in CampaignDefaults.answeringTypes(s.types) {
                    let a = answers.first { $0.$structure.id == s.id && $0.type == type }
                    out.append(.init(year: c.year, structure: s.name, type: StructureType(rawValue: type)?.shortLabel ?? type,
                                     status: a?.answerStatus.label ?? "Non commencée", statusKey: a?.status ?? "not_started",
                                     href: SiteURL.answer(c.year, s.id!, type).path,
                                     benchmarkHref: a?.answerStatus.counts == true ? SiteURL.benchmark(c.year, s.id!).path : nil))
                }
            }
        }
        return out
    }

    static func new(_ req: Request) async throws -> Response {
        try await renderForm(req, CampaignForm.defaults(), FieldErrors())
    }

    static func create(_ req: Request) async throws -> Response {
        let form = try req.form(CampaignForm.self)
        var (clean, errors) = form.validate(checkYear: true)
        // Reported with the other problems, not after they are fixed.
        if let year = Int((form.year ?? "").trimmingCharacters(in: .whitespaces)), errors["year"] == nil,
           try await Campaign.find(year: year, on: req.db) != nil {
            errors.add("year", "Une campagne existe déjà pour les données \(year).")
            clean = nil
        }
        guard let clean else { return try await renderForm(req, form, errors, status: .unprocessableEntity) }
        let campaign = try await CampaignService.open(clean, actor: try req.requireUser(), on: req.db)
        req.flash("Campagne \(campaign.year) ouverte : les adhérents peuvent répondre.")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    static func updateSettings(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        var form = try req.form(CampaignForm.self)
        form.year = String(campaign.year)
        let (clean, errors) = form.validate(checkYear: false)
        guard let clean else {
            return try await FollowUpController.render(req, campaign, settings: form, errors: errors, status: .unprocessableEntity)
        }
        let before = campaign.auditSnapshot
        CampaignService.apply(clean, to: campaign)
        try await req.db.transaction { tx in
            try await campaign.save(on: tx)
            try await ObservatoryData.bumpAnswers(campaign, on: tx)  // k, divisors and cost change the figures
            try await Audit.record(.update, campaign, summary: "Paramètres de la campagne \(campaign.year)", before: before, actor: try req.requireUser(), on: tx)
        }
        req.flash("Paramètres de la campagne enregistrés.")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    static func confirmClose(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard campaign.isOpen else { throw Abort(.notFound) }
        return try await ConfirmPage.render(req, heading: "Clôturer la campagne \(campaign.year) ?",
            message: "Les adhérents ne pourront plus modifier ni transmettre de réponse. Les réponses déjà transmises restent à valider.",
            action: SiteURL.closeCampaign(campaign.year).path, confirmLabel: "Clôturer la campagne", cancel: SiteURL.campaign(campaign.year).path)
    }

    static func close(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard campaign.isOpen else { throw Abort(.notFound) }
        let before = campaign.auditSnapshot
        campaign.status = CampaignStatus.closed.rawValue
        campaign.closedAt = Date()
        try await req.db.transaction { tx in
            try await campaign.save(on: tx)
            try await Audit.record(.update, campaign, summary: "Clôture de la campagne \(campaign.year)", before: before, actor: try req.requireUser(), on: tx)
        }
        req.flash("Campagne \(campaign.year) clôturée.")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    static func renderForm(_ req: Request, _ form: CampaignForm, _ errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        struct Body: Encodable, Sendable { let settings: CampaignFormPage }
        let page = Body(settings: CampaignFormPage(form: form, errors: errors, action: SiteURL.campaigns.path, isNew: true))
        return try await req.renderPage("observatory/campaign-form", title: "Ouvrir une campagne", page, status: status)
    }
}
