import Foundation
import MaillageCore

/// `/qualite/structures/:s/cap/:year/resultats`: scores per axis and overall (one rounding), the
/// radar against the two previous transmitted years and the network's median for the structure's
/// type — or the sentence saying why there is no median —, and the same figures in a table.
struct AssessmentResultsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let label: String
        let points: String
        let cells: [String]
        let overall: Bool
    }

    let heading: String
    let year: Int
    let structureName: String
    let typeLabel: String
    let submittedOn: String?
    let columns: [String]
    let rows: [Row]
    /// « Médiane du réseau : 7 structures ACI… » or « Médiane du réseau non affichée : moins de 5 structures ».
    let medianNote: String
    let medianShown: Bool
    let chart: RadarChart
    let assessmentHref: String
    let actionPlanHref: String?
    let qualityHref: String?

    struct Input: Sendable {
        let structureName: String
        let year: Int
        let submittedAt: Date?
        let scores: AssessmentResults.Scores
        let history: [AssessmentResults.Year]
        let network: AssessmentResults.Network
        let assessmentHref: String
        let actionPlanHref: String?
        let qualityHref: String?
    }

    static func make(_ input: Input) -> AssessmentResultsPage {
        let median = input.network.medians
        var columns = [String(input.year)] + input.history.map { String($0.year) }
        if median != nil { columns.append("Médiane \(input.network.type.shortLabel)") }
        func cells(_ key: String) -> [String] {
            var out = [input.scores[key]?.percentText() ?? "—"]
            out += input.history.map { $0.scores[key]?.percentText() ?? "—" }
            if let median { out.append((median[key] ?? nil).map { CapScoring.Score.percentText($0) } ?? "—") }
            return out
        }
        func points(_ key: String) -> String {
            guard let s = input.scores[key], s.max > 0 else { return "non évalué" }
            return "\(FrenchFormat.integer(Int(s.points))) sur \(FrenchFormat.integer(Int(s.max))) points"
        }
        var rows = CapAxis.allCases.map { Row(label: $0.label, points: points($0.rawValue), cells: cells($0.rawValue), overall: false) }
        rows.append(Row(label: "Score global", points: points(CapScore.overall), cells: cells(CapScore.overall), overall: true))

        func fractions(_ scores: AssessmentResults.Scores) -> [CapAxis: Exact?] {
            Dictionary(uniqueKeysWithValues: CapAxis.allCases.map { ($0, scores[$0.rawValue]?.fraction) })
        }
        var series = [RadarChart.Input(label: String(input.year), values: fractions(input.scores))]
        series += input.history.map { RadarChart.Input(label: String($0.year), values: fractions($0.scores)) }
        if let median {
            series.append(RadarChart.Input(label: "Médiane du réseau (\(input.network.type.shortLabel))",
                                           values: Dictionary(uniqueKeysWithValues: CapAxis.allCases.map { ($0, median[$0.rawValue] ?? nil) })))
        }
        let note = AssessmentResults.medianNote(input.network, year: input.year)
        let chart = RadarChart(id: "cap-radar", title: "Scores CAP \(input.year) par axe — \(input.structureName)", series: series, note: note)
        return AssessmentResultsPage(
            heading: "Résultats de l'auto-diagnostic CAP \(input.year) — \(input.structureName)", year: input.year,
            structureName: input.structureName, typeLabel: input.network.type.label,
            submittedOn: input.submittedAt.map { String(FrenchFormat.dateTime($0).prefix(10)) },
            columns: columns, rows: rows, medianNote: note, medianShown: median != nil, chart: chart,
            assessmentHref: input.assessmentHref, actionPlanHref: input.actionPlanHref, qualityHref: input.qualityHref)
    }
}
