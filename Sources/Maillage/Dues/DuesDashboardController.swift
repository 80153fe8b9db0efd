import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations/:year/tableau-de-bord`: national (admins) or one delegation's (`?delegation=CODE`;
/// a delegate sees only theirs, another code is out of sight: 404).
enum DuesDashboardController {
    static func show(_ req: Request) async throws -> Response {
        guard let year = DuesFollowUp.year(req.parameters.get("year")) else {
            throw Abort(.notFound, reason: "Année de cotisation inconnue.")
        }
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let requested = try? req.query.get(String.self, at: "delegation")
        let own = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        let delegation: NetworkMap.Entry?
        if let code = requested, !code.isEmpty {
            guard let d = map.delegation(code: code), user.isNationalAdmin || own.contains(where: { $0.code == d.code }) else {
                throw Abort(.notFound, reason: "Délégation inconnue ou hors de votre périmètre.")
            }
            delegation = d
        } else if user.isNationalAdmin {
            delegation = nil
        } else if let first = own.first {
            delegation = first
        } else {
            throw Abort(.notFound, reason: "Aucune délégation dans votre périmètre.")
        }
        let today = Day.today(now: req.services.clock.now)
        let figures = try DuesDashboard.figures(calls: try await DuesDashboard.callGroups(year: year, today: today, on: req.db),
                                                payments: try await DuesDashboard.paymentGroups(year: year, on: req.db),
                                                delegation: delegation, map: map)
        let url = DuesURL.dashboard(year)
        var choices: [DuesDashboardPage.Choice] = []
        if user.isNationalAdmin {
            choices.append(.init(label: "Ensemble du réseau", href: url.path, current: delegation == nil))
            choices += map.delegations.map { .init(label: $0.name, href: url.path(query: ["delegation": $0.code]), current: $0.code == delegation?.code) }
        } else if own.count > 1 {
            choices = own.map { .init(label: $0.name, href: url.path(query: ["delegation": $0.code]), current: $0.code == delegation?.code) }
        }
        let exports = DuesExportController.files.compactMap { f in
            req.link(to: DuesURL.export(year, f.file)).map { DuesDashboardPage.Choice(label: f.label, href: $0, current: false) }
        }
        let page = DuesDashboardPage(year: year, figures: figures, delegation: delegation, map: map,
                                     choices: choices.isEmpty ? nil : choices, exports: exports.isEmpty ? nil : exports,
                                     homeHref: req.link(to: .dues(.home)), callsHref: req.link(to: DuesURL.calls(year)),
                                     remindersHref: req.link(to: DuesURL.reminderPreview(year)))
        return try await req.renderPage("dues/dashboard", title: page.heading, page)
    }
}
