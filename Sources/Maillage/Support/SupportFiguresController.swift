import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/accompagnement/chiffres?annee=YYYY&delegation=CODE`: the support figures of a year, for the
/// network or one delegation, as the activity reports give them; `…/:year/chiffres.csv|xlsx`
/// the same for the network and every delegation, as files.
enum SupportFiguresController {
    static func show(_ req: Request) async throws -> Response {
        let today = Day.today(now: req.services.clock.now)
        let typed = try? req.query.get(String.self, at: "annee")
        let chosen = year(typed)
        let year = chosen ?? today.year
        let notice = typed != nil && chosen == nil
            ? "L'année demandée n'est pas valable (une année entre 2000 et 2100 est attendue) : voici les chiffres de \(year)." : nil
        let data = try await SupportQueries.figures(years: year...year, on: req.db)
        let asked = (try? req.query.get(String.self, at: "delegation")).map { String($0.prefix(10)).uppercased() }
        let delegation = asked.flatMap { data.delegationNames[$0] != nil ? $0 : nil }
        let url = SiteURL.support(.figures)
        let shown = Set(((today.year - 4)...today.year).filter { (2000...2100).contains($0) } + [year]).sorted(by: >)
        let page = SupportFiguresPage.build(
            year: year, data: data, delegation: delegation, notice: notice,
            years: shown.map { YearLink(label: String($0), href: url.path(query: ["annee": String($0), "delegation": delegation]), current: $0 == year) },
            action: url.path,
            downloads: SupportFiguresFiles.names.compactMap { f in
                req.link(to: SupportURL.figuresFile(year, f)).map { SupportLink(label: f.hasSuffix(".csv") ? "Chiffres (CSV)" : "Chiffres (XLSX)", href: $0) }
            })
        return try await req.renderPage("support/figures", title: page.heading, page)
    }

    static func file(_ req: Request) async throws -> Response {
        guard let year = year(req.parameters.get("year")) else {
            throw Abort(.notFound, reason: "Année inconnue : une année entre 2000 et 2100 est attendue.")
        }
        let file = req.parameters.get("file") ?? ""
        guard SupportFiguresFiles.names.contains(file) else {
            throw Abort(.notFound, reason: "Ce fichier n'existe pas : chiffres.csv ou chiffres.xlsx.")
        }
        let data = try await SupportQueries.figures(years: year...year, on: req.db)
        let t = SupportFiguresFiles.figures(year: year, data: data)
        let format: ListFormat = file.hasSuffix(".csv") ? .csv : .xlsx
        return ListExport.response(format, name: "chiffres-accompagnement-\(year).\(format.rawValue)", headers: t.headers, rows: t.rows,
                                   sheet: "Accompagnement \(year)")
    }

    /// A year 2000…2100, else nil.
    static func year(_ s: String?) -> Int? { TrainingFiguresController.year(s) }
}
