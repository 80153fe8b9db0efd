import Foundation
import MaillageCore

/// The figures as files (`/accompagnement/chiffres/:year/chiffres.csv|xlsx`): for the network then
/// each delegation with something that year, members supported per programme (integers) and
/// intervention days by kind (decimal days with a point, « 10.5 »), each with its total. Typed
/// cells, the project's French CSV dialect through `ListExport`; no member is named.
enum SupportFiguresFiles {
    static let names = ["chiffres.csv", "chiffres.xlsx"]
    static let headers = ["Code délégation", "Délégation", "Rubrique", "Clé", "Libellé", "Valeur"]

    static func figures(year: Int, data: SupportFiguresData) -> (headers: [String], rows: [[XLSXCell]]) {
        let codes = SupportFigures.delegations(supports: data.supports, days: data.days, year: year)
            .sorted { FrenchSortKey(data.delegationNames[$0] ?? $0) < FrenchSortKey(data.delegationNames[$1] ?? $1) }
        var rows: [[XLSXCell]] = []
        for code in [nil] + codes.map(Optional.some) {
            let b = SupportFigures.block(supports: data.supports, days: data.days, year: year, delegation: code)
            let head: [XLSXCell] = [.text(code ?? "reseau"), .text(code.map { data.delegationNames[$0] ?? $0 } ?? SupportFiguresPage.network)]
            for p in data.programmes where b.members(in: p.code) > 0 || p.active {
                rows.append(head + [.text("Adhérents accompagnés"), .text(p.code), .text(p.name), .integer(b.members(in: p.code))])
            }
            rows.append(head + [.text("Adhérents accompagnés"), .text("total"), .text("Adhérents accompagnés (chacun compté une fois)"), .integer(b.members)])
            for k in InterventionKind.allCases {
                rows.append(head + [.text("Journées d'intervention"), .text(k.rawValue), .text(k.label), .number(SupportFigures.daysDecimal(b.halfDays(k)))])
            }
            rows.append(head + [.text("Journées d'intervention"), .text("total"), .text("Total"), .number(SupportFigures.daysDecimal(b.totalHalfDays))])
        }
        return (headers, rows)
    }
}
