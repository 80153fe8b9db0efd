import Foundation
import MaillageCore

/// How the Observatory's published values read in French: "1 234 567,89 €", "28,4 %",
/// "9 641,25" — thousands and units set off by narrow no-break spaces, a comma for decimals.
/// Values arrive as the cube's rounded decimals with a point; nothing is rounded twice.
enum ReportFormat {
    /// Narrow no-break space (U+202F), as French typography sets it before % and € and
    /// between groups of thousands.
    static let thin = "\u{202F}"

    /// What a figure measures, and so how it is written.
    enum Kind: Sendable {
        /// Euros with cents.
        case euros
        /// Euros per euro of public funding ("2,00 €").
        case perEuro
        /// People, answers, exits: integers.
        case count
        /// ETP and hours: 2 decimal places.
        case decimal
        /// Percentages with 1 decimal place.
        case percent
        /// Up to 2 decimal places, trailing zeros dropped: medians of counts ("12", "12,5").
        case plain
        /// Hours, trailing zeros dropped, with their unit ("21 840 h", "1 607,5 h").
        case hours
    }

    /// The cube's decimal ("1234567.89") written for a reader.
    static func text(_ decimal: String, _ kind: Kind) -> String {
        switch kind {
        case .euros, .perEuro: return number(decimal, places: 2) + thin + "€"
        case .count: return number(decimal, places: 0)
        case .decimal: return number(decimal, places: 2)
        case .percent: return number(decimal, places: 1) + thin + "%"
        case .plain: return trimmed(number(decimal, places: 2))
        case .hours: return trimmed(number(decimal, places: 2)) + thin + "h"
        }
    }

    static func text(_ value: Exact, _ kind: Kind) -> String { text(value.rounded(places: places(kind)), kind) }

    static func places(_ kind: Kind) -> Int {
        switch kind {
        case .count: 0
        case .percent: 1
        case .euros, .perEuro, .decimal, .plain, .hours: 2
        }
    }

    /// "12,50" → "12,5"; "12,00" → "12".
    static func trimmed(_ text: String) -> String {
        guard text.contains(",") else { return text }
        var s = text
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(",") { s.removeLast() }
        return s
    }

    /// "1234567.891" → "1 234 567,89": grouped whole part, comma, `places` decimals.
    /// The text is already rounded by the cube; the digits beyond `places` are only padding.
    static func number(_ decimal: String, places: Int) -> String {
        guard let exact = Exact(decimal: decimal) else { return decimal }
        let rounded = exact.rounded(places: places)
        let negative = rounded.hasPrefix("-")
        let body = negative ? String(rounded.dropFirst()) : rounded
        let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
        var out = group(parts[0])
        if parts.count > 1 { out += "," + parts[1] }
        return (negative ? "-" : "") + out
    }

    /// Digits grouped by three from the right with narrow no-break spaces.
    static func group(_ digits: String) -> String {
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += thin }
            out.append(d)
        }
        return out
    }

    /// A decimal for a spreadsheet cell or a French CSV: comma, no grouping ("1234567,89").
    /// The same, with a point, as XLSX number cells want it.
    static func xlsx(_ decimal: String, _ kind: Kind) -> String {
        Exact(decimal: decimal)?.rounded(places: places(kind)) ?? decimal
    }

    /// "154 réponses sur 543 adhérents (28,4 %)". The rate is published whatever the number
    /// of answers (SPEC §8: it reveals only counts); without members there is none.
    static func responseRate(answers: Int, members: Int, rate: String?) -> String {
        let head = FrenchFormat.plural(answers, "réponse", "réponses").replacingOccurrences(of: "\u{00A0}", with: thin)
            + " sur " + FrenchFormat.plural(members, "adhérent", "adhérents").replacingOccurrences(of: "\u{00A0}", with: thin)
        guard let rate else { return head }
        return head + " (" + text(rate, .percent) + ")"
    }
}
