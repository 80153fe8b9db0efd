import Fluent
import Foundation
import MaillageCore
import Vapor

/// The member directory (signed in) and the public directory (anyone).
enum DirectoryController {
    /// The option lists and the table body are `HTML` fragments (escaped by construction, each
    /// table line kept by the snapshot), the only fields the template inserts raw.
    struct DirectoryPage: Encodable, Sendable {
        let q: String
        let delegations: HTML
        let departments: HTML
        let types: HTML
        let statuses: HTML
        let rows: HTML
        /// Header, pager, empty state and the exports of the list as shown (`format=csv|xlsx`).
        let list: ListView
        let canCreate: Bool
        let newHref: String
        /// The member file (the import's contract), for those who supervise the register.
        let exportCSV: String?
        let exportXLSX: String?
    }

    /// Reads the directory's filters and its list state (`sort=joined`, the API's most recent
    /// first, is still understood).
    static func state(_ req: Request, map: NetworkMap) throws -> (DirectoryFilters, ListState) {
        var raw = try req.query.decode([String: String].self)
        if let legacy = raw["sort"].flatMap({ DirectoryFilters.apiSorts[$0] }) { raw["sort"] = legacy.value }
        var (filters, _) = DirectoryFilters.parse(raw, map: map)
        let state = ListState(raw, columns: DirectoryFilters.columns, defaultSort: DirectoryFilters.defaultSort)
        filters.sort = state.sort
        filters.perPage = state.perPage
        return (filters, state)
    }

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, state) = try state(req, map: map)
        let snapshot = try await DirectoryQuery.snapshot(on: req)
        let matched = snapshot.matching(filters, scope: .of(user, map: map), map: map, currentOnly: false)
        if let format = state.format {
            return export(matched.map { snapshot.rows[$0] }, format: format, filters: filters, map: map, on: req)
        }
        let list = ListView(.directory, columns: DirectoryFilters.columns, state: state, filters: filters.filterItems(),
                            total: matched.count, exportable: true, noun: ("structure", "structures"))
        let exportQuery = filters.queryItems()
        let page = DirectoryPage(
            q: filters.q,
            delegations: HTML.options(map.delegations.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == filters.delegation) }),
            departments: HTML.options(Departments.all.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == filters.department) }),
            types: HTML.options(StructureType.allCases.map { SelectOption(value: $0.rawValue, label: $0.shortLabel, selected: $0 == filters.type) }),
            statuses: HTML.options([DirectoryStatus.active, .associate, .former].map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filters.status) }),
            rows: HTML(matched[list.range].map { snapshot.lines[$0].html(delegation: map.delegation(ofDepartment: snapshot.rows[$0].department_code)?.code ?? "—") }),
            list: list,
            canCreate: req.link(to: .newStructure) != nil, newHref: SiteURL.newStructure.path,
            exportCSV: req.link(to: .exportMembersCSV).map { _ in SiteURL.exportMembersCSV.path(query: exportQuery) },
            exportXLSX: req.link(to: .exportMembersXLSX).map { _ in SiteURL.exportMembersXLSX.path(query: exportQuery) })
        return try await req.renderPage("members/directory", title: "Adhérents", page)
    }

    /// The list as shown, every page: the columns of the table, French headers, typed cells.
    static let exportHeaders = ["Nom", "SIRET", "Types", "Commune", "Département", "Délégation", "Statut", "Date d'adhésion"]

    static func exportCells(_ r: DirectoryRow, map: NetworkMap) -> [XLSXCell] {
        [.text(r.name), .text(r.siret), .text(r.structureTypes.map(\.shortLabel).joined(separator: ", ")), .text(r.commune),
         .text(r.department_code), .text(map.delegation(ofDepartment: r.department_code)?.name ?? ""),
         .text((DirectoryStatus(rawValue: r.status) ?? .none).label), r.joined_on.flatMap(Day.init(iso:)).map(XLSXCell.date) ?? .empty]
    }

    private static func export(_ rows: [DirectoryRow], format: ListFormat, filters: DirectoryFilters, map: NetworkMap,
                               on req: Request) -> Response {
        let name = ListView.fileName("adherents", filters: filters.filterItems(), on: req, format: format)
        return ListExport.response(format, name: name, headers: exportHeaders, rows: rows.map { exportCells($0, map: map) },
                                   sheet: "Adhérents")
    }

    /// A line of the table as the page shows it (page snapshot tests build lines from it).
    struct Row: Encodable, Sendable {
        let href: String
        let name: String
        let siret: String
        let types: String
        let commune: String
        let department: String
        let delegation: String
        let status: String
        let joinedOn: String
    }

    static func tableRows(_ rows: [Row]) -> HTML {
        HTML(rows.map { r in
            DirectoryLine(href: r.href, name: r.name, siret: r.siret, types: r.types, commune: r.commune,
                          department: r.department, status: r.status, joinedOn: r.joinedOn).html(delegation: r.delegation)
        })
    }

    struct PublicRow: Encodable, Sendable {
        let name: String
        let types: String
        let commune: String
        let website: String?
        /// Set only for an http(s) address (`WebAddress.link`): any other stored value is shown as text.
        let websiteHref: String?
        /// The quality labels held now, of standards marked public (issue #14); nil when none.
        var labels: [String]? = nil
    }
    struct PublicPage: Encodable, Sendable {
        let q: String
        let rows: [PublicRow]
        let list: ListView
    }

    static let publicColumns = [ListColumn("name", "Nom"), ListColumn("types", "Types", sortable: false),
                                ListColumn("commune", "Commune"), ListColumn("website", "Site web", sortable: false)]

    /// Public: current members only (active or associate), and only name, types, commune, website.
    static func publicIndex(_ req: Request) async throws -> Response {
        let map = try await req.networkMap()
        let raw = try req.query.decode([String: String].self)
        var filters = DirectoryFilters()
        filters.q = DirectoryFilters.parse(raw, map: map).0.q
        let state = ListState(raw, columns: publicColumns, defaultSort: ListSort("name"))
        filters.sort = state.sort
        let all = DirectoryScope(all: true, departments: [], structureIDs: [])
        let snapshot = try await DirectoryQuery.snapshot(on: req)
        let matched = snapshot.matching(filters, scope: all, map: map, currentOnly: true)
        let list = ListView(.publicDirectory, columns: publicColumns, state: state, filters: [("q", filters.q)],
                            total: matched.count, noun: ("adhérent", "adhérents"))
        let shown = matched[list.range].map { snapshot.rows[$0] }
        let labels = try await QualityStructureSummary.publicLabels(of: shown.map(\.id), today: Day.today(now: req.services.clock.now), on: req.db)
        let page = PublicPage(
            q: filters.q,
            rows: shown.map {
                PublicRow(name: $0.name, types: $0.structureTypes.map(\.shortLabel).joined(separator: ", "), commune: $0.commune,
                          website: $0.website, websiteHref: WebAddress.link($0.website), labels: labels[$0.id]) },
            list: list)
        return try await req.renderPage("members/public-directory", title: "Annuaire des adhérents", page)
    }
}

/// One line of the directory table, formatted and escaped once per register version (the
/// snapshot keeps one per structure). The delegation cell is left out: it follows the network
/// map, which can change without the register.
struct DirectoryLine: Sendable {
    private let before: HTML
    private let after: HTML

    init(href: String, name: String, siret: String, types: String, commune: String, department: String, status: String, joinedOn: String) {
        before = HTML([
            .element("td", [:], .element("a", ["href": href], .text(name))),
            .element("td", ["class": "nowrap"], .text(siret)),
            .element("td", [:], .text(types)),
            .element("td", [:], .text(commune)),
            .element("td", [:], .text(department)),
        ])
        after = .element("td", [:], .text(status)) + .element("td", [:], .text(joinedOn))
    }

    init(_ s: DirectoryRow) {
        self.init(href: SiteURL.structure(s.id).path, name: s.name, siret: SIRET(s.siret)?.formatted ?? s.siret,
                  types: s.structureTypes.map(\.shortLabel).joined(separator: ", "), commune: s.commune, department: s.department_code,
                  status: (DirectoryStatus(rawValue: s.status) ?? .none).label, joinedOn: s.joined_on.map(FrenchFormat.date) ?? "")
    }

    /// `<tr>…</tr>` and a line end, as the template had them.
    func html(delegation: String) -> HTML {
        .element("tr", [:], before, .element("td", [:], .text(delegation)), after) + Self.lineEnd
    }

    private static let lineEnd = HTML.text("\n")
}
