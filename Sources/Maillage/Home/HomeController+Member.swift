import Fluent
import Foundation
import MaillageCore
import Vapor

// MARK: - Member manager

extension HomeController {
    /// For each structure managed and each type it answers for, the open campaign's answer:
    /// to start, to finish, to correct (with the delegate's comment), waiting, validated.
    /// Then the benchmark of the latest published campaign, and the answers of past years.
    static func member(_ req: Request, _ page: inout HomePage, user: CurrentUser, campaigns: [Campaign],
                       releases: [ObservatoryRelease], today: Day) async throws -> HomePage.Section {
        let ids = Array(user.managedStructureIDs)
        let structures = try await Structure.query(on: req.db).filter(\.$id ~~ ids).sort(\.$name).all()
        let states = try await HomeTasks.answerStates(structures: ids, on: req.db)
        var byKey: [String: HomeTasks.AnswerState] = [:]
        for a in states { byKey["\(a.campaignID)|\(a.structureID)|\(a.type)"] = a }
        let current: Set<String> = [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]
        var tasks: [HomeTask] = []
        for c in campaigns where c.isOpen {
            let deadline = Deadline(iso: c.closesOn, today: today)
            for s in structures {
                let sid = try s.requireID()
                for type in CampaignDefaults.answeringTypes(s.types) {
                    let answer = byKey["\(c.id!)|\(sid)|\(type)"]
                    // A structure that is no longer a member owes nothing it has not begun.
                    guard answer != nil || current.contains(s.status) else { continue }
                    let href = try await req.link(to: .answer(c.year, sid, type), on: s)
                    tasks.append(answerTask(c, s, type: type, answer: answer, deadline: deadline, href: href))
                }
            }
        }
        page.setIntro(structures.count > 1 ? "Vous gérez \(structures.count) structures." : "Votre structure dans le réseau.")
        var cards: [HomePage.Card] = []
        for s in structures {
            cards.append(HomePage.Card(name: s.name, href: try await req.link(to: .structure(try s.requireID()), on: s),
                                       types: s.types.map(\.shortLabel).joined(separator: ", "), commune: s.commune,
                                       status: (DirectoryStatus(rawValue: s.status) ?? .none).label))
        }
        page.cards = cards.isEmpty ? nil : cards
        let benchmarks = try await benchmarkLinks(req, structures: structures, states: states, campaigns: campaigns, releases: releases)
        page.reports = benchmarks.isEmpty ? nil : benchmarks
        page.history = try await history(req, structures: structures, campaigns: campaigns.filter { !$0.isOpen }, byKey: byKey)
        return HomePage.Section(id: "mes-reponses", title: "Mes réponses à l'Observatoire", tasks: tasks,
                                empty: campaigns.contains(where: \.isOpen) ? "Aucune réponse n'est attendue de vos structures."
                                    : "Aucune enquête de l'Observatoire n'est ouverte en ce moment.")
    }

    /// The benchmark of the latest published campaign, for each structure counted in it.
    static func benchmarkLinks(_ req: Request, structures: [Structure], states: [HomeTasks.AnswerState], campaigns: [Campaign],
                               releases: [ObservatoryRelease]) async throws -> [HomePage.Link] {
        guard let (c, release) = HomeTasks.latestRelease(campaigns: campaigns, releases: releases) else { return [] }
        var links: [HomePage.Link] = []
        for s in structures where states.contains(where: { $0.campaignID == c.id && $0.structureID == s.id && $0.status.counts }) {
            guard let href = try await req.link(to: .benchmark(c.year, try s.requireID()), on: s) else { continue }
            links.append(HomePage.Link(label: "Positionnement de \(s.name) parmi les structures de son type — données \(c.year)", href: href,
                                       note: "Publication n°\u{00A0}\(release.number) du \(Day.today(now: release.publishedAt).french)"))
        }
        return links
    }

    static func answerTask(_ c: Campaign, _ s: Structure, type: String, answer: HomeTasks.AnswerState?, deadline: Deadline?,
                           href: String?) -> HomeTask {
        let label = "\(s.name) (\(StructureType(rawValue: type)?.shortLabel ?? type))"
        let due = deadline.map { "À transmettre \($0.sentence)" }
        let urgency = deadline?.urgency ?? .info
        switch answer?.status {
        case nil:
            return HomeTask("Répondre à l'enquête de l'Observatoire \(c.year) pour \(label)", deadline: due, href: href, urgency: urgency)
        case .draft:
            return HomeTask("Terminer et transmettre votre réponse \(c.year) pour \(label) (brouillon enregistré)", deadline: due, href: href, urgency: urgency)
        case .returned:
            return HomeTask("Corriger votre réponse \(c.year) pour \(label) : la délégation vous l'a renvoyée", deadline: due,
                            detail: answer?.returnComment, href: href, urgency: urgency == .info ? .soon : urgency)
        case .submitted:
            let when = answer?.submittedAt.map { " le \(Day.today(now: $0).french)" } ?? ""
            return HomeTask("Votre réponse \(c.year) pour \(label) a été transmise\(when) : elle attend la validation de la délégation", href: href)
        case .validated:
            return HomeTask("Votre réponse \(c.year) pour \(label) est validée", href: href)
        }
    }

    /// « Mes réponses des années passées »: every answer of a closed campaign, newest first.
    static func history(_ req: Request, structures: [Structure], campaigns: [Campaign],
                        byKey: [String: HomeTasks.AnswerState]) async throws -> [HomePage.Link]? {
        var out: [HomePage.Link] = []
        for c in campaigns {
            for s in structures {
                for type in ReportPage.ordered(s.types.map(\.rawValue)) {
                    guard let a = byKey["\(c.id!)|\(s.id!)|\(type)"],
                          let href = try await req.link(to: .answer(c.year, s.id!, type), on: s) else { continue }
                    out.append(HomePage.Link(label: "Données \(c.year) — \(s.name) (\(StructureType(rawValue: type)?.shortLabel ?? type))",
                                             href: href, note: a.status.label))
                }
            }
        }
        return out.isEmpty ? nil : out
    }
}

// MARK: - Jurist, trainer, board member (and any role without a task list)

extension HomeController {
    /// The directory's search box, the latest published figures (never live ones, never a
    /// secret cell) and the published reports.
    static func network(_ req: Request, _ page: inout HomePage, user: CurrentUser, campaigns: [Campaign],
                        releases: [ObservatoryRelease], showTiles: Bool) async throws {
        page.setIntro(user.grants.isEmpty ? "Aucun rôle ne vous est encore attribué : l'équipe nationale vous donnera accès aux pages qui vous concernent."
                                           : "Bonjour \(user.displayName). Retrouvez ici l'annuaire des adhérents et les derniers chiffres publiés de l'Observatoire.")
        // A member's page stays on its own structures; the others search the directory from here.
        if showTiles { page.search = req.link(to: .directory).map { HomePage.Search(action: $0) } }
        var reports = page.reports ?? []
        for c in campaigns {
            guard let release = releases.last(where: { $0.$campaign.id == c.id }),
                  let href = req.link(to: .report(c.year)) else { continue }
            reports.append(HomePage.Link(label: "Rapport de l'Observatoire — données \(c.year)", href: href,
                                         note: "Publication n°\u{00A0}\(release.number) du \(Day.today(now: release.publishedAt).french)"))
        }
        page.reports = reports.isEmpty ? nil : reports
        guard showTiles, let (c, release) = HomeTasks.latestRelease(campaigns: campaigns, releases: releases),
              let reportHref = req.link(to: .report(c.year)) else { return }
        let released = try await ReleaseService.cube(of: release, on: req.db, cache: req.services.figures)
        let tiles = publishedTiles(released.cube, members: released.members.count, href: reportHref)
        guard !tiles.isEmpty else { return }
        page.figures = [HomePage.Tiles(id: "chiffres-publies", title: "Le réseau en chiffres — données \(c.year)",
                                      intro: "Publication n°\u{00A0}\(release.number) du \(FrenchFormat.dateTime(release.publishedAt)) : chiffres arrêtés à cette date ; un chiffre calculé sur moins de \(released.settings.k) structures n'est pas publié.",
                                      items: tiles)]
    }

    /// The network's key figures as published: a figure under statistical secrecy (or not
    /// published at all) gets no tile.
    static func publishedTiles(_ cube: FigureCube, members: Int, href: String) -> [HomePage.Tile] {
        let wanted: [(String, String, String, ReportFormat.Kind)] = [
            ("Taux de réponse", "response", "rate", .percent),
            ("Salariés en parcours d'insertion", "insertion_persons", "sum", .count),
            ("ETP des salariés en insertion", "insertion_etp", "sum", .decimal),
            ("Taux de sorties dynamiques", "dynamic_exit_rate", "rate", .percent),
            ("Part des ressources issue de l'activité économique", "economic_resources_share", "share", .percent),
        ]
        return wanted.compactMap { label, indicator, statistic, kind in
            guard case .value(let value, let n) = Published(cube.figure(indicator, statistic)) else { return nil }
            let note = indicator == "response"
                ? "\(FrenchFormat.plural(n, "réponse", "réponses")) sur \(FrenchFormat.plural(members, "adhérent", "adhérents"))"
                : "sur \(FrenchFormat.plural(n, "structure", "structures"))"
            return HomePage.Tile(label: label, value: ReportFormat.text(value, kind), note: note, href: indicator == "response" ? href : nil)
        }
    }
}
