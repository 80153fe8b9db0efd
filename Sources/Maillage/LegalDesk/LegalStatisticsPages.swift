import Foundation
import MaillageCore

/// The statistics page (`/juridique/statistiques?annee=`): every figure written the French way.
/// A delegate's figures are the questions asked while the structure was in the delegation's
/// departments (`LegalStatistics.load`); the page's notes (« Comment lire ces chiffres ») say so.
struct LegalStatisticsPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let label: String
        let count: String
        let share: String
    }
    typealias Year = YearLink
    struct Figure: Encodable, Sendable {
        let label: String
        let value: String
        let note: String?
    }
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
    }

    let heading: String
    let perimeter: String
    let years: [Year]
    let figures: [Figure]
    /// The three-year comparison.
    let history: [Line]
    let byCategory: [Line]?
    let byDelegation: [Line]?
    let byType: [Line]?
    let downloads: [Link]
    let homeHref: String?
}

extension LegalStatisticsPage {
    static let dash = "—"

    static func percent(_ value: Decimal?) -> String { value.map { FrenchFormat.percent($0, places: 1) } ?? dash }

    /// « +20,0 % », « −8,3 % », « — ».
    static func change(_ value: Decimal?) -> String {
        guard let value else { return dash }
        let text = FrenchFormat.percent(abs(value), places: 1)
        return value > 0 ? "+" + text : value < 0 ? "−" + text : text
    }

    static func days(_ value: Decimal?) -> String {
        value.map { FrenchFormat.decimal($0, places: 1) + "\u{202F}j ouvrés" } ?? dash
    }

    static func lines(_ parts: [LegalStatistics.Part], total: Int) -> [Line]? {
        parts.isEmpty ? nil : parts.map {
            Line(label: $0.label, count: FrenchFormat.integer($0.count), share: percent(LegalStatistics.share($0.count, of: total)))
        }
    }

    static func figures(_ s: LegalStatistics) -> [Figure] {
        [
            Figure(label: "Questions posées en \(s.year)", value: FrenchFormat.integer(s.count), note: nil),
            Figure(label: "Évolution sur \(s.year - 1)", value: change(s.change),
                   note: s.previous == 0 ? "Aucune question en \(s.year - 1)" : "\(FrenchFormat.integer(s.previous)) en \(s.year - 1)"),
            Figure(label: "Délai médian de première réponse", value: days(s.median),
                   note: FrenchFormat.plural(s.answered, "question répondue", "questions répondues")),
            Figure(label: "Réponses dans le délai promis", value: percent(LegalStatistics.share(s.answeredInTime, of: s.answered)),
                   note: "\(FrenchFormat.integer(s.answeredInTime)) sur \(FrenchFormat.integer(s.answered))"),
            Figure(label: "Fiches publiées en \(s.year)", value: FrenchFormat.integer(s.notesPublished), note: nil),
        ]
    }

    static func history(_ s: LegalStatistics) -> [Line] {
        [(s.year - 2, s.beforePrevious, nil as Int?), (s.year - 1, s.previous, s.beforePrevious), (s.year, s.count, s.previous)].map { y, n, before in
            Line(label: String(y), count: FrenchFormat.integer(n),
                 share: change(before.flatMap { $0 == 0 ? nil : Decimal(n - $0) * 100 / Decimal($0) }))
        }
    }

    /// "12.5": rounded once to one place, half away from zero, with a point (an XLSX number).
    static func plain(_ value: Decimal) -> String {
        var v = value, r = Decimal()
        NSDecimalRound(&r, &v, 1, .plain)
        return r.description
    }

    /// The figures as a table, for `statistiques.csv` and `.xlsx` (typed cells: integers, decimals with a point).
    static func table(_ s: LegalStatistics) -> (headers: [String], rows: [[XLSXCell]]) {
        func pct(_ v: Decimal?) -> XLSXCell { v.map { .number(plain($0)) } ?? .empty }
        var rows: [[XLSXCell]] = [
            [.text("Ensemble"), .text("Questions posées en \(s.year)"), .integer(s.count), .empty],
            [.text("Ensemble"), .text("Questions posées en \(s.year - 1)"), .integer(s.previous), .empty],
            [.text("Ensemble"), .text("Questions posées en \(s.year - 2)"), .integer(s.beforePrevious), .empty],
            [.text("Ensemble"), .text("Évolution sur \(s.year - 1) (%)"), .empty, pct(s.change)],
            [.text("Ensemble"), .text("Délai médian de première réponse (jours ouvrés)"), .empty,
             s.median.map { .number(plain($0)) } ?? .empty],
            [.text("Ensemble"), .text("Réponses dans le délai promis"), .integer(s.answeredInTime), pct(LegalStatistics.share(s.answeredInTime, of: s.answered))],
            [.text("Ensemble"), .text("Questions répondues"), .integer(s.answered), .empty],
            [.text("Ensemble"), .text("Fiches publiées"), .integer(s.notesPublished), .empty],
        ]
        for (section, parts) in [("Catégorie", s.byCategory), ("Délégation", s.byDelegation), ("Type de structure", s.byType)] {
            rows += parts.map { [.text(section), .text($0.label), .integer($0.count), pct(LegalStatistics.share($0.count, of: s.count))] }
        }
        return (["Rubrique", "Libellé", "Nombre", "Part (%)"], rows)
    }
}
