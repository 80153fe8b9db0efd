import Foundation
import MaillageCore

/// The certification figures page (`/qualite/chiffres?annee=&delegation=`): the year's counts by
/// standard at 31 December, the share of members certified, the table by delegation, three years
/// side by side and the members certified or renewed in the year by delegation. Every number is
/// computed by `CertificationFigures` and written by `FrenchFormat`.
struct QualityFiguresPage: Encodable, Sendable {
    struct Figure: Encodable, Sendable {
        let label: String
        let value: String
        let note: String?
    }
    /// A table line: certified at 31/12, newly certified, renewed, engaged, in progress.
    struct Line: Encodable, Sendable {
        let label: String
        let certified: String
        let newlyCertified: String
        let renewed: String
        let engaged: String
        let inProgress: String
        /// Per delegation and per year only: active members and the share certified.
        let members: String?
        let share: String?
    }
    struct HistoryLine: Encodable, Sendable {
        let label: String
        /// Certified at 31/12 per standard, in `historyHeaders` order.
        let cells: [String]
        let line: Line
    }
    struct Listed: Encodable, Sendable {
        let structure: String
        let standard: String
        let kind: String
        let day: String
    }
    struct Group: Encodable, Sendable {
        let delegation: String
        let count: String
        let items: [Listed]
    }
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let heading: String
    let scope: String
    let notice: String?
    let action: String
    let year: String
    let years: [YearLink]
    let delegations: [Option]
    let figures: [Figure]
    let byStandard: [Line]
    let total: Line
    let byDelegation: [Line]?
    let historyHeaders: [String]
    let history: [HistoryLine]
    let listed: [Group]?
    let listedCount: String
    let links: [HomePage.Link]?
}

/// The inputs of the page, read by `QualityFiguresController` (or built by hand in tests).
struct QualityFiguresData: Sendable {
    let records: [CertificationFigures.Record]
    /// Active members at 31 December, by year.
    let members: [Int: [CertificationFigures.Member]]
    /// The delegation map of each year.
    let maps: [Int: NetworkMap]
    /// Code → name, in the standards' order.
    let standards: [(code: String, name: String)]
    let names: [UUID: String]
}

extension QualityFiguresPage {
    static let outside = "Hors délégation"

    static func line(_ label: String, _ row: CertificationFigures.Row, members: CertificationFigures.Year? = nil) -> Line {
        Line(label: label, certified: FrenchFormat.integer(row.certified), newlyCertified: FrenchFormat.integer(row.newlyCertified),
             renewed: FrenchFormat.integer(row.renewed), engaged: FrenchFormat.integer(row.engaged),
             inProgress: FrenchFormat.integer(row.inProgress), members: members.map { FrenchFormat.integer($0.members) },
             share: members.map { $0.shareText() })
    }

    static func build(year: Int, delegation: NetworkMap.Entry?, data: QualityFiguresData, notice: String?, years: [YearLink],
                      delegations: [Option], action: String, links: [HomePage.Link]) -> QualityFiguresPage {
        let map = data.maps[year] ?? NetworkMap(year: year, delegations: [])
        func figures(_ y: Int) -> CertificationFigures.Year {
            let m = data.maps[y] ?? map
            return CertificationFigures.year(y, records: data.records, members: data.members[y] ?? [], standards: data.standards.map(\.code),
                                             delegation: delegation?.code, delegationOf: { m.delegation(ofDepartment: $0)?.code })
        }
        let current = figures(year)
        let names = Dictionary(data.standards.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let shown = current.standards.filter { row in row != CertificationFigures.Row(key: row.key) || names[row.key] != nil }
        let scope = delegation.map { "Délégation \($0.name)" } ?? "Réseau"
        let endOfYear = "31/12/\(year)"
        let byDelegation: [Line]? = delegation != nil ? nil : CertificationFigures.byDelegation(
            year, records: data.records, members: data.members[year] ?? [], standards: data.standards.map(\.code),
            delegationOf: { map.delegation(ofDepartment: $0)?.code })
            .map { (label: $0.delegation.isEmpty ? outside : map.delegation(code: $0.delegation)?.name ?? $0.delegation, figures: $0.figures) }
            .sorted { ($0.label == outside ? 1 : 0, FrenchSortKey($0.label)) < ($1.label == outside ? 1 : 0, FrenchSortKey($1.label)) }
            .map { line($0.label, $0.figures.total, members: $0.figures) }
        let historyYears = ((year - 2)...year).map { figures($0) }
        let historyCodes = shown.map(\.key)
        let inScope = { (department: String) in delegation == nil || map.delegation(ofDepartment: department)?.code == delegation?.code }
        let listed = CertificationFigures.listed(year, records: data.records.filter { inScope($0.department) })
        var groups: [String: [CertificationFigures.Listed]] = [:]
        for l in listed { groups[map.delegation(ofDepartment: l.department)?.name ?? outside, default: []].append(l) }
        let groupLines = groups.sorted { ($0.key == outside ? 1 : 0, FrenchSortKey($0.key)) < ($1.key == outside ? 1 : 0, FrenchSortKey($1.key)) }
            .map { name, items in
                Group(delegation: name, count: FrenchFormat.plural(items.count, "ligne", "lignes"), items: items.map { l in
                    (l, FrenchSortKey(data.names[l.structureID] ?? ""))
                }.sorted { ($0.1, $0.0.standard, $0.0.kind.rawValue) < ($1.1, $1.0.standard, $1.0.kind.rawValue) }.map { l, _ in
                    Listed(structure: data.names[l.structureID] ?? "—", standard: names[l.standard] ?? l.standard,
                           kind: l.kind == .certified ? "Certifiée" : "Renouvelée", day: l.day.french)
                })
            }
        let total = current.total
        return QualityFiguresPage(
            heading: "Certifications \(year) — \(scope)", scope: scope, notice: notice, action: action, year: String(year),
            years: years, delegations: delegations,
            figures: [
                Figure(label: "Adhérents certifiés au \(endOfYear)", value: FrenchFormat.integer(total.certified),
                       note: shown.filter { $0.certified > 0 }.map { "\(names[$0.key] ?? $0.key) \(FrenchFormat.integer($0.certified))" }
                           .joined(separator: " ; ").nilIfEmpty),
                Figure(label: "Part des adhérents certifiés", value: current.shareText(),
                       note: "\(FrenchFormat.integer(current.certifiedMembers)) sur \(FrenchFormat.plural(current.members, "adhérent actif", "adhérents actifs")) au \(endOfYear)"),
                Figure(label: "Nouvellement certifiés en \(year)", value: FrenchFormat.integer(total.newlyCertified), note: nil),
                Figure(label: "Renouvelés en \(year)", value: FrenchFormat.integer(total.renewed), note: nil),
                Figure(label: "Engagés dans la démarche", value: FrenchFormat.integer(total.engaged),
                       note: "dont \(FrenchFormat.integer(total.inProgress)) en démarche, non encore certifiés"),
            ],
            byStandard: shown.map { line(names[$0.key] ?? $0.key, $0) },
            total: line("Ensemble (structures distinctes)", total),
            byDelegation: byDelegation?.isEmpty == true ? nil : byDelegation,
            historyHeaders: historyCodes.map { names[$0] ?? $0 },
            history: historyYears.map { y in
                HistoryLine(label: String(y.year), cells: historyCodes.map { FrenchFormat.integer(y.row($0).certified) },
                            line: line(String(y.year), y.total, members: y))
            },
            listed: groupLines.isEmpty ? nil : groupLines,
            listedCount: FrenchFormat.plural(listed.count, "certification ou renouvellement", "certifications ou renouvellements"),
            links: links.isEmpty ? nil : links)
    }
}

fileprivate extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
