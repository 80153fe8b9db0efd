import Foundation
import MaillageCore

/// A member's benchmark ("positionnement"): for each type it answered, its rates and ratios
/// beside those of its type, then each of its values beside the median and quartiles of the
/// same type, nationally and in its delegation, each with a small box chart.
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
        /// The value against the national quartiles (the delegation's when only they are published).
        let chart: BoxChart?
    }
    /// One of the structure's own rates or ratios, beside the same figure for its type.
    struct Ratio: Encodable, Sendable {
        let indicator: String
        let label: String
        let value: String
        /// "8 sorties dynamiques sur 11 sorties".
        let detail: String
        let national: String
        let nationalSecret: Bool
        let delegation: String
        let delegationSecret: Bool
        let chart: BoxChart?
    }
    struct TypeBlock: Encodable, Sendable {
        let id: String
        let type: String
        let heading: String
        let delegationName: String
        let answerHref: String
        let ratios: [Ratio]?
        let lines: [Line]?
    }
    struct Link: Encodable, Sendable { let label: String; let href: String }

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
    /// The structure's benchmarks of other years; nil when none.
    var otherYears: [Link]? = nil

    struct Answer: Sendable {
        let unit: SurveyUnit
        let delegationName: String?
    }

    init(year: Int, k: Int, structureID: UUID, structureName: String, answers: [Answer], cube: FigureCube, settings: StatisticsSettings) {
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
            let ratios = Benchmark.ratios(for: answer.unit, unemployedETPCost: settings.unemployedETPCost)
                .compactMap { Self.ratio($0, unit: answer.unit, cube: cube) }
            let type = answer.unit.type
            return TypeBlock(id: "type-\(type)", type: type, heading: ReportPage.typeLabel(type),
                             delegationName: answer.delegationName.map { "Délégation \($0)" } ?? "Hors délégation",
                             answerHref: SiteURL.answer(year, structureID, type).path,
                             ratios: ratios.isEmpty ? nil : ratios, lines: lines.isEmpty ? nil : lines)
        }
        types = blocks.isEmpty ? nil : blocks
    }

    /// A catalogue label without its unit: the value carries it ("40,0 %", not "(%) 40,0 %").
    static func label(_ indicator: Indicator) -> String {
        indicator.label.replacingOccurrences(of: " (%)", with: "")
    }

    static func line(_ l: BenchmarkLine) -> Line {
        let kind = Self.kind(l.indicator.unit)
        let value = ReportFormat.text(l.value, kind)
        // Quartiles of counts fall between two answers: they keep their decimals.
        let q: ReportFormat.Kind = kind == .count ? .plain : kind
        let chart = (l.national ?? l.delegation).flatMap { quartiles in
            BoxChart(value: l.value, quartiles: quartiles, group: nil,
                     label: "\(label(l.indicator)) : votre valeur \(value) ; \(l.national == nil ? "dans la délégation" : "réseau national") : 1er quartile "
                         + "\(ReportFormat.text(quartiles.q1, q)), médiane \(ReportFormat.text(quartiles.median, q)), 3e quartile \(ReportFormat.text(quartiles.q3, q)).")
        }
        return Line(indicator: l.indicator.code, label: label(l.indicator), value: value,
                    national: l.national.map { comparison($0, l.nationalStanding, kind) },
                    delegation: l.delegation.map { comparison($0, l.delegationStanding, kind) }, chart: chart)
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
        case .hours: .hours
        case .etp: .decimal
        case .euros: .euros
        case .percent: .percent
        }
    }

    // MARK: rates and ratios

    /// Label, how its terms read, and its unit, for each ratio the page shows.
    static let ratioWording: [String: (label: String, numerator: String, denominator: String, kind: ReportFormat.Kind)] = [
        "dynamic_exit_rate": ("Taux de sorties dynamiques", "sorties dynamiques", "sorties", .percent),
        "economic_resources_share": ("Part des ressources issue de l'activité économique", "de chiffre d'affaires", "de ressources", .percent),
        "public_funding_per_insertion_etp_eur": ("Financement public par ETP en insertion", "de financements publics", "ETP en insertion", .euros),
        "return_per_public_euro": ("Rendu à la collectivité pour 1 € de financement public", "rendus", "de financements publics", .perEuro),
        "return_contributions": ("dont cotisations patronales", "de cotisations", "de financements publics", .perEuro),
        "return_taxes": ("dont impôts et taxes", "d'impôts et taxes", "de financements publics", .perEuro),
        "return_avoided_cost": ("dont coût du chômage évité", "de coût évité", "de financements publics", .perEuro),
    ]

    /// The structure's ratio beside the same figure of its type, computed by the engine on the
    /// group's sums (published or secret, as the release says).
    static func ratio(_ r: BenchmarkRatio, unit: SurveyUnit, cube: FigureCube) -> Ratio? {
        guard let wording = ratioWording[r.indicator] else { return nil }
        let national = Published(cube.figure(r.indicator, r.statistic, type: unit.type))
        let delegation = unit.delegation.map { Published(cube.figure(r.indicator, r.statistic, type: unit.type, delegation: $0)) } ?? .absent
        let value = ReportFormat.text(r.rounded, wording.kind)
        func term(_ x: Exact, _ words: String) -> String {
            let kind: ReportFormat.Kind = words.hasPrefix("ETP") ? .decimal : words.hasPrefix("sorties") ? .count : .euros
            return ReportFormat.text(x, kind) + " " + words
        }
        func text(_ p: Published) -> String {
            switch p {
            case .value(let v, _): ReportFormat.text(v, wording.kind)
            case .secret: ReportTable.secretText
            case .absent, .notApplicable: "non publié"
            }
        }
        let group = national.exact ?? delegation.exact
        let chart = group.flatMap { g in
            BoxChart(value: r.percent ? Exact(decimal: r.rounded)! : r.value, quartiles: nil, group: g,
                     label: "\(wording.label) : votre valeur \(value) ; \(national.exact == nil ? "délégation" : "réseau national") \(text(national.exact == nil ? delegation : national)).")
        }
        return Ratio(indicator: r.indicator, label: wording.label, value: value,
                     detail: term(r.numerator, wording.numerator) + " sur " + term(r.denominator, wording.denominator),
                     national: text(national), nationalSecret: national.isSecret,
                     delegation: text(delegation), delegationSecret: delegation.isSecret, chart: chart)
    }
}
