import Fluent
import Foundation
import MaillageCore
import Vapor

/// The member directory (signed in) and the public directory (anyone).
enum DirectoryController {
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

    /// The option lists and the table body are pre-rendered HTML (see `HTML`).
    struct DirectoryPage: Encodable, Sendable {
        let q: String
        let delegations: String
        let departments: String
        let types: String
        let statuses: String
        let sorts: String
        let rows: String
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
        let (rows, total) = try await DirectoryQuery.run(filters, scope: scope, map: map, on: req)
        let pages = max(1, (total + filters.perPage - 1) / filters.perPage)
        let base = SiteURL.directory.path + "?"
        let canExport = Policy.decide(.manageRegister, for: user) == .allowed
        let qs = filters.queryString()
        let page = DirectoryPage(
            q: filters.q,
            delegations: HTML.options(map.delegations.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == filters.delegation) }),
            departments: HTML.options(Departments.all.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == filters.department) }),
            types: HTML.options(StructureType.allCases.map { SelectOption(value: $0.rawValue, label: $0.shortLabel, selected: $0 == filters.type) }),
            statuses: HTML.options([DirectoryStatus.active, .associate, .former].map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filters.status) }),
            sorts: HTML.options(DirectoryFilters.Sort.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filters.sort) }),
            rows: tableRows(rows.map { row($0, map: map) }),
            countLabel: FrenchFormat.plural(total, "structure", "structures"),
            pageLabel: "Page \(min(filters.page, pages)) sur \(pages)",
            prev: filters.page > 1 ? base + filters.queryString(page: filters.page - 1) : nil,
            next: filters.page < pages ? base + filters.queryString(page: filters.page + 1) : nil,
            canCreate: canExport, newHref: SiteURL.newStructure.path,
            exportCSV: canExport ? SiteURL.exportMembers("csv").path + (qs.isEmpty ? "" : "?" + qs) : nil,
            exportXLSX: canExport ? SiteURL.exportMembers("xlsx").path + (qs.isEmpty ? "" : "?" + qs) : nil)
        return try await req.renderPage("members/directory", title: "Adhérents", page)
    }

    static func tableRows(_ rows: [Row]) -> String {
        var out = ""
        for r in rows {
            out += "<tr><td><a href=\"\(HTML.escape(r.href))\">\(HTML.escape(r.name))</a></td><td class=\"nowrap\">\(HTML.escape(r.siret))</td>"
            out += "<td>\(HTML.escape(r.types))</td><td>\(HTML.escape(r.commune))</td><td>\(HTML.escape(r.department))</td>"
            out += "<td>\(HTML.escape(r.delegation))</td><td>\(HTML.escape(r.status))</td><td>\(HTML.escape(r.joinedOn))</td></tr>\n"
        }
        return out
    }

    static func row(_ s: DirectoryRow, map: NetworkMap) -> Row {
        Row(href: SiteURL.structure(s.id).path, name: s.name, siret: SIRET(s.siret)?.formatted ?? s.siret,
            types: s.structureTypes.map(\.shortLabel).joined(separator: ", "), commune: s.commune, department: s.department_code,
            delegation: map.delegation(ofDepartment: s.department_code)?.code ?? "—",
            status: (DirectoryStatus(rawValue: s.status) ?? .none).label,
            joinedOn: s.joined_on.map(FrenchFormat.date) ?? "")
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
        let base = SiteURL.publicDirectory.path + "?"
        let page = PublicPage(
            q: filters.q,
            rows: rows.map { PublicRow(name: $0.name, types: $0.structureTypes.map(\.shortLabel).joined(separator: ", "), commune: $0.commune,
                                         website: $0.website, websiteHref: WebAddress.link($0.website)) },
            countLabel: FrenchFormat.plural(total, "adhérent", "adhérents"),
            prev: filters.page > 1 ? base + filters.queryString(page: filters.page - 1) : nil,
            next: filters.page < pages ? base + filters.queryString(page: filters.page + 1) : nil)
        return try await req.renderPage("members/public-directory", title: "Annuaire des adhérents", page)
    }
}
