import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/observatoire/:year/publications`: the campaign's published releases, publishing the next
/// one (national admins, after a confirmation), and each release's figures as downloaded.
enum ReleaseController {
    struct ListPage: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            let number: Int
            let publishedAt: String
            let answers: String
            let reportHref: String
            let jsonHref: String
            let latest: Bool
        }
        let year: Int
        let heading: String
        let items: [Item]?
        let publishHref: String?
        let followHref: String?
    }

    static func index(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let releases = try await ObservatoryRelease.headers(of: campaign, on: req.db).sort(\.$number).all()
        let items = releases.reversed().map { r in
            ListPage.Item(number: r.number, publishedAt: FrenchFormat.dateTime(r.publishedAt), answers: FrenchFormat.integer(r.answers),
                          reportHref: SiteURL.report(campaign.year).path(query: ["publication": String(r.number)]),
                          jsonHref: SiteURL.releaseFigures(campaign.year, r.number).path, latest: r.number == releases.last?.number)
        }
        let page = ListPage(year: campaign.year, heading: "Publications des chiffres \(campaign.year)",
                            items: items.isEmpty ? nil : items,
                            publishHref: req.link(to: .newRelease(campaign.year)),
                            followHref: req.link(to: .campaign(campaign.year)))
        return try await req.renderPage("observatory/releases", title: page.heading, page)
    }

    static func confirm(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let count = try await ObservatoryData.units(campaign, on: req.db).count
        let earlier = try await ObservatoryRelease.headers(of: campaign, on: req.db).count()
        var message = "Les chiffres calculés sur les \(count) réponses reçues à ce jour seront figés et visibles par tous les adhérents, "
            + "avec la date de publication. Une publication ne se modifie ni ne se retire."
        if earlier > 0 {
            message += " Les chiffres qui ne changeraient, depuis une publication précédente, que par les réponses de moins de \(campaign.k) structures "
                + "ne seront pas republiés (secret statistique dans le temps)."
        }
        return try await ConfirmPage.render(req, heading: "Publier les chiffres \(campaign.year) ?", message: message,
                                            action: SiteURL.releases(campaign.year).path, confirmLabel: "Publier les chiffres",
                                            cancel: SiteURL.releases(campaign.year).path)
    }

    static func publish(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        struct Form: Content { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else { return req.redirect(to: SiteURL.newRelease(campaign.year).path) }
        let release = try await ReleaseService.publish(campaign, by: req.currentUser, on: req.db)
        req.flash("Publication n° \(release.number) des chiffres \(campaign.year) enregistrée.")
        return req.redirect(to: SiteURL.releases(campaign.year).path)
    }

    /// `/observatoire/:year/publications/:number/chiffres.json?perimetre=national|CODE`: as published.
    static func document(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard let number = req.parameters.get("number", as: Int.self),
              let release = try await ObservatoryRelease.headers(of: campaign, on: req.db).filter(\.$number == number).first() else {
            throw Abort(.notFound, reason: "Cette publication n'existe pas.")
        }
        let scope = req.query[String.self, at: "perimetre"] ?? "national"
        guard let json = try await ReleaseService.document(of: release, scope: scope, on: req.db) else {
            throw Abort(.notFound, reason: "Périmètre inconnu : « \(scope) ».")
        }
        let res = Response(status: .ok, body: .init(string: json))
        res.headers.contentType = .json
        FiguresDocument.label(&res.headers, release: release)
        return res
    }
}
