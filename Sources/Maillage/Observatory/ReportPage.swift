import Foundation
import MaillageCore

/// One section of a printed report: a heading, a chart and its data tables.
struct ReportSection: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        let label: String
        let value: String
        let secret: Bool

        init(_ label: String, _ value: Published, _ kind: ReportFormat.Kind) {
            self.label = label
            self.value = BarChart.text(.init(value: value, kind: kind))
            secret = value.isSecret
        }
    }

    let id: String
    let title: String
    var intro: String? = nil
    var chart: BarChart? = nil
    var tables: [ReportTable]
    /// Key figures under the heading; nil when none (Leaf treats an empty array as true).
    var facts: [Fact]? = nil
}

struct ReportLink: Encodable, Sendable {
    let label: String
    let href: String
}

/// The national report, a delegation's, or a type's median portrait: a cover, then sections.
struct ReportPage: Encodable, Sendable {
    let heading: String
    let kicker: String
    let scopeLabel: String
    let survey: String
    let responseRate: String
    let secrecy: String
    /// The tooltip of each "secret statistique" cell.
    let secretTitle: String
    let method: String?
    let backHref: String?
    let backLabel: String?
    let delegationLinks: [ReportLink]?
    let portraitLinks: [ReportLink]?
    let jsonHref: String
    var contents: [ReportLink]
    var sections: [ReportSection]
    /// Which figures these are: live and provisional, or a release and its date.
    var edition: String = ""
    var provisional = false
    var releasesHref: String = ""
    /// Values left out of the computation, or figures that could not be computed.
    var problems: [String]? = nil
    /// The cover: who publishes, and "Données 2024 — publication du …" or "… — provisoire".
    var federation: String = ""
    /// The federation's logo for the cover: a site path ("/img/logo.svg") or a data: URI.
    var logo: String? = nil
    var coverEdition: String = ""
    /// The server PDF of this page; nil when the server has no Chromium (print from the browser).
    var pdfHref: String? = nil
    /// One message when most figures of the scope are secret; their rows are then left out.
    var secretHeavy: String? = nil
    /// Sections left out because nothing in them could be published; nil when none.
    var collapsed: String? = nil
}

extension ReportPage {
    /// The cover's sentence on statistical secrecy: why some cells show no number.
    static func secrecySentence(k: Int) -> String {
        "Secret statistique : aucun chiffre calculé sur moins de \(k) structures n'est publié («\u{00A0}secret statistique\u{00A0}»), "
            + "et un chiffre qui permettrait de le retrouver par différence est masqué («\u{00A0}n.d.\u{00A0}», non disponible, comme une question restée sans réponse)."
    }

    static func secretTitle(k: Int) -> String {
        "Non publié : moins de \(k) structures, ou chiffre qui permettrait d'en retrouver un autre par différence"
    }

    static func surveySentence(_ campaign: Campaign) -> String {
        "Enquête menée du \(FrenchFormat.date(campaign.opensOn)) au \(FrenchFormat.date(campaign.closesOn)) "
            + "auprès des adhérents, sur leur activité de l'année \(campaign.year)."
    }

    static func contents(_ sections: [ReportSection]) -> [ReportLink] {
        sections.map { ReportLink(label: $0.title, href: "#" + $0.id) }
    }

    /// Types in the order of the federation's reports (AI, ACI, EI, ETTI…), unknown codes last.
    static func ordered(_ types: some Sequence<String>) -> [String] {
        let order = StructureType.allCases.map(\.rawValue)
        return Array(Set(types)).sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
    }

    static func typeLabel(_ code: String) -> String {
        StructureType(rawValue: code).map { "\($0.label) (\($0.shortLabel))" } ?? code
    }

    static func shortType(_ code: String) -> String { StructureType(rawValue: code)?.shortLabel ?? code }
}

// MARK: a scope where most figures are secret

extension ReportPage {
    /// "Trop peu de réponses…": shown once at the top instead of a wall of secret cells.
    static func secretHeavySentence(k: Int) -> String {
        "Trop peu de réponses dans ce périmètre : la plupart des chiffres sont couverts par le secret statistique "
            + "(moins de \(k) structures). Seuls les chiffres publiables sont présentés ci-dessous."
    }

    /// Figures of every table and key figure of the sections: shown, secret (fewer than k
    /// structures), and all of them (with those masked so that no secret can be recovered).
    static func tally(_ sections: [ReportSection]) -> (shown: Int, secret: Int, total: Int) {
        var shown = 0, secret = 0, total = 0
        for section in sections {
            for cell in section.tables.flatMap(\.rows).flatMap(\.cells) where cell.figure {
                total += 1
                if cell.secret { secret += 1 } else if !cell.missing { shown += 1 }
            }
            for fact in section.facts ?? [] {
                total += 1
                if fact.secret { secret += 1 } else { shown += 1 }
            }
        }
        return (shown, secret, total)
    }

    /// When more than half of the figures are secret, keep only what can be read: rows with
    /// at least one figure shown, charts with no secret bar, sections with something left;
    /// the sections left out are named once. Downloads still hold every row (same table ids).
    mutating func collapseIfMostlySecret(k: Int) {
        let count = Self.tally(sections)
        guard count.secret * 2 > count.total else { return }
        secretHeavy = Self.secretHeavySentence(k: k)
        var kept: [ReportSection] = [], dropped: [String] = []
        for var section in sections {
            section.tables = section.tables.compactMap { table in
                var t = table
                t.rows = table.rows.filter { row in row.cells.contains { $0.figure && !$0.secret && !$0.missing } }
                return t.rows.isEmpty ? nil : t
            }
            let facts = (section.facts ?? []).filter { !$0.secret }
            section.facts = facts.isEmpty ? nil : facts
            if let chart = section.chart, chart.groups.contains(where: { $0.bars.contains(where: \.secret) }) || !chart.groups.contains(where: { $0.bars.contains(where: \.drawn) }) {
                section.chart = nil
            }
            if section.tables.isEmpty && section.facts == nil && section.chart == nil { dropped.append(section.title) } else { kept.append(section) }
        }
        sections = kept
        contents = Self.contents(kept)
        collapsed = dropped.isEmpty ? nil
            : "Sans chiffre publiable dans ce périmètre : " + dropped.map { "«\u{00A0}\($0)\u{00A0}»" }.joined(separator: ", ") + "."
    }
}
