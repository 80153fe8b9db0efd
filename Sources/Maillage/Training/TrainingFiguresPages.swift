import Foundation
import MaillageCore

/// The training body's figures page (`/formations/chiffres?annee=`): key figures, tables by theme,
/// course and delegation, three years side by side and the yearly declaration. Every number is
/// computed by `TrainingFigures` and written by `FrenchFormat`; no trainee is ever named.
struct TrainingFiguresPage: Encodable, Sendable {
    typealias Year = YearLink
    struct Figure: Encodable, Sendable {
        let label: String
        let value: String
        let note: String?
    }
    /// A table line: sessions, trainees, hours, rated, satisfaction rate.
    struct Line: Encodable, Sendable {
        let label: String
        let sessions: String
        let trainees: String
        let hours: String
        let rated: String
        let rate: String
    }
    struct DeclarationLine: Encodable, Sendable {
        let label: String
        let trainees: String
        let hours: String
    }
    /// One bar of the chart (trainees by theme): `width` in per cent of the widest.
    struct Bar: Encodable, Sendable {
        let label: String
        let value: String
        let width: Int
        let y: Int
    }
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
    }

    let heading: String
    let notice: String?
    let years: [Year]
    let figures: [Figure]
    let history: [Line]
    let byTheme: [Line]?
    let byCourse: [Line]?
    let byDelegation: [Line]?
    let total: Line
    let byCategory: [DeclarationLine]
    let byFunding: [DeclarationLine]
    let declarationTotal: DeclarationLine
    let chart: [Bar]?
    let chartHeight: Int
    let chartText: String
    let downloads: [Link]
}

extension TrainingFiguresPage {
    static let dash = "—"
    static let national = "National / à distance"

    /// « 85,7 % » (one decimal, rounded once), « — » when nothing rated.
    static func rate(_ row: TrainingFigures.Row) -> String {
        row.satisfactionRate(places: 1).map { FrenchFormat.percent($0, places: 1) } ?? dash
    }

    static func line(_ label: String, _ row: TrainingFigures.Row) -> Line {
        Line(label: label, sessions: FrenchFormat.integer(row.sessions), trainees: FrenchFormat.integer(row.trainees),
             hours: FrenchFormat.minutesAsHours(row.minutes), rated: FrenchFormat.integer(row.rated), rate: rate(row))
    }

    static func themeLabel(_ raw: String) -> String { TrainingTheme(rawValue: raw)?.label ?? raw }

    static func delegationLabel(_ code: String?, map: NetworkMap) -> String {
        code.flatMap { map.delegation(code: $0)?.name } ?? national
    }

    /// Rows of one breakdown: (rubric key, label, row), in French order of the labels (national last).
    static func themes(_ records: [TraineeRecord]) -> [(key: String, label: String, row: TrainingFigures.Row)] {
        TrainingFigures.rows(records, by: \.theme).map { (key: $0.key, label: themeLabel($0.key), row: $0) }
            .sorted { FrenchSortKey($0.label) < FrenchSortKey($1.label) }
    }

    static func courses(_ records: [TraineeRecord], titles: [String: String]) -> [(key: String, label: String, row: TrainingFigures.Row)] {
        TrainingFigures.rows(records, by: \.courseCode).map { (key: $0.key, label: titles[$0.key] ?? $0.key, row: $0) }
    }

    static func delegations(_ records: [TraineeRecord], map: NetworkMap) -> [(key: String, label: String, row: TrainingFigures.Row)] {
        TrainingFigures.rows(records) { $0.delegationCode ?? "" }
            .map { (key: $0.key.isEmpty ? "national" : $0.key, label: delegationLabel($0.key.isEmpty ? nil : $0.key, map: map), row: $0) }
            .sorted { ($0.key == "national" ? 1 : 0, FrenchSortKey($0.label)) < ($1.key == "national" ? 1 : 0, FrenchSortKey($1.label)) }
    }

    static func build(year: Int, data: TrainingFiguresData, map: NetworkMap, notice: String?, years: [Year], downloads: [Link]) -> TrainingFiguresPage {
        let records = data.of(year: year)
        let total = TrainingFigures.total(records)
        let declaration = TrainingFigures.declaration(records, year: year)
        let themes = themes(records)
        let courses = courses(records, titles: data.titles)
        let delegations = delegations(records, map: map)
        let maxTrainees = themes.map(\.row.trainees).max() ?? 0
        let chart = maxTrainees == 0 ? nil : themes.enumerated().map { i, t in
            Bar(label: t.label, value: FrenchFormat.integer(t.row.trainees), width: max(1, t.row.trainees * 100 / maxTrainees), y: i * 28)
        }
        let chartText = themes.isEmpty ? "Aucun stagiaire en \(year)."
            : "Stagiaires par thème en \(year) : " + themes.map { "\($0.label) \(FrenchFormat.integer($0.row.trainees))" }.joined(separator: " ; ") + "."
        return TrainingFiguresPage(
            heading: "Chiffres de la formation \(year)", notice: notice, years: years,
            figures: [
                Figure(label: "Sessions réalisées", value: FrenchFormat.integer(total.sessions), note: nil),
                Figure(label: "Stagiaires formés", value: FrenchFormat.integer(total.trainees), note: "présents au moins une demi-journée"),
                Figure(label: "Heures de formation dispensées", value: FrenchFormat.minutesAsHours(total.minutes), note: nil),
                Figure(label: "Taux de satisfaction", value: rate(total),
                       note: total.rated == 0 ? "Aucun avis reçu" : "\(FrenchFormat.plural(total.satisfied, "avis satisfait", "avis satisfaits")) sur \(FrenchFormat.integer(total.rated))"),
            ],
            history: ((year - 2)...year).map { line(String($0), TrainingFigures.total(data.of(year: $0))) },
            byTheme: themes.isEmpty ? nil : themes.map { line($0.label, $0.row) },
            byCourse: courses.isEmpty ? nil : courses.map { line("\($0.key) — \($0.label)", $0.row) },
            byDelegation: delegations.isEmpty ? nil : delegations.map { line($0.label, $0.row) },
            total: line("Total", total),
            byCategory: declaration.byCategory.map { declarationLine($0.category.label, $0.trainees, $0.minutes) },
            byFunding: declaration.byFunding.map { declarationLine($0.funding.label, $0.trainees, $0.minutes) },
            declarationTotal: declarationLine("Total", declaration.total.trainees, declaration.total.minutes),
            chart: chart, chartHeight: max(28, themes.count * 28), chartText: chartText, downloads: downloads)
    }

    static func declarationLine(_ label: String, _ trainees: Int, _ minutes: Int) -> DeclarationLine {
        DeclarationLine(label: label, trainees: FrenchFormat.integer(trainees), hours: FrenchFormat.minutesAsHours(minutes))
    }
}
