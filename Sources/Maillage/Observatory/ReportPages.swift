import Fluent
import Foundation
import MaillageCore
import Vapor

/// What every report page of a campaign is built from: its cube (cached), the delegation
/// map of its data year, and the members active at its opening.
struct ReportSource: Sendable {
    let campaign: Campaign
    let cube: FigureCube
    let map: NetworkMap
    let members: [SurveyMember]
    /// Live (provisional) figures or a published release: what this person may see.
    let view: FigureView

    /// `delegation`: the delegation the page is about, nil for national figures (which
    /// figures a delegate sees depends on it).
    static func load(_ req: Request, delegation: String? = nil) async throws -> ReportSource {
        let campaign = try await req.campaign()
        let view = try await req.requireFigureView(campaign, delegation: delegation)
        return ReportSource(campaign: campaign, cube: view.cube,
                            map: try await req.services.networkMaps.forYear(campaign.year, on: req.db), members: view.members, view: view)
    }

    /// The report's input for the network ("ALL") or a delegation, with up to two previous
    /// campaigns for the three-year table.
    func input(_ req: Request, delegation: String) async throws -> ReportInput {
        let figures = ReportFigures(cube: cube, delegation: delegation)
        var history: [(year: Int, figures: ReportFigures)] = []
        for year in [campaign.year - 2, campaign.year - 1] {
            // Past years as this person may see them: live, or their latest release (none: left out).
            guard let past = try await Campaign.find(year: year, on: req.db), let pastView = try await req.figureView(past, delegation: delegation == Figure.all ? nil : delegation) else { continue }
            history.append((year, ReportFigures(cube: pastView.cube, delegation: delegation)))
        }
        history.append((campaign.year, figures))
        return ReportInput(
            year: campaign.year, scope: delegation == Figure.all ? "national" : delegation, figures: figures,
            types: ReportPage.ordered(cube.types).filter { figures.get("response", "rate", type: $0) != .absent },
            members: members.filter { delegation == Figure.all || $0.delegation == delegation },
            history: history, unemployedETPCost: campaign.unemployedETPCost)
    }

    /// Types with a portrait: the four of the 2024 report, and any other type that answered.
    var portraitTypes: [String] {
        ReportPage.ordered(["AI", "ACI", "EI", "ETTI"] + cube.types).filter { $0 != StructureType.ges.rawValue }
    }

    /// A type whose portrait can be asked for: any type that answers the survey.
    static func isPortraitType(_ code: String) -> Bool {
        StructureType(rawValue: code).map { CampaignDefaults.answeringTypes([$0]).isEmpty == false } ?? false
    }
}

extension ReportPage {
    /// The national report or a delegation's ("la région en chiffres").
    static func report(_ source: ReportSource, _ input: ReportInput, delegation: NetworkMap.Entry?) -> ReportPage {
        let c = source.campaign
        let sections = ReportSections.all(input)
        let response = input.figures.get("response", "rate")
        let scopeLabel = delegation.map {
            "Délégation \($0.name) : départements \(frenchList($0.departments))."
        } ?? "Ensemble du réseau : \(FrenchFormat.plural(source.map.delegations.count, "délégation régionale", "délégations régionales"))."
        return ReportPage(
            heading: "\(delegation.map { "Délégation \($0.name)" } ?? "Réseau") en chiffres — données \(c.year)",
            kicker: "Observatoire \(c.year)", scopeLabel: scopeLabel, survey: surveySentence(c),
            responseRate: ReportFormat.responseRate(answers: response.n ?? 0, members: input.members.count, rate: response.decimal),
            secrecy: secrecySentence(k: c.k), secretTitle: secretTitle(k: c.k), method: nil,
            backHref: delegation == nil ? nil : SiteURL.report(c.year).path,
            backLabel: delegation == nil ? nil : "Rapport national \(c.year)",
            delegationLinks: delegation != nil || source.map.delegations.isEmpty ? nil : source.map.delegations.map {
                ReportLink(label: $0.name, href: SiteURL.delegationReport(c.year, $0.code).path)
            },
            portraitLinks: source.portraitTypes.map { ReportLink(label: typeLabel($0), href: SiteURL.portrait(c.year, $0).path) },
            jsonHref: SiteURL.figuresJSON(c.year).path(query: ["perimetre": input.scope]),
            contents: contents(sections), sections: sections)
    }

    /// The median portrait of one type, over the whole network.
    static func portrait(_ source: ReportSource, type: String) -> ReportPage {
        let c = source.campaign
        let figures = ReportFigures(cube: source.cube, delegation: Figure.all)
        let sections = ReportPortrait.sections(figures, type: type, year: c.year)
        let response = figures.get("response", "rate", type: type)
        let members = source.members.filter { $0.types.contains(type) }.count
        let name = StructureType(rawValue: type)?.label.lowercased() ?? type
        return ReportPage(
            heading: "Portrait médian : \(typeLabel(type)) — données \(c.year)",
            kicker: "Observatoire \(c.year) · portrait médian", scopeLabel: "Structures conventionnées \(ReportPage.shortType(type)) (\(name)) de l'ensemble du réseau.",
            survey: surveySentence(c),
            responseRate: ReportFormat.responseRate(answers: response.n ?? 0, members: members, rate: response.decimal),
            secrecy: secrecySentence(k: c.k), secretTitle: secretTitle(k: c.k),
            method: "Médiane : la moitié des structures du type se situe au-dessous, l'autre moitié au-dessus ; un quart se situe sous le 1er quartile, un quart au-dessus du 3e. Chaque chiffre porte sur les structures qui ont renseigné la question (colonne «\u{00A0}Structures\u{00A0}»).",
            backHref: SiteURL.report(c.year).path, backLabel: "Rapport national \(c.year)",
            delegationLinks: nil,
            portraitLinks: source.portraitTypes.filter { $0 != type }.map { ReportLink(label: typeLabel($0), href: SiteURL.portrait(c.year, $0).path) },
            jsonHref: SiteURL.figuresJSON(c.year).path(query: ["perimetre": "national"]),
            contents: contents(sections), sections: sections)
    }

    /// "44, 49, 53, 72 et 85".
    static func frenchList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " et " + items.last!
    }
}
