import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/formations/chiffres?annee=YYYY`: the training body's figures of a year (sessions done,
/// trainees present, hours delivered, satisfaction) by theme, course and delegation, three years
/// side by side and the yearly declaration; `…/:year/:file` the same as CSV or XLSX files.
enum TrainingFiguresController {
    static func show(_ req: Request) async throws -> Response {
        let today = Day.today(now: req.services.clock.now)
        let typed = try? req.query.get(String.self, at: "annee")
        let chosen = year(typed)
        let year = chosen ?? today.year
        let notice = typed != nil && chosen == nil
            ? "L'année demandée n'est pas valable (une année entre 2000 et 2100 est attendue) : voici les chiffres de \(year)." : nil
        let map = try await req.networkMap()
        let data = try await TrainingFiguresQueries.load(years: max(2000, year - 2)...year, map: map, on: req.db)
        let url = SiteURL.training(.figures)
        let shown = ((today.year - 4)...today.year).filter { (2000...2100).contains($0) } + [year]
        let page = TrainingFiguresPage.build(
            year: year, data: data, map: map, notice: notice,
            years: YearLink.links(shown, current: year, to: url),
            downloads: TrainingFiguresFiles.names.compactMap { f in
                req.link(to: TrainingURL.figuresFile(year, f)).map { .init(label: label(f), href: $0) }
            })
        return try await req.renderPage("training/figures", title: page.heading, page)
    }

    static func file(_ req: Request) async throws -> Response {
        guard let year = year(req.parameters.get("year")) else {
            throw Abort(.notFound, reason: "Année inconnue : une année entre 2000 et 2100 est attendue.")
        }
        let file = req.parameters.get("file") ?? ""
        guard TrainingFiguresFiles.names.contains(file) else {
            throw Abort(.notFound, reason: "Ce fichier n'existe pas : chiffres.csv, chiffres.xlsx, bilan.csv ou bilan.xlsx.")
        }
        let map = try await req.networkMap()
        let data = try await TrainingFiguresQueries.load(years: year...year, map: map, on: req.db)
        let declaration = file.hasPrefix("bilan")
        let t = declaration ? TrainingFiguresFiles.declaration(year: year, data: data) : TrainingFiguresFiles.figures(year: year, data: data, map: map)
        let format: ListFormat = file.hasSuffix(".csv") ? .csv : .xlsx
        let name = (declaration ? "bilan-pedagogique-financier-" : "chiffres-formation-") + "\(year)." + (format == .csv ? "csv" : "xlsx")
        return ListExport.response(format, name: name, headers: t.headers, rows: t.rows,
                                   sheet: declaration ? "Bilan \(year)" : "Chiffres \(year)")
    }

    /// A year 2000…2100, else nil.
    static func year(_ s: String?) -> Int? {
        guard let s, s.count <= 6, let y = Int(s.trimmingCharacters(in: .whitespaces)), (2000...2100).contains(y) else { return nil }
        return y
    }

    static func label(_ file: String) -> String {
        switch file {
        case "chiffres.csv": "Chiffres (CSV)"
        case "chiffres.xlsx": "Chiffres (XLSX)"
        case "bilan.csv": "Bilan pédagogique et financier (CSV)"
        default: "Bilan pédagogique et financier (XLSX)"
        }
    }
}
