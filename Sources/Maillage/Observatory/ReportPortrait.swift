import Foundation
import MaillageCore

/// The "portrait médian" of one type (2024 national report): what the middle structure of
/// the type looks like — medians of money and activity, funders' and clientele shares, the
/// profile of the persons it employs, where they go when they leave. National figures only.
enum ReportPortrait {
    typealias Row = ReportTable.Row

    /// The table path segment of a type's portrait ("portrait-AI").
    static func scope(_ type: String) -> String { "portrait-" + type }

    static func sections(_ f: ReportFigures, type t: String, year: Int) -> [ReportSection] {
        [money(f, t), activity(f, t), funders(f, t), clientele(f, t), profile(f, t), exits(f, t)].map { s in
            var s = s
            s.tables = s.tables.map { $0.linked(year: year, scope: scope(t)) }
            return s
        }
    }

    /// Median, quartiles and n of each indicator, as one row per indicator.
    static func quartileRows(_ f: ReportFigures, _ t: String, _ lines: [(String, String)], _ kind: ReportFormat.Kind) -> [Row] {
        lines.map { code, label in
            let median = f.get(code, "median", type: t)
            return Row(label: label, cells: [.published(f.get(code, "q1", type: t), kind), .published(median, kind),
                                             .published(f.get(code, "q3", type: t), kind), .n(median)])
        }
    }

    static let quartileColumns = ["1er quartile", "Médiane", "3e quartile", "Structures"]

    static func money(_ f: ReportFigures, _ t: String) -> ReportSection {
        let funders = ReportSections.funders.map { ($0.code, "Financements : " + $0.short) }
        let lines = [("turnover_eur", "Chiffre d'affaires HT")] + funders
            + [("salaries_total_eur", "Masse salariale brute"), ("employer_contributions_eur", "Cotisations patronales"),
               ("taxes_eur", "Impôts et taxes"), ("local_purchases_eur", "Achats locaux"), ("charges_total_eur", "Total des charges")]
        let table = ReportTable(id: "ressources-charges", caption: "Ressources et charges médianes",
                                columns: ["Indicateur"] + quartileColumns, rows: quartileRows(f, t, lines, .euros),
                                note: "Chaque financeur a sa médiane, sur les structures qui l'ont renseigné : additionner ces médianes ne donne pas la médiane des financements publics.")
        let chart = BarChart(id: "chart-ressources-charges", title: "Ressources et charges médianes", bars: [
            ("Chiffre d'affaires", f.get("turnover_eur", "median", type: t), .euros),
            ("Aides de l'État", f.get("funding_state_eur", "median", type: t), .euros),
            ("Salaires bruts", f.get("salaries_total_eur", "median", type: t), .euros),
            ("Total des charges", f.get("charges_total_eur", "median", type: t), .euros),
        ])
        return ReportSection(id: "ressources-charges", title: "Ressources et charges", chart: chart, tables: [table])
    }

    static func activity(_ f: ReportFigures, _ t: String) -> ReportSection {
        let counts = [("permanents_headcount", "Salariés permanents"), ("insertion_persons", "Personnes en parcours mises au travail"),
                      ("insertion_new_persons", "Personnes entrées dans l'année")]
        let etp = [("permanents_etp", "ETP des permanents"), ("insertion_etp", "ETP en insertion")]
        let table = ReportTable(id: "activite", caption: "Effectifs et ETP médians", columns: ["Indicateur"] + quartileColumns,
                                rows: quartileRows(f, t, counts, .plain) + quartileRows(f, t, etp, .decimal),
                                note: "La médiane d'un nombre pair de structures est la moyenne des deux valeurs du milieu : elle peut avoir des décimales.")
        return ReportSection(id: "activite", title: "Effectifs et emplois", tables: [table])
    }

    static func funders(_ f: ReportFigures, _ t: String) -> ReportSection {
        let table = ReportTable(id: "financeurs", caption: "Financements publics par financeur",
                                columns: ["Financeur", "Montant cumulé", "Part des financements publics", "Structures"],
                                rows: ReportSections.funderRows(f, type: t, withResources: false))
        return ReportSection(id: "financeurs", title: "Les financeurs", intro: "Parts calculées sur les montants cumulés des structures du type.",
                             chart: ReportSections.funderChart(f, type: t), tables: [table])
    }

    static func clientele(_ f: ReportFigures, _ t: String) -> ReportSection {
        let lines = [("clientele_private_pct", "Entreprises privées"), ("clientele_nonprofit_pct", "Associations"),
                     ("clientele_public_pct", "Collectivités et organismes publics"), ("clientele_individuals_pct", "Particuliers")]
        let table = ReportTable(id: "clientele", caption: "Part médiane du chiffre d'affaires par clientèle",
                                columns: ["Clientèle"] + quartileColumns, rows: quartileRows(f, t, lines, .percent),
                                note: "Médianes de parts : elles ne font pas 100 % ensemble.")
        let short = ["Entreprises privées", "Associations", "Secteur public", "Particuliers"]
        let chart = BarChart(id: "chart-clientele", title: "Part médiane du chiffre d'affaires par clientèle",
                             bars: zip(lines, short).map { ($1, f.get($0.0, "median", type: t), .percent) })
        return ReportSection(id: "clientele", title: "La clientèle", chart: chart, tables: [table])
    }

    static func profile(_ f: ReportFigures, _ t: String) -> ReportSection {
        func sum(_ code: String) -> Published { f.sum(code, type: t) }
        let genders = sum("persons_gender_total"), ages = sum("persons_age_total")
        let persons = sum("insertion_persons")
        let lines: [(String, String, Published, String)] = [
            ("Femmes", "persons_women", genders, "Femmes"), ("Hommes", "persons_men", genders, "Hommes"),
            ("Moins de 26 ans", "age_under_26", ages, "Moins de 26 ans"), ("26 à 49 ans", "age_26_49", ages, "26 à 49 ans"),
            ("50 ans et plus", "age_50_plus", ages, "50 ans et plus"),
            ("Niveau inférieur au baccalauréat", "below_bac", persons, "Niveau inférieur au bac"),
            ("Bénéficiaires du RSA", "rsa_recipients", persons, "Bénéficiaires du RSA"),
            ("Demandeurs d'emploi de longue durée (12 mois et plus)", "long_term_jobseekers", persons, "Chômeurs de longue durée"),
        ]
        let rows = lines.map { label, code, base, _ in
            Row(label: label, cells: [.published(sum(code), .count), .published(.share(sum(code), of: base), .percent), .n(sum(code))])
        }
        let table = ReportTable(id: "profil", caption: "Profil des personnes en parcours", columns: ["Personnes", "Nombre", "Part", "Structures"],
                                rows: rows, note: "Genre et âge : parts du total renseigné ; qualification, RSA et chômage de longue durée : parts des personnes mises au travail.")
        let chart = BarChart(id: "chart-profil", title: "Profil des personnes en parcours",
                             bars: lines.map { ($0.3, .share(sum($0.1), of: $0.2), .percent) })
        return ReportSection(id: "profil", title: "Les personnes en parcours", chart: chart, tables: [table])
    }

    static func exits(_ f: ReportFigures, _ t: String) -> ReportSection {
        let table = ReportTable(id: "sorties", caption: "Sorties de l'année par catégorie", columns: ["Catégorie", "Sorties", "Part des sorties"],
                                rows: ReportSections.exitRows(f, type: t), note: "Sorties dynamiques = emploi durable + emploi de transition + sorties positives.")
        return ReportSection(id: "sorties", title: "Les sorties", chart: ReportSections.exitChart(f, type: t), tables: [table],
                             facts: [.init("Taux de sorties dynamiques", f.get("dynamic_exit_rate", "rate", type: t), .percent)])
    }
}
