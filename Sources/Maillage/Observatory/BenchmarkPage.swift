import Foundation
import MaillageCore

/// A member's benchmark ("positionnement"): for each type it answered, each of its values
/// beside the median and quartiles of the same type, nationally and in its delegation.
struct BenchmarkPage: Encodable, Sendable {
    /// The type's median and quartiles in one comparison group; nil fields when not published.
    struct Comparison: Encodable, Sendable {
        let median: String
        let q1: String
        let q3: String
        let n: String
        let standing: String
        let standingKey: String
    }
    struct Line: Encodable, Sendable {
        let indicator: String
        let label: String
        let value: String
        /// nil: secret statistique (Leaf then shows one cell across the three columns).
        let national: Comparison?
        let delegation: Comparison?
    }
    struct TypeBlock: Encodable, Sendable {
        let id: String
        let type: String
        let heading: String
        let delegationName: String
        let answerHref: String
        let lines: [Line]?
    }

    let heading: String
    let structureName: String
    let structureHref: String
    let year: Int
    let reportHref: String
    let secrecy: String
    let secretTitle: String
    let types: [TypeBlock]?
    /// Which figures the medians come from (live, provisional, or a release).
    var edition: String = ""

    struct Answer: Sendable {
        let unit: SurveyUnit
        let delegationName: String?
    }

    init(year: Int, k: Int, structureID: UUID, structureName: String, answers: [Answer], cube: FigureCube) {
        heading = "Positionnement \(year) — \(structureName)"
        self.structureName = structureName
        structureHref = SiteURL.structure(structureID).path
        self.year = year
        reportHref = SiteURL.report(year).path
        secrecy = "Les médianes et quartiles portent sur les réponses du même type ; ils ne sont pas publiés («\u{00A0}secret statistique\u{00A0}») "
            + "lorsqu'ils reposent sur moins de \(k) structures ou permettraient de retrouver un chiffre secret."
        secretTitle = ReportPage.secretTitle(k: k)
        let blocks = answers.map { answer in
            let lines = Benchmark.lines(for: answer.unit, cube: cube).map(Self.line)
            let type = answer.unit.type
            return TypeBlock(id: "type-\(type)", type: type, heading: ReportPage.typeLabel(type),
                             delegationName: answer.delegationName.map { "Délégation \($0)" } ?? "Hors délégation",
                             answerHref: SiteURL.answer(year, structureID, type).path, lines: lines.isEmpty ? nil : lines)
        }
        types = blocks.isEmpty ? nil : blocks
    }

    static func line(_ l: BenchmarkLine) -> Line {
        let kind = Self.kind(l.indicator.unit)
        return Line(indicator: l.indicator.code, label: l.indicator.label, value: ReportFormat.text(l.value, kind),
                    national: l.national.map { comparison($0, l.nationalStanding, kind) },
                    delegation: l.delegation.map { comparison($0, l.delegationStanding, kind) })
    }

    static func comparison(_ q: Quartiles, _ standing: Standing?, _ kind: ReportFormat.Kind) -> Comparison {
        // Quartiles of counts fall between two answers: they keep their decimals.
        let k: ReportFormat.Kind = kind == .count ? .plain : kind
        return Comparison(median: ReportFormat.text(q.median, k),
                          q1: ReportFormat.text(q.q1, k), q3: ReportFormat.text(q.q3, k),
                          n: ReportFormat.number(String(q.n), places: 0),
                          standing: standing?.label ?? "", standingKey: standing?.rawValue ?? "")
    }

    static func kind(_ unit: Indicator.Unit) -> ReportFormat.Kind {
        switch unit {
        case .count: .count
        case .hours, .etp: .decimal
        case .euros: .euros
        case .percent: .percent
        }
    }
}
