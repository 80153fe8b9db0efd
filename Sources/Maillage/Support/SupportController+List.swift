import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/accompagnement`: the supports followed — every delegation's for a national admin (filter by
/// delegation), their own delegation's for a regional delegate —; filters year (running that
/// year), programme, status; CSV and XLSX of every filtered row.
extension SupportController {
    static let columns = [ListColumn("structure", "Structure"), ListColumn("programme", "Programme"),
                          ListColumn("delegation", "Délégation"), ListColumn("delegate", "Délégué"),
                          ListColumn("started", "Début"), ListColumn("ended", "Fin"), ListColumn("status", "Statut"),
                          ListColumn("days", "Journées", numeric: true)]

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("started", descending: true))
        let scope = SupportAccess.delegationScope(user)
        let delegations = try await Delegation.query(on: req.db).all()
            .filter { SupportAccess.inScope($0.id!, scope) && ($0.validTo == nil || scope != nil) }
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
        let delegation = raw["delegation"].flatMap(UUID.init(uuidString:)).flatMap { id in delegations.contains { $0.id == id } ? id : nil }
        let programmes = try await SupportProgramme.query(on: req.db).all().sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let programme = raw["programme"].flatMap(UUID.init(uuidString:)).flatMap { id in programmes.contains { $0.id == id } ? id : nil }
        let status = raw["statut"].flatMap(SupportStatus.init(rawValue:))
        let year = raw["annee"].flatMap { SupportFiguresController.year($0) }
        var rows = try await SupportQueries.supports(scope: scope, delegation: delegation, programme: programme, status: status,
                                                     year: year, on: req.db)
        state.sort.apply(&rows) { a, b in
            let tie = (a.support.startedOn, a.support.id!.uuidString) < (b.support.startedOn, b.support.id!.uuidString)
            func text(_ x: String, _ y: String) -> Bool { x != y ? FrenchSortKey(x) < FrenchSortKey(y) : tie }
            switch state.sort.key {
            case "structure": return text(a.structureName, b.structureName)
            case "programme": return a.programmePosition != b.programmePosition ? a.programmePosition < b.programmePosition : text(a.programmeName, b.programmeName)
            case "delegation": return text(a.delegationName, b.delegationName)
            case "delegate": return text(a.support.delegateName, b.support.delegateName)
            case "ended": return (a.support.endedOn ?? "9999") != (b.support.endedOn ?? "9999") ? (a.support.endedOn ?? "9999") < (b.support.endedOn ?? "9999") : tie
            case "status": return text(a.support.statusValue.label, b.support.statusValue.label)
            case "days": return a.halfDays != b.halfDays ? a.halfDays < b.halfDays : tie
            default: return tie
            }
        }
        let filters: [(String, String?)] = [("annee", year.map(String.init)), ("delegation", delegation?.uuidString),
                                            ("programme", programme?.uuidString), ("statut", status?.rawValue)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("suivis-accompagnement", filters: filters, on: req, format: format),
                                       headers: columns.map(\.label), rows: rows.map(exportCells), sheet: "Suivis")
        }
        let list = ListView(.support(.home), columns: columns, state: state, filters: filters, total: rows.count,
                            exportable: true, noun: ("suivi", "suivis"))
        let today = Day.today(now: req.services.clock.now)
        let names = delegations.map(\.name)
        let page = SupportsPage(
            heading: "Accompagnement des adhérents",
            scopeNote: scope == nil ? nil : "Les suivis de votre délégation : \(names.joined(separator: ", ")).",
            action: SiteURL.support(.home).path, lines: rows[list.range].map(line), list: list,
            years: ((today.year - 5)...(today.year + 1)).reversed().map { SupportOption(value: String($0), label: String($0), selected: $0 == year) },
            delegations: delegations.count > 1 ? SupportPages.options(delegations, value: { $0.id!.uuidString }, label: \.name, selected: delegation?.uuidString) : nil,
            programmes: SupportPages.options(programmes, value: { $0.id!.uuidString }, label: \.name, selected: programme?.uuidString),
            statuses: SupportStatus.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            daysHref: req.link(to: .support(.days)), figuresHref: req.link(to: .support(.figures)),
            programmesHref: req.link(to: .support(.programmes)))
        return try await req.renderPage("support/home", title: page.heading, page)
    }

    static func line(_ r: SupportQueries.SupportRow) -> SupportsPage.Line {
        let s = r.support
        return SupportsPage.Line(
            structure: r.structureName, structureHref: SupportURL.structure(s.$structure.id).path, programme: r.programmeName,
            delegation: r.delegationName, delegate: s.delegateName, started: SupportPages.date(s.startedOn), ended: SupportPages.date(s.endedOn),
            status: s.statusValue.label, days: SupportFigures.daysText(r.halfDays), href: SupportURL.support(s.$structure.id, s.id!).path)
    }

    private static func exportCells(_ r: SupportQueries.SupportRow) -> [XLSXCell] {
        let s = r.support
        return [.text(r.structureName), .text(r.programmeName), .text(r.delegationName), .text(s.delegateName),
                s.startedOnValue.map { .date($0) } ?? .empty, s.endedOnValue.map { .date($0) } ?? .empty,
                .text(s.statusValue.label), .number(SupportFigures.daysDecimal(r.halfDays))]
    }
}
