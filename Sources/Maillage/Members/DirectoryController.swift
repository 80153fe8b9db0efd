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
        let sorts: HTML
        let rows: HTML
        let countLabel: String
        let pageLabel: String
        let prev: String?
        let next: String?
        let canCreate: Bool
        let newHref: String
        let exportCSV: String?
        let exportXLSX: String?
    }

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, _) = DirectoryFilters.parse(try req.query.decode([String: String].self), map: map)
        let scope = DirectoryScope.of(user, map: map)
        let (lines, total) = try await DirectoryQuery.lines(filters, scope: scope, map: map, on: req)
        let pages = max(1, (total + filters.perPage - 1) / filters.perPage)
        let exportQuery = filters.queryItems()
        let page = DirectoryPage(
            q: filters.q,
            delegations: HTML.options(map.delegations.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == filters.delegation) }),
            departments: HTML.options(Departments.all.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == filters.department) }),
            types: HTML.options(StructureType.allCases.map { SelectOption(value: $0.rawValue, label: $0.shortLabel, selected: $0 == filters.type) }),
            statuses: HTML.options([DirectoryStatus.active, .associate, .former].map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filters.status) }),
            sorts: HTML.options(DirectoryFilters.Sort.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filters.sort) }),
            rows: HTML(lines.map { $0.line.html(delegation: map.delegation(ofDepartment: $0.row.department_code)?.code ?? "—") }),
            countLabel: FrenchFormat.plural(total, "structure", "structures"),
            pageLabel: "Page \(min(filters.page, pages)) sur \(pages)",
            prev: filters.page > 1 ? SiteURL.directory.path(query: filters.queryItems(page: filters.page - 1)) : nil,
            next: filters.page < pages ? SiteURL.directory.path(query: filters.queryItems(page: filters.page + 1)) : nil,
            canCreate: req.link(to: .newStructure) != nil, newHref: SiteURL.newStructure.path,
            exportCSV: req.link(to: .exportMembersCSV).map { _ in SiteURL.exportMembersCSV.path(query: exportQuery) },
            exportXLSX: req.link(to: .exportMembersXLSX).map { _ in SiteURL.exportMembersXLSX.path(query: exportQuery) })
        return try await req.renderPage("members/directory", title: "Adhérents", page)
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
    }
    struct PublicPage: Encodable, Sendable {
        let q: String
        let rows: [PublicRow]
        let countLabel: String
        let prev: String?
        let next: String?
    }

    /// Public: current members only (active or associate), and only name, types, commune, website.
    static func publicIndex(_ req: Request) async throws -> Response {
        let map = try await req.networkMap()
        var (filters, _) = DirectoryFilters.parse(try req.query.decode([String: String].self), map: map)
        filters.perPage = 50
        filters.sort = .name
        let all = DirectoryScope(all: true, departments: [], structureIDs: [])
        let (rows, total) = try await DirectoryQuery.run(filters, scope: all, map: map, on: req, currentOnly: true)
        let pages = max(1, (total + filters.perPage - 1) / filters.perPage)
        let page = PublicPage(
            q: filters.q,
            rows: rows.map { PublicRow(name: $0.name, types: $0.structureTypes.map(\.shortLabel).joined(separator: ", "), commune: $0.commune,
                                         website: $0.website, websiteHref: WebAddress.link($0.website)) },
            countLabel: FrenchFormat.plural(total, "adhérent", "adhérents"),
            prev: filters.page > 1 ? SiteURL.publicDirectory.path(query: filters.queryItems(page: filters.page - 1)) : nil,
            next: filters.page < pages ? SiteURL.publicDirectory.path(query: filters.queryItems(page: filters.page + 1)) : nil)
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
