import Foundation
import MaillageCore

/// The money sections: who funds the structures, and what one euro of public funding
/// brings back to the community (the Basse-Normandie 2011 and national 2024 reports).
extension ReportSections {
    static let funders: [(code: String, label: String, short: String)] = [
        ("funding_state_eur", "État (DREETS/DDETS, aide au poste)", "État"),
        ("funding_department_eur", "Départements", "Départements"),
        ("funding_region_eur", "Régions", "Régions"),
        ("funding_municipal_eur", "Communes et EPCI", "Communes et EPCI"),
        ("funding_esf_eur", "Fonds social européen", "FSE"),
        ("funding_other_eur", "Autres financements publics", "Autres"),
    ]

    /// Each funder's sum and its share of public funding (shares of the published sums).
    static func funderRows(_ f: ReportFigures, type: String = Figure.all, withResources: Bool) -> [Row] {
        let total = f.sum("public_funding_eur", type: type)
        var rows = funders.map { funder in
            let sum = f.sum(funder.code, type: type)
            var cells: [Cell] = [.published(sum, .euros), .published(.share(sum, of: total), .percent)]
            if withResources { cells.append(.published(f.get(funder.code, "share", type: type), .percent)) }
            return Row(label: funder.label, cells: cells + [.n(sum)])
        }
        var cells: [Cell] = [.published(total, .euros), .published(.whole(total), .percent)]
        if withResources { cells.append(.published(f.get("public_funding_eur", "share", type: type), .percent)) }
        rows.append(Row(label: "Ensemble des financements publics", cells: cells + [.n(total)], total: true))
        return rows
    }

    static func funderChart(_ f: ReportFigures, type: String = Figure.all) -> BarChart {
        let total = f.sum("public_funding_eur", type: type)
        return BarChart(id: "chart-financeurs", title: "Part de chaque financeur dans les financements publics",
                        bars: funders.map { ($0.short, .share(f.sum($0.code, type: type), of: total), .percent) })
    }

    static func funders(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let table = ReportTable(id: "financeurs", caption: "Financements publics par financeur",
                                columns: ["Financeur", "Montant", "Part des financements publics", "Part des ressources", "Structures"],
                                rows: funderRows(f, withResources: true),
                                note: "Ressources = chiffre d'affaires + financements publics.")
        return ReportSection(id: "financeurs", title: "Les financements publics par financeur", chart: funderChart(f), tables: [table],
                             facts: [.init("Financement public moyen par ETP en insertion", f.get("public_funding_per_insertion_etp_eur", "ratio"), .euros)])
    }

    static func returnOnEuro(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let contributions = f.get("return_contributions", "ratio"), taxes = f.get("return_taxes", "ratio")
        let avoided = f.get("return_avoided_cost", "ratio"), total = f.get("return_per_public_euro", "ratio")
        let gain = f.get("return_net_gain", "ratio")
        let rows = [
            Row(label: "Cotisations patronales versées", cells: [.published(contributions, .perEuro), .n(contributions)]),
            Row(label: "Impôts et taxes versés", cells: [.published(taxes, .perEuro), .n(taxes)]),
            Row(label: "Coût du chômage évité à la collectivité", cells: [.published(avoided, .perEuro), .n(avoided)]),
            Row(label: "Total rendu à la collectivité", cells: [.published(total, .perEuro), .n(total)], total: true),
            Row(label: "Gain net (total − 1 €)", cells: [.published(gain, .perEuro), .n(gain)], total: true),
        ]
        let cost = ReportFormat.text(input.unemployedETPCost, .euros)
        let table = ReportTable(id: "retour-euro-public", caption: "Pour 1 € de financement public reçu",
                                columns: ["Rendu à la collectivité", "Pour 1 €", "Structures"], rows: rows,
                                note: "Coût évité = ETP en insertion × \(cost), coût annuel pour la collectivité d'une personne au chômage à temps plein (paramètre de la campagne \(input.year)).")
        let chart = BarChart(id: "chart-retour", title: "Ce que rapporte 1 € de financement public", bars: [
            ("Cotisations patronales", contributions, .perEuro), ("Impôts et taxes", taxes, .perEuro),
            ("Chômage évité", avoided, .perEuro), ("Total", total, .perEuro),
        ])
        return ReportSection(id: "retour", title: "Le retour d'un euro de financement public", chart: chart, tables: [table],
                             facts: [.init("Gain net pour 1 € de financement public", gain, .perEuro)])
    }

    static func perEuro(_ input: ReportInput) -> ReportSection {
        let f = input.figures
        let turnover = f.get("turnover_eur", "ratio")
        let paidBack = f.get("return_paid_back", "ratio")
        let salaries = f.get("salaries_total_eur", "ratio"), local = f.get("local_purchases_eur", "ratio")
        let lines: [(String, String, Published)] = [
            ("Chiffre d'affaires", "Chiffre d'affaires généré", turnover),
            ("Impôts, taxes, cotisations", "Impôts, taxes et cotisations reversés", paidBack),
            ("Salaires", "Salaires bruts versés", salaries),
            ("Achats locaux", "Achats et charges externes sur le territoire", local),
        ]
        let table = ReportTable(id: "par-euro-de-subvention", caption: "Pour 1 € de subvention publique",
                                columns: ["Pour 1 € de subvention", "Montant", "Structures"],
                                rows: lines.map { Row(label: $0.1, cells: [.published($0.2, .perEuro), .n($0.2)]) },
                                note: "Chaque rapport est calculé sur les sommes des structures ayant renseigné ses deux termes.")
        let chart = BarChart(id: "chart-par-euro", title: "Pour 1 € de subvention publique", bars: lines.map { ($0.0, $0.2, .perEuro) })
        return ReportSection(id: "par-euro", title: "Pour un euro de subvention", chart: chart, tables: [table])
    }
}
