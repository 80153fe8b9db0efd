import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/juridique/statistiques?annee=YYYY`: the desk's figures of a year, national for admins and
/// jurists, their members' for a delegate; `…/:year/statistiques.csv|xlsx` the same as files.
enum LegalStatisticsController {
    static let files = ["statistiques.csv", "statistiques.xlsx"]

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let year = (try? req.query.get(String.self, at: "annee")).flatMap(Self.year) ?? today.year
        let s = try await LegalStatistics.load(year: year, scope: .figures(user, map: map), map: map, on: req.db)
        let url = SiteURL.legal(.statistics)
        let page = LegalStatisticsPage(
            heading: "Statistiques de l'appui juridique \(year)", perimeter: perimeter(user, map: map),
            years: YearLink.links((today.year - 4)...today.year, current: year, to: url),
            figures: LegalStatisticsPage.figures(s), history: LegalStatisticsPage.history(s),
            byCategory: LegalStatisticsPage.lines(s.byCategory, total: s.count),
            byDelegation: LegalStatisticsPage.lines(s.byDelegation, total: s.count),
            byType: LegalStatisticsPage.lines(s.byType, total: s.count),
            downloads: files.compactMap { f in
                req.link(to: LegalURL.statisticsFile(year, f)).map { .init(label: f.hasSuffix("csv") ? "Télécharger (CSV)" : "Télécharger (XLSX)", href: $0) }
            },
            homeHref: req.link(to: .legal(.home)))
        return try await req.renderPage("legal/statistics", title: page.heading, page)
    }

    static func file(_ req: Request) async throws -> Response {
        guard let year = year(req.parameters.get("year")) else { throw Abort(.notFound, reason: "Année inconnue : une année entre 2000 et 2100 est attendue.") }
        let file = req.parameters.get("file") ?? ""
        guard files.contains(file) else { throw Abort(.notFound, reason: "Ce fichier n'existe pas : statistiques.csv ou statistiques.xlsx.") }
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let s = try await LegalStatistics.load(year: year, scope: .figures(user, map: map), map: map, on: req.db)
        let t = LegalStatisticsPage.table(s)
        return ListExport.response(file.hasSuffix(".csv") ? .csv : .xlsx, name: "statistiques-juridiques-\(year).\(file.hasSuffix(".csv") ? "csv" : "xlsx")",
                                   headers: t.headers, rows: t.rows, sheet: "Statistiques \(year)")
    }

    /// A year 2000…2100, else nil.
    static func year(_ s: String?) -> Int? {
        guard let s, let y = Int(s.trimmingCharacters(in: .whitespaces)), (2000...2100).contains(y) else { return nil }
        return y
    }

    static func perimeter(_ user: CurrentUser, map: NetworkMap) -> String {
        if user.isNationalAdmin || user.has(.jurist) { return "Ensemble du réseau." }
        let names = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0)?.name }
        return "Les adhérents de la délégation " + names.joined(separator: ", ") + "."
    }
}
