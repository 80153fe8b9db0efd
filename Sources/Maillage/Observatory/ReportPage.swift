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
    let contents: [ReportLink]
    let sections: [ReportSection]
    /// Which figures these are: live and provisional, or a release and its date.
    var edition: String = ""
    var provisional = false
    var releasesHref: String = ""
    /// Values left out of the computation, or figures that could not be computed.
    var problems: [String]? = nil
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
