import Foundation
import MaillageCore

/// The support figures page (`/accompagnement/chiffres?annee=&delegation=`): members supported
/// per programme and intervention days by kind, for the network or one delegation, a table per
/// delegation and a chart. Every number comes from `SupportFigures`, written the French way.
struct SupportFiguresPage: Encodable, Sendable {
    struct Figure: Encodable, Sendable {
        let label: String
        let value: String
    }
    struct Line: Encodable, Sendable {
        let label: String
        let value: String
    }
    /// A delegation's line: members supported, days by kind (in `InterventionKind` order), total.
    struct DelegationLine: Encodable, Sendable {
        let label: String
        let members: String
        let days: [String]
        let total: String
    }

    let heading: String
    let notice: String?
    let years: [YearLink]
    let action: String
    let year: String
    let delegations: [SupportOption]
    let figures: [Figure]
    let programmes: [Line]
    let members: Line
    let kinds: [Line]
    let totalDays: Line
    let chart: SupportChart?
    let kindLabels: [String]
    /// nil when one delegation is shown, or none has anything this year.
    let byDelegation: [DelegationLine]?
    let networkLine: DelegationLine?
    let downloads: [SupportLink]
}

extension SupportFiguresPage {
    static let network = "Réseau"

    /// - Parameters:
    ///   - delegation: the code of the delegation shown, nil for the network.
    static func build(year: Int, data: SupportFiguresData, delegation: String?, notice: String?, years: [YearLink],
                      action: String, downloads: [SupportLink]) -> SupportFiguresPage {
        let block = SupportFigures.block(supports: data.supports, days: data.days, year: year, delegation: delegation)
        let scopeName = delegation.map { data.delegationNames[$0] ?? $0 }
        let programmes = data.programmes.filter { block.members(in: $0.code) > 0 || data.activeCodes.contains($0.code) }
        let kinds = InterventionKind.allCases
        let codes = SupportFigures.delegations(supports: data.supports, days: data.days, year: year)
        func line(_ label: String, _ b: SupportFigures.Block) -> DelegationLine {
            DelegationLine(label: label, members: FrenchFormat.integer(b.members), days: kinds.map { SupportFigures.daysText(b.halfDays($0)) },
                           total: SupportFigures.daysText(b.totalHalfDays))
        }
        let perDelegation = codes.map { (label: data.delegationNames[$0] ?? $0, block: SupportFigures.block(supports: data.supports, days: data.days, year: year, delegation: $0)) }
            .sorted { FrenchSortKey($0.label) < FrenchSortKey($1.label) }
        let chart = block.totalHalfDays == 0 ? nil
            : SupportChart(id: "support-chart", title: "Journées d'intervention par nature en \(year)" + (scopeName.map { " — \($0)" } ?? ""),
                           values: kinds.map { ($0.label, block.halfDays($0)) })
        return SupportFiguresPage(
            heading: "Chiffres de l'accompagnement \(year)" + (scopeName.map { " — \($0)" } ?? ""),
            notice: notice, years: years, action: action, year: String(year),
            delegations: codes.union(delegation.map { [$0] } ?? []).map { (code: $0, name: data.delegationNames[$0] ?? $0) }
                .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
                .map { SupportOption(value: $0.code, label: $0.name, selected: $0.code == delegation) },
            figures: [Figure(label: "Adhérents accompagnés", value: FrenchFormat.integer(block.members)),
                      Figure(label: "Journées d'intervention", value: SupportFigures.daysText(block.totalHalfDays))],
            programmes: programmes.map { Line(label: $0.name, value: FrenchFormat.integer(block.members(in: $0.code))) },
            members: Line(label: "Adhérents accompagnés (chacun compté une fois)", value: FrenchFormat.integer(block.members)),
            kinds: kinds.map { Line(label: $0.label, value: SupportFigures.daysText(block.halfDays($0))) },
            totalDays: Line(label: "Total", value: SupportFigures.daysText(block.totalHalfDays)),
            chart: chart, kindLabels: kinds.map(\.label),
            byDelegation: delegation != nil || perDelegation.isEmpty ? nil : perDelegation.map { line($0.label, $0.block) },
            networkLine: delegation != nil || perDelegation.isEmpty ? nil : line(network, block),
            downloads: downloads)
    }
}

extension SupportFiguresData {
    /// The programmes offered today (shown even at zero); retired ones show only with members.
    var activeCodes: Set<String> { Set(programmes.filter(\.active).map(\.code)) }
}

private extension Array where Element == String {
    func union(_ other: [String]) -> [String] { Array(Set(self).union(other)) }
}
