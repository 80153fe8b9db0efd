import Foundation
import MaillageCore

/// What the national or a delegation's report is made of ("la région en chiffres").
struct ReportInput: Sendable {
    let year: Int
    /// The table path segment: "national" or the delegation's code.
    let scope: String
    let figures: ReportFigures
    /// Types answered in the scope, in the reports' order.
    let types: [String]
    /// Members active at the campaign's opening, in the scope.
    let members: [SurveyMember]
    /// This campaign and up to two previous ones, oldest first.
    let history: [(year: Int, figures: ReportFigures)]
    let unemployedETPCost: String
}

/// The sections of a report, each a chart with its tables. The table download handler
/// rebuilds them to find a table by id, so ids are stable: they are part of the URLs.
enum ReportSections {
    static func all(_ input: ReportInput) -> [ReportSection] {
        let sections = [members(input), resources(input), etp(input), byType(input), exits(input),
                        funders(input), returnOnEuro(input), perEuro(input), ReportHistory.section(input)]
        return sections.map { s in
            var s = s
            s.tables = s.tables.map { $0.linked(year: input.year, scope: input.scope) }
            return s
        }
    }

    typealias Cell = ReportTable.Cell
    typealias Row = ReportTable.Row

    /// Members active at opening by type (register data, never secret) and the answers of
    /// each type, whose response rate is a published figure like any other.
    static func members(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let lines = ReportPage.ordered(input.members.flatMap(\.types) + input.types).map { t in
            (type: t, members: input.members.filter { $0.types.contains(t) }.count, response: f.get("response", "rate", type: t))
        }
        let all = f.get("response", "rate")
        let rows = lines.map { line in
            Row(label: ReportPage.typeLabel(line.type),
                cells: [.count(line.members), .count(line.response.n ?? 0), .published(line.response, .percent)])
        } + [Row(label: "Ensemble des adhérents", cells: [.count(input.members.count), .count(all.n ?? 0), .published(all, .percent)], total: true)]
        let chart = BarChart(id: "chart-adherents", title: "Adhérents et réponses par type", series: ["Adhérents", "Réponses"],
                             groups: lines.map { line in
                                 (ReportPage.shortType(line.type), [.init(value: .count(line.members), kind: .count),
                                                                    .init(value: .count(line.response.n ?? 0), kind: .count)])
                             })
        let table = ReportTable(id: "adherents-par-type", caption: "Adhérents par type et réponses à l'enquête",
                                columns: ["Type", "Adhérents", "Réponses", "Taux de réponse"], rows: rows,
                                note: "Une structure qui détient plusieurs conventionnements compte dans chacun ; l'ensemble la compte une fois.")
        return ReportSection(id: "adherents", title: "Les adhérents par type", chart: chart, tables: [table])
    }

    static func resources(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let lines: [(String, String, Published, ReportFormat.Kind)] = [
            ("Chiffre d'affaires", "Chiffre d'affaires HT", f.sum("turnover_eur"), .euros),
            ("Financements publics", "Financements publics reçus", f.sum("public_funding_eur"), .euros),
            ("Salaires bruts", "Masse salariale brute", f.sum("salaries_total_eur"), .euros),
            ("Cotisations patronales", "Cotisations patronales versées", f.sum("employer_contributions_eur"), .euros),
        ]
        var rows = lines.map { Row(label: $0.1, cells: [.published($0.2, $0.3), .n($0.2)]) }
        rows.insert(Row(label: "dont salaires des personnes en parcours", cells: [.published(f.sum("salaries_insertion_eur"), .euros), .n(f.sum("salaries_insertion_eur"))]), at: 3)
        let economic = f.get("economic_resources_share", "share")
        let publicShare = f.get("public_funding_eur", "share")
        rows += [Row(label: "Part des ressources issue de l'activité économique", cells: [.published(economic, .percent), .n(economic)]),
                 Row(label: "Part des ressources issue des financements publics", cells: [.published(publicShare, .percent), .n(publicShare)])]
        let chart = BarChart(id: "chart-ressources", title: "Chiffre d'affaires, financements publics, salaires et cotisations",
                             bars: lines.map { ($0.0, $0.2, $0.3) })
        let table = ReportTable(id: "ressources", caption: "Chiffre d'affaires comparé aux financements publics, aux salaires et aux cotisations",
                                columns: ["Indicateur", "Montant", "Structures"], rows: rows,
                                note: "Ressources = chiffre d'affaires + financements publics, sur les structures ayant renseigné les deux.")
        return ReportSection(id: "ressources", title: "Activité économique et financements publics", chart: chart, tables: [table])
    }

    static func etp(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let perm = f.sum("permanents_etp"), ins = f.sum("insertion_etp")
        let total = f.sum("etp_total")
        let rows = [
            Row(label: "Salariés permanents", cells: [.published(perm, .decimal), .published(.share(perm, of: total), .percent), .published(f.sum("permanents_headcount"), .count)]),
            Row(label: "Salariés en parcours d'insertion", cells: [.published(ins, .decimal), .published(.share(ins, of: total), .percent), .published(f.sum("insertion_persons"), .count)]),
            Row(label: "Ensemble", cells: [.published(total, .decimal), .published(.whole(total), .percent),
                                           .published(f.sum("staff_total"), .count)], total: true),
        ]
        let chart = BarChart(id: "chart-etp", title: "ETP des permanents et des personnes en parcours",
                             bars: [("Permanents", perm, .decimal), ("Personnes en parcours", ins, .decimal)])
        let table = ReportTable(id: "etp", caption: "Équivalents temps plein : permanents et personnes en parcours",
                                columns: ["Salariés", "ETP", "Part des ETP", "Personnes"], rows: rows)
        return ReportSection(id: "etp", title: "Les emplois en équivalents temps plein", chart: chart, tables: [table])
    }

    static func byType(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        /// A Proxim'Services is not asked about persons in insertion: "sans objet", not "n.d.".
        func sum(_ code: String, _ type: String) -> Published {
            type == Figure.all || IndicatorCatalogue.byCode[code]?.applies(to: type) != false ? f.sum(code, type: type) : .notApplicable
        }
        let codes = ["permanents_headcount", "permanents_etp", "insertion_persons", "insertion_etp", "insertion_new_persons"]
        let kinds: [ReportFormat.Kind] = [.count, .decimal, .count, .decimal, .count]
        func cells(_ type: String) -> [Cell] { zip(codes, kinds).map { .published(sum($0, type), $1) } }
        let rows = input.types.map { Row(label: ReportPage.typeLabel($0), cells: cells($0)) }
            + [Row(label: "Ensemble", cells: cells(Figure.all), total: true)]
        let chart = BarChart(id: "chart-par-type", title: "ETP des permanents et en insertion par type",
                             series: ["ETP permanents", "ETP en insertion"],
                             groups: input.types.map { t in
                                 (ReportPage.shortType(t), [.init(value: sum("permanents_etp", t), kind: .decimal),
                                                            .init(value: sum("insertion_etp", t), kind: .decimal)])
                             })
        let table = ReportTable(id: "effectifs-par-type", caption: "Effectifs et ETP par type",
                                columns: ["Type", "Permanents", "ETP permanents", "Personnes en parcours", "ETP en insertion", "Personnes entrées dans l'année"],
                                rows: rows)
        return ReportSection(id: "par-type", title: "Effectifs et ETP par type de structure", chart: chart, tables: [table])
    }

    /// Exit categories: counts, their shares of all exits, and the dynamic exit rate.
    static func exitRows(_ f: ReportFigures, type: String = Figure.all) -> [Row] {
        let parts = [("exits_sustainable", "Emploi durable"), ("exits_transition", "Emploi de transition"),
                     ("exits_positive", "Sorties positives")]
        var rows = parts.map { Row(label: $1, cells: [.published(f.sum($0, type: type), .count), .published(f.get($0, "share", type: type), .percent)]) }
        rows.append(Row(label: "Sorties dynamiques", cells: [.published(f.sum("dynamic_exits", type: type), .count),
                                                              .published(f.get("dynamic_exit_rate", "rate", type: type), .percent)], total: true))
        rows.append(Row(label: "Autres sorties", cells: [.published(f.sum("exits_other", type: type), .count), .published(f.get("exits_other", "share", type: type), .percent)]))
        rows.append(Row(label: "Ensemble des sorties", cells: [.published(f.sum("exits_total", type: type), .count), .published(.whole(f.sum("exits_total", type: type)), .percent)], total: true))
        return rows
    }

    static func exitChart(_ f: ReportFigures, type: String = Figure.all) -> BarChart {
        BarChart(id: "chart-sorties", title: "Répartition des sorties par catégorie", bars: [
            ("Emploi durable", f.get("exits_sustainable", "share", type: type), .percent),
            ("Emploi de transition", f.get("exits_transition", "share", type: type), .percent),
            ("Sorties positives", f.get("exits_positive", "share", type: type), .percent),
            ("Autres sorties", f.get("exits_other", "share", type: type), .percent),
        ])
    }

    static func exits(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let table = ReportTable(id: "sorties", caption: "Sorties de l'année par catégorie", columns: ["Catégorie", "Sorties", "Part des sorties"],
                                rows: exitRows(f), note: "Sorties dynamiques = emploi durable + emploi de transition + sorties positives.")
        return ReportSection(id: "sorties", title: "Les sorties et le taux de sorties dynamiques", chart: exitChart(f), tables: [table],
                             facts: [.init("Taux de sorties dynamiques", f.get("dynamic_exit_rate", "rate"), .percent)])
    }
}
