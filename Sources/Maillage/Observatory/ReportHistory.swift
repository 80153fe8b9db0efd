import Foundation
import MaillageCore

/// The three-year table (the 2013 national report's 2010–2012 columns): this campaign and
/// the two previous ones when they exist, each with its own answers, map and secrecy.
enum ReportHistory {
    static let lines: [(label: String, indicator: String, statistic: String, kind: ReportFormat.Kind)] = [
        ("Personnes en parcours mises au travail", "insertion_persons", "sum", .count),
        ("Personnes entrées dans l'année", "insertion_new_persons", "sum", .count),
        ("ETP en insertion", "insertion_etp", "sum", .decimal),
        ("Salariés permanents", "permanents_headcount", "sum", .count),
        ("ETP des permanents", "permanents_etp", "sum", .decimal),
        ("Chiffre d'affaires", "turnover_eur", "sum", .euros),
        ("Financements publics", "public_funding_eur", "sum", .euros),
        ("Masse salariale brute", "salaries_total_eur", "sum", .euros),
        ("Taux de sorties dynamiques", "dynamic_exit_rate", "rate", .percent),
    ]

    static func section(_ input: ReportInput) -> ReportSection {
        let history = input.history
        var rows = [ReportTable.Row(label: "Structures ayant répondu",
                                    cells: history.map { .count($0.figures.get("response", "rate").n ?? 0) })]
        rows += lines.map { line in
            ReportTable.Row(label: line.label, cells: history.map { .published($0.figures.get(line.indicator, line.statistic), line.kind) })
        }
        let table = ReportTable(id: "trois-ans", caption: "Évolution sur trois ans",
                                columns: ["Indicateur"] + history.map { "Données \($0.year)" }, rows: rows,
                                note: "Les totaux portent sur les structures ayant répondu chaque année : leur nombre varie d'une enquête à l'autre.")
        let chart = BarChart(id: "chart-trois-ans", title: "ETP en insertion, année par année",
                             bars: history.map { (String($0.year), $0.figures.sum("insertion_etp"), .decimal) })
        let intro = history.count < 3
            ? "Seules \(history.count == 1 ? "les données de cette enquête sont disponibles" : "deux enquêtes sont disponibles") pour l'instant."
            : nil
        return ReportSection(id: "trois-ans", title: "Trois années d'observatoire", intro: intro, chart: chart, tables: [table])
    }
}
