import Fluent
import Foundation
import MaillageCore
import Vapor

/// The home page is « what to do now »: each role the person holds adds its part (the
/// national office's, a delegation's, a member's, the others' figures), the first one names
/// the page. A handful of reads in all, whatever the number of structures.
enum HomeController {
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let campaigns = try await HomeTasks.campaigns(on: req.db)
        let delegation = user.delegatedDelegationIDs.first.flatMap { map.delegation(id: $0) }
        let isMember = !user.managedStructureIDs.isEmpty
        let heading = user.isNationalAdmin ? "Tableau de bord national"
            : delegation.map { "Délégation \($0.name)" } ?? (isMember ? "Mon espace adhérent" : "Accueil")
        var page = HomePage(heading: heading)
        let isDelegate = !user.isNationalAdmin && !user.delegatedDelegationIDs.isEmpty
        // Releases matter to all but a delegate only: their figures are live.
        var releases: [ObservatoryRelease] = []
        if !isDelegate || isMember { releases = try await HomeTasks.releases(on: req.db) }
        var sections: [HomePage.Section] = []
        if user.isNationalAdmin {
            sections.append(try await national(req, &page, campaigns: campaigns, releases: releases, map: map, today: today))
        } else if isDelegate {
            sections += try await delegate(req, &page, user: user, campaigns: campaigns, map: map, today: today)
        }
        if isMember {
            sections.append(try await member(req, &page, user: user, campaigns: campaigns, releases: releases, today: today))
        }
        if !user.isNationalAdmin && !isDelegate {
            try await network(req, &page, user: user, campaigns: campaigns, releases: releases, showTiles: !isMember)
        }
        if let dues = try await DuesHomeTasks.section(req, user: user, map: map, today: today) { sections.append(dues) }
        if let legal = try await LegalHomeTasks.section(req, user: user, today: today) { sections.append(legal) }
        if let training = try await RegistrationHomeTasks.section(req, user: user, today: today) { sections.append(training) }
        if let training = try await TrainerHomeTasks.section(req, user: user, today: today) { sections.append(training) }
        sections += try await QualityHomeTasks.sections(req, user: user, map: map, today: today)
        page.sections = sections.isEmpty ? nil : sections
        return try await req.renderPage("home/index", title: page.heading, page)
    }

    static func countsTable(_ caption: String, _ first: String, _ counts: NetworkCounts) -> HomePage.CountsTable {
        HomePage.CountsTable(caption: caption, firstColumn: first, headers: counts.types.map(\.shortLabel) + ["Autres"],
                             lines: counts.lines, totals: counts.totals)
    }

    static func tile(_ label: String, _ n: Int, note: String? = nil, href: String? = nil) -> HomePage.Tile {
        HomePage.Tile(label: label, value: ReportFormat.text(String(n), .count), note: note, href: href)
    }
}

// MARK: - National office

extension HomeController {
    /// The open campaign's progress and what waits for the national office, with key figures.
    static func national(_ req: Request, _ page: inout HomePage, campaigns: [Campaign], releases: [ObservatoryRelease],
                         map: NetworkMap, today: Day) async throws -> HomePage.Section {
        let counts = NetworkCounts.group(try await NetworkCounts.members(on: req.db), by: { dep in
            map.delegation(ofDepartment: dep).map { ($0.code, $0.name) } ?? ("—", "Hors délégation")
        }, order: map.delegations.map(\.code))
        var tasks: [HomeTask] = []
        var tiles = [tile("Structures adhérentes", counts.totals.total, note: "en cours d'adhésion", href: req.link(to: .directory)),
                     tile("Délégations régionales", map.delegations.count, href: req.link(to: .delegations))]
        if let c = campaigns.first(where: \.isOpen) {
            let byDelegation = try await HomeTasks.progress(c, map: map, on: req.db)
            let total = byDelegation.values.reduce(into: HomeTasks.Progress()) { $0.merge($1) }
            tasks += campaignTasks(req, c, total: total, deadline: Deadline(iso: c.closesOn, today: today))
            tiles.append(tile("Réponses validées", total.validated,
                              note: "Observatoire \(c.year), sur \(FrenchFormat.plural(total.expected, "attendue", "attendues"))",
                              href: req.link(to: .campaign(c.year))))
            page.progress = progressTable(c, byDelegation: byDelegation, total: total, map: map, href: req.link(to: .campaign(c.year)))
        }
        let outbox = try await HomeTasks.outboxCount(on: req.db)
        let pendingMail = req.link(to: .outbox, query: ["statut": OutboxFilters.Status.pending.rawValue])
        tasks += try await officeTasks(req, campaigns: campaigns, releases: releases, outbox: outbox, outboxHref: pendingMail)
        tiles.append(tile("Courriels en attente", outbox, href: pendingMail))
        page.setIntro("\(FrenchFormat.plural(counts.totals.total, "adhérent", "adhérents")) en cours d'adhésion dans \(FrenchFormat.plural(map.delegations.count, "délégation", "délégations")).")
        page.tiles = [HomePage.Tiles(id: "chiffres-cles", title: "Chiffres clés", intro: nil, items: tiles)]
        page.table = countsTable("Adhérents par délégation et par type", "Délégation", counts)
        return HomePage.Section(id: "a-faire", title: "À traiter par l'équipe nationale", tasks: tasks,
                                empty: "Rien n'attend l'équipe nationale pour l'instant.")
    }

    /// The open campaign: answers to validate, and its closing date (to close once passed).
    static func campaignTasks(_ req: Request, _ c: Campaign, total: HomeTasks.Progress, deadline: Deadline?) -> [HomeTask] {
        var tasks: [HomeTask] = []
        if total.submitted > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(total.submitted, "réponse transmise attend", "réponses transmises attendent") + " une validation (Observatoire \(c.year))",
                                  count: total.submitted, href: req.link(to: .validationQueue(c.year)), urgency: deadline?.urgency == .late ? .late : .info))
        }
        guard let deadline else { return tasks }
        if deadline.daysLeft < 0 {
            tasks.append(HomeTask("La date de clôture de la campagne \(c.year) est passée : clôturer la campagne",
                                  deadline: "Clôture prévue le \(FrenchFormat.longDate(deadline.day)) (\(deadline.distance))",
                                  href: req.link(to: .closeCampaign(c.year)), urgency: .late))
        } else {
            tasks.append(HomeTask("La campagne \(c.year) se clôt le \(FrenchFormat.longDate(deadline.day)) : "
                                    + FrenchFormat.plural(total.notTransmitted, "réponse attendue n'est pas encore transmise", "réponses attendues ne sont pas encore transmises"),
                                  count: total.notTransmitted, deadline: "Clôture \(deadline.distance)",
                                  href: req.link(to: .campaign(c.year)), urgency: deadline.urgency))
        }
        return tasks
    }

    /// Closed campaigns not published, files uploaded but not applied, messages not sent.
    static func officeTasks(_ req: Request, campaigns: [Campaign], releases: [ObservatoryRelease],
                            outbox: Int, outboxHref: String?) async throws -> [HomeTask] {
        var tasks: [HomeTask] = []
        let published = Set(releases.map { $0.$campaign.id })
        for c in campaigns where !c.isOpen && !published.contains(c.id!) {
            tasks.append(HomeTask("Les chiffres de la campagne \(c.year) ne sont pas publiés", href: req.link(to: .newRelease(c.year))))
        }
        let imports = try await HomeTasks.unappliedImports(since: req.services.clock.now.addingTimeInterval(-30 * 86_400), on: req.db)
        if imports.members > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(imports.members, "fichier d'adhérents déposé ces 30 derniers jours n'a pas été appliqué",
                                                      "fichiers d'adhérents déposés ces 30 derniers jours n'ont pas été appliqués"),
                                  count: imports.members, href: req.link(to: .importMembers)))
        }
        if imports.answers > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(imports.answers, "fichier de réponses déposé ces 30 derniers jours n'a pas été appliqué",
                                                      "fichiers de réponses déposés ces 30 derniers jours n'ont pas été appliqués"),
                                  count: imports.answers, href: req.link(to: .observatory)))
        }
        if outbox > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(outbox, "courriel attend dans la file d'envoi", "courriels attendent dans la file d'envoi"),
                                  count: outbox, href: outboxHref))
        }
        return tasks
    }

    /// Delegations by response rate, best first; equal rates by name.
    static func progressTable(_ c: Campaign, byDelegation: [String: HomeTasks.Progress], total: HomeTasks.Progress,
                              map: NetworkMap, href: String?) -> HomePage.ProgressTable {
        let rows = byDelegation.map { (code: $0.key, name: map.delegation(code: $0.key)?.name ?? "Hors délégation", progress: $0.value) }
            .sorted { a, b in
                let ra = a.progress.rate ?? Exact(-1), rb = b.progress.rate ?? Exact(-1)
                return ra != rb ? ra > rb : a.name < b.name
            }
        return HomePage.ProgressTable(
            caption: "Avancement de la campagne \(c.year) par délégation",
            summary: "\(FrenchFormat.plural(total.transmitted, "réponse transmise", "réponses transmises")) sur \(FrenchFormat.plural(total.expected, "attendue", "attendues")), dont \(FrenchFormat.plural(total.validated, "validée", "validées")) ; taux de réponse \(total.rate.map(FrenchFormat.percent) ?? "—").",
            rows: rows.map { HomePage.ProgressTable.row($0.name, $0.progress) },
            total: HomePage.ProgressTable.row("Ensemble", total), href: href)
    }
}

// MARK: - Regional delegate

extension HomeController {
    /// Per delegation followed: answers to validate, members late, answers returned.
    static func delegate(_ req: Request, _ page: inout HomePage, user: CurrentUser, campaigns: [Campaign],
                         map: NetworkMap, today: Day) async throws -> [HomePage.Section] {
        let followed = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        let departments = followed.flatMap(\.departments)
        let counts = NetworkCounts.group(try await NetworkCounts.members(on: req.db, departments: departments), by: { dep in
            (dep, Departments.named(dep).map { "\($0.name) (\(dep))" } ?? dep)
        }, order: departments)
        page.setIntro("\(FrenchFormat.plural(counts.totals.total, "adhérent", "adhérents")) en cours d'adhésion dans votre délégation.")
        page.table = countsTable("Adhérents par département et par type", "Département", counts)
        guard let c = campaigns.first(where: \.isOpen) else {
            return [HomePage.Section(id: "a-faire", title: "À traiter", tasks: [], empty: "Aucune campagne de l'Observatoire n'est ouverte : rien n'attend votre validation.")]
        }
        let byDelegation = try await HomeTasks.progress(c, map: map, only: Set(followed.map(\.delegationID)), on: req.db)
        let deadline = Deadline(iso: c.closesOn, today: today)
        if followed.count == 1, let p = byDelegation[followed[0].code] {
            page.tiles = [HomePage.Tiles(id: "chiffres-cles", title: "Campagne \(c.year) en chiffres", intro: nil, items: [
                tile("Réponses attendues", p.expected, note: "Observatoire \(c.year)"),
                tile("Réponses transmises", p.transmitted, note: "dont \(FrenchFormat.plural(p.validated, "validée", "validées"))"),
                HomePage.Tile(label: "Taux de réponse", value: p.rate.map(FrenchFormat.percent) ?? "—", note: nil, href: req.link(to: .campaign(c.year))),
            ])]
        }
        return followed.map { d in
            HomePage.Section(id: "a-faire-\(d.code.lowercased())", title: "Observatoire \(c.year) : délégation \(d.name)",
                             tasks: delegationTasks(req, c, byDelegation[d.code] ?? HomeTasks.Progress(), deadline: deadline),
                             empty: "Toutes les réponses attendues sont transmises et validées.")
        }
    }

    static func delegationTasks(_ req: Request, _ c: Campaign, _ p: HomeTasks.Progress, deadline: Deadline?) -> [HomeTask] {
        var tasks: [HomeTask] = []
        if p.submitted > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(p.submitted, "réponse transmise attend", "réponses transmises attendent") + " votre validation",
                                  count: p.submitted, href: req.link(to: .validationQueue(c.year)), urgency: deadline?.urgency ?? .info))
        }
        let late = p.notStarted + p.draft
        if late > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(late, "réponse attendue n'est pas encore transmise", "réponses attendues ne sont pas encore transmises")
                                    + " (\(FrenchFormat.plural(p.notStarted, "non commencée", "non commencées")), \(FrenchFormat.plural(p.draft, "brouillon", "brouillons")))",
                                  count: late, deadline: deadline.map { "Clôture de la campagne \($0.sentence)" },
                                  href: req.link(to: .campaign(c.year)), urgency: deadline?.urgency ?? .info))
        }
        if p.returned > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(p.returned, "réponse renvoyée attend", "réponses renvoyées attendent") + " la correction du membre",
                                  count: p.returned, href: req.link(to: .validationQueue(c.year))))
        }
        return tasks
    }
}
