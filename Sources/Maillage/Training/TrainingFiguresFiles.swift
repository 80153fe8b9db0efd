import Foundation
import MaillageCore

/// The figures as files (`/formations/chiffres/:year/chiffres.csv|xlsx`, `bilan.csv|xlsx`): typed
/// cells (integers; hours as decimal hours with a point, two places; rates with one place), the
/// project's French CSV dialect through `ListExport`. Keys and labels only: no trainee is named.
enum TrainingFiguresFiles {
    static let names = ["chiffres.csv", "chiffres.xlsx", "bilan.csv", "bilan.xlsx"]

    /// Minutes as decimal hours, exact then rounded once to two places: 210 → "3.5", 20 → "0.33".
    static func hours(_ minutes: Int) -> XLSXCell {
        var value = Decimal(minutes) / 60, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return .number(rounded.description)
    }

    static func rate(_ row: TrainingFigures.Row) -> XLSXCell {
        row.satisfactionRate(places: 1).map { .number($0.description) } ?? .empty
    }

    /// Rubric, key, label, sessions, trainees, hours, rated, satisfied, rate: by theme, course,
    /// delegation, then the total.
    static func figures(year: Int, data: TrainingFiguresData, map: NetworkMap) -> (headers: [String], rows: [[XLSXCell]]) {
        let records = data.of(year: year)
        func line(_ rubric: String, _ key: String, _ label: String, _ r: TrainingFigures.Row) -> [XLSXCell] {
            [.text(rubric), .text(key), .text(label), .integer(r.sessions), .integer(r.trainees), hours(r.minutes),
             .integer(r.rated), .integer(r.satisfied), rate(r)]
        }
        var rows = TrainingFiguresPage.themes(records).map { line("Thème", $0.key, $0.label, $0.row) }
        rows += TrainingFiguresPage.courses(records, titles: data.titles).map { line("Formation", $0.key, $0.label, $0.row) }
        rows += TrainingFiguresPage.delegations(records, map: map).map { line("Délégation", $0.key, $0.label, $0.row) }
        rows.append(line("Ensemble", "total", "Total \(year)", TrainingFigures.total(records)))
        return (["Rubrique", "Clé", "Libellé", "Sessions", "Stagiaires", "Heures", "Avis", "Satisfaits", "Taux de satisfaction (%)"], rows)
    }

    /// The yearly declaration: trainees and hours by trainee category, then by funding, each with its total.
    static func declaration(year: Int, data: TrainingFiguresData) -> (headers: [String], rows: [[XLSXCell]]) {
        let d = TrainingFigures.declaration(data.of(year: year), year: year)
        let total: [XLSXCell] = [.integer(d.total.trainees), hours(d.total.minutes)]
        var rows: [[XLSXCell]] = d.byCategory.map {
            [.text("Catégorie de stagiaires"), .text($0.category.rawValue), .text($0.category.label), .integer($0.trainees), hours($0.minutes)]
        }
        rows.append([.text("Catégorie de stagiaires"), .text("total"), .text("Total")] + total)
        rows += d.byFunding.map {
            [.text("Financement"), .text($0.funding.rawValue), .text($0.funding.label), .integer($0.trainees), hours($0.minutes)]
        }
        rows.append([.text("Financement"), .text("total"), .text("Total")] + total)
        return (["Rubrique", "Clé", "Libellé", "Stagiaires", "Heures"], rows)
    }
}
