import Fluent
import Foundation
import MaillageCore
import Vapor

/// The figures of a campaign one person sees: the live figures (provisional, recomputed at
/// each answer) for those who follow the survey, a published release for everyone else.
struct FigureView: Sendable {
    let cube: FigureCube
    let members: [SurveyMember]
    let settings: StatisticsSettings
    /// The release shown; nil for live figures.
    let release: ObservatoryRelease?

    var isProvisional: Bool { release == nil }

    /// The cover's line saying which figures these are.
    var edition: String {
        guard let release else {
            return "Chiffres provisoires, recalculés à chaque réponse : réservés à l'équipe nationale et, pour sa délégation, au délégué régional ; ils ne sont pas publiés."
        }
        return "Publication n°\u{00A0}\(release.number) du \(FrenchFormat.dateTime(release.publishedAt)) : chiffres arrêtés à cette date."
    }
}

extension Request {
    /// Live figures for admins, and for delegates on their own delegation (`delegation`: the
    /// scope asked, nil for national figures), unless they ask for a release
    /// (`?publication=N`); the latest release (or the one asked for) otherwise; nil when
    /// nothing is published that this person may see.
    func figureView(_ campaign: Campaign, delegation: String? = nil) async throws -> FigureView? {
        let asked = try? query.get(Int.self, at: "publication")
        if asked == nil, let user = currentUser,
           Policy.mayFollowLiveFigures(user, delegation: delegation, map: try await services.networkMaps.forYear(campaign.year, on: db)) {
            let live = try await ObservatoryData.computed(campaign, on: db, cache: services.figures)
            return FigureView(cube: live.cube, members: live.members, settings: campaign.settings, release: nil)
        }
        var releases = try ObservatoryRelease.headers(of: campaign, on: db)
        if let asked { releases = releases.filter(\.$number == asked) }
        guard let release = try await releases.sort(\.$number, .descending).first() else { return nil }
        let entry = try await ReleaseService.cube(of: release, on: db, cache: services.figures)
        return FigureView(cube: entry.cube, members: entry.members, settings: entry.settings, release: release)
    }

    /// The same, or a 404 saying that the figures are not published yet.
    func requireFigureView(_ campaign: Campaign, delegation: String? = nil) async throws -> FigureView {
        guard let view = try await figureView(campaign, delegation: delegation) else {
            throw Abort(.notFound, reason: "Les chiffres de l'Observatoire \(campaign.year) ne sont pas encore publiés.")
        }
        return view
    }
}
