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
        // The national report only where this person has figures to read: live (admins), or a
        // published release; a delegate's own delegation report is always live for them.
        let live = user.isNationalAdmin
        let published = Set(try await ObservatoryRelease.query(on: req.db).all(\.$campaign.$id))
        let mine = try await myAnswers(user, campaigns: campaigns, published: published, on: req.db)
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

    /// A member manager's answers: each managed structure × type for each open campaign (owed
    /// or not), then every answer of a past campaign; each with its benchmark once transmitted
    /// (a past year's once its figures are published: `published` holds those campaigns).
    static func myAnswers(_ user: CurrentUser, campaigns: [Campaign], published: Set<UUID>, on db: any Database) async throws -> [ObservatoryIndexPage.MyAnswer] {
        guard !user.managedStructureIDs.isEmpty else { return [] }
        let structures = try await Structure.query(on: db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
        var out: [ObservatoryIndexPage.MyAnswer] = []
        for c in campaigns {
            let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == c.requireID())
                .filter(\.$structure.$id ~~ Array(user.managedStructureIDs)).all()
            for s in structures {
                for type in CampaignDefaults.answeringTypes(s.types) {
                    let a = answers.first { $0.$structure.id == s.id && $0.type == type }
                    guard c.isOpen || a != nil else { continue }
                    let benchmark = a?.answerStatus.counts == true && (c.isOpen || published.contains(c.id!))
                    out.append(.init(year: c.year, structure: s.name, type: StructureType(rawValue: type)?.shortLabel ?? type,
                                     status: a?.answerStatus.label ?? "Non commencée", statusKey: a?.status ?? "not_started",
                                     href: SiteURL.answer(c.year, s.id!, type).path,
                                     benchmarkHref: benchmark ? SiteURL.benchmark(c.year, s.id!).path : nil))
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
            message: "La campagne passe en lecture seule : plus aucune réponse ne pourra être modifiée, transmise, validée, renvoyée ni importée, "
                + "et plus aucune relance envoyée. Validez d'abord les réponses transmises. Un administrateur national pourra la rouvrir.",
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

    /// The confirmation of a reopening: what it does, and the new close date it needs.
    static func confirmReopen(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        // An open campaign: the page says so, with nothing to confirm.
        guard !campaign.isOpen else { return try await renderReopen(req, campaign, ReopenForm(), FieldErrors()) }
        let suggested = Calendar(identifier: .gregorian).date(byAdding: .day, value: 14, to: req.services.clock.now) ?? req.services.clock.now
        return try await renderReopen(req, campaign, ReopenForm(closes_on: FrenchFormat.date(CampaignForm.iso(suggested))), FieldErrors())
    }

    /// Reopens a closed campaign until the new close date (national admins, after the
    /// confirmation page): members can edit and submit again, delegates validate, reminders
    /// go out, and its figures are provisional again until a new release. Audited.
    static func reopen(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard !campaign.isOpen else { return alreadyOpen(req, campaign) }
        let form = try req.form(ReopenForm.self)
        guard form.confirm == "1" else { return try await renderReopen(req, campaign, form, FieldErrors()) }
        let (closesOn, errors) = form.validate(campaign, today: CampaignForm.iso(req.services.clock.now))
        guard let closesOn else { return try await renderReopen(req, campaign, form, errors, status: .unprocessableEntity) }
        let before = campaign.auditSnapshot
        campaign.status = CampaignStatus.open.rawValue
        campaign.closedAt = nil
        campaign.closesOn = closesOn
        try await req.db.transaction { tx in
            try await campaign.save(on: tx)
            try await Audit.record(.update, campaign, summary: "Réouverture de la campagne \(campaign.year) jusqu'au \(FrenchFormat.date(closesOn))",
                                   before: before, actor: try req.requireUser(), on: tx)
        }
        req.flash("Campagne \(campaign.year) rouverte jusqu'au \(FrenchFormat.date(closesOn)) : les adhérents peuvent à nouveau répondre.")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    private static func alreadyOpen(_ req: Request, _ campaign: Campaign) -> Response {
        req.flash("La campagne \(campaign.year) est déjà ouverte.", kind: "info")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }

    static func renderReopen(_ req: Request, _ campaign: Campaign, _ form: ReopenForm, _ errors: FieldErrors,
                             status: HTTPStatus = .ok) async throws -> Response {
        try await req.renderPage("observatory/reopen", title: "Rouvrir la campagne \(campaign.year) ?",
                                 ReopenPage(campaign, form: form, errors: errors), status: status)
    }

    static func renderForm(_ req: Request, _ form: CampaignForm, _ errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        struct Body: Encodable, Sendable { let settings: CampaignFormPage }
        let page = Body(settings: CampaignFormPage(form: form, errors: errors, action: SiteURL.campaigns.path, isNew: true))
        return try await req.renderPage("observatory/campaign-form", title: "Ouvrir une campagne", page, status: status)
    }
}

/// The reopening form: the confirmation, and the new close date.
struct ReopenForm: Content, Sendable {
    var closes_on: String?
    var confirm: String?

    /// The new close date as an ISO day, or the problem next to the field: a real date, after
    /// today (a campaign reopened until a past day would be closed already) and not before
    /// the campaign's opening.
    func validate(_ campaign: Campaign, today: String) -> (String?, FieldErrors) {
        var errors = FieldErrors()
        guard let day = FrenchFormat.parseDay(closes_on ?? "") else {
            errors.add("closes_on", "Date invalide : utilisez le format jj/mm/aaaa.")
            return (nil, errors)
        }
        if day <= today {
            errors.add("closes_on", "La nouvelle date de clôture doit être dans le futur (après le \(FrenchFormat.date(today))).")
        } else if day < campaign.opensOn {
            errors.add("closes_on", "La clôture doit suivre l'ouverture (\(FrenchFormat.date(campaign.opensOn))).")
        }
        return errors.isEmpty ? (day, errors) : (nil, errors)
    }
}

struct ReopenPage: Encodable, Sendable {
    let year: Int
    /// "La campagne 2024 est ouverte jusqu'au 31/05/2025 : il n'y a rien à rouvrir." (no form then).
    let alreadyOpen: String?
    let closedOn: String?
    /// What reopening does, one sentence each.
    let effects: [String]
    let form: ReopenForm
    let errors: FieldErrors
    let action: String
    let cancel: String

    init(_ c: Campaign, form: ReopenForm, errors: FieldErrors) {
        year = c.year
        alreadyOpen = c.isOpen ? "La campagne \(c.year) est ouverte jusqu'au \(FrenchFormat.date(c.closesOn)) : il n'y a rien à rouvrir." : nil
        closedOn = c.closedAt.map { "Clôturée le \(FrenchFormat.dateTime($0))." }
        effects = [
            "Les adhérents pourront à nouveau modifier et transmettre leurs réponses, les délégués les valider ou les renvoyer.",
            "Les imports de réponses et les relances seront de nouveau possibles.",
            "Les chiffres de la campagne redeviennent provisoires jusqu'à une nouvelle publication ; les publications déjà faites ne changent pas.",
            "La campagne se clôture à nouveau à la date indiquée ci-dessous, qui doit être dans le futur.",
        ]
        self.form = form
        self.errors = errors
        action = SiteURL.submitReopenCampaign(c.year).path
        cancel = SiteURL.campaign(c.year).path
    }
}
