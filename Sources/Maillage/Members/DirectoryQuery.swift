import Fluent
import Vapor
import SQLKit
import Foundation
import MaillageCore

/// Search, filters, sort and page of the member directory (pages and API share it).
struct DirectoryFilters: Sendable, Equatable {
    /// The directory table's columns; the sortable ones are its orders (`DirectoryOrder`).
    static let columns = [
        ListColumn("name", "Nom"), ListColumn("siret", "SIRET"), ListColumn("types", "Types", sortable: false),
        ListColumn("commune", "Commune"), ListColumn("department", "Dép."), ListColumn("delegation", "Délégation"),
        ListColumn("status", "Statut"), ListColumn("joined_on", "Adhésion"),
    ]
    static let defaultSort = ListSort("name")
    /// The API's orders (docs: openapi.json): `joined` is the most recent memberships first.
    static let apiSorts: [String: ListSort] = [
        "name": ListSort("name"), "-name": ListSort("name", descending: true), "commune": ListSort("commune"),
        "department": ListSort("department"), "joined": ListSort("joined_on", descending: true),
    ]

    var q = ""
    var delegation: String? = nil
    var department: String? = nil
    var type: StructureType? = nil
    var status: DirectoryStatus? = nil
    var sort = DirectoryFilters.defaultSort
    var page = 1
    var perPage = 50

    static let maxPerPage = 200

    /// Reads the query string; `invalid` lists parameters that could not be understood.
    /// Pages are lenient (an empty select means "all", "1" means department "01");
    /// the API is `strict`: a parameter given must be given exactly.
    static func parse(_ raw: [String: String], map: NetworkMap, strict: Bool = false) -> (DirectoryFilters, invalid: [String]) {
        var f = DirectoryFilters()
        var invalid: [String] = []
        if strict {
            for key in ["delegation", "department", "type", "status", "sort", "page", "per_page"] {
                if let v = raw[key], v.isEmpty || v != v.trimmingCharacters(in: .whitespaces) { invalid.append(key) }
            }
            if let d = raw["department"], !d.isEmpty, !Departments.all.contains(where: { $0.code == d }) { invalid.append("department") }
            for key in ["page", "per_page"] {
                if let v = raw[key], !v.isEmpty, !v.allSatisfy(\.isASCIIDigit) { invalid.append(key) }
            }
        }
        f.q = String((raw["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        if let v = nonEmpty(raw["delegation"]) {
            if map.delegation(code: v) != nil { f.delegation = v } else { invalid.append("delegation") }
        }
        if let v = nonEmpty(raw["department"]) {
            if let d = Departments.normalize(v) { f.department = d } else { invalid.append("department") }
        }
        if let v = nonEmpty(raw["type"]) {
            if let t = StructureType(rawValue: v) { f.type = t } else { invalid.append("type") }
        }
        if let v = nonEmpty(raw["status"]) {
            if let s = DirectoryStatus(rawValue: v), s != .none { f.status = s } else { invalid.append("status") }
        }
        if let v = nonEmpty(raw["sort"]) {
            if let s = apiSorts[v] { f.sort = s }
            else if !strict, let s = ListSort(value: v), columns.contains(where: { $0.key == s.key && $0.sortable }) { f.sort = s }
            else { invalid.append("sort") }
        }
        if let v = nonEmpty(raw["page"]) {
            if let n = Int(v), n >= 1, n <= 1_000_000 { f.page = n } else { invalid.append("page") }
        }
        if let v = nonEmpty(raw["per_page"]) {
            if let n = Int(v), (1...maxPerPage).contains(n) { f.perPage = n } else { invalid.append("per_page") }
        }
        return (f, Array(Set(invalid)).sorted())
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return s
    }

    /// The filters (not the sort nor the page) as a query string's items, for
    /// `SiteURL.path(query:)` and `ListView`.
    func filterItems() -> [(String, String?)] {
        [("q", q.isEmpty ? nil : q), ("delegation", delegation), ("department", department),
         ("type", type?.rawValue), ("status", status?.rawValue)]
    }

    /// The filters, the sort and a page, as a query string's items.
    func queryItems(page: Int? = nil) -> [(String, String?)] {
        var items = filterItems().filter { $0.1 != nil }
        if sort != Self.defaultSort { items.append(("sort", sort.value)) }
        if let page, page > 1 { items.append(("page", String(page))) }
        return items
    }
}

/// Which structures a person may list: everything, some departments, some structures.
struct DirectoryScope: Sendable {
    var all: Bool
    var departments: [String]
    var structureIDs: [UUID]

    static func of(_ user: CurrentUser, map: NetworkMap) -> DirectoryScope {
        if user.isNationalAdmin || user.has(.jurist) || user.has(.trainer) || user.has(.trainingAdmin) || user.has(.boardMember) {
            return DirectoryScope(all: true, departments: [], structureIDs: [])
        }
        let deps = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }.flatMap(\.departments)
        return DirectoryScope(all: false, departments: deps, structureIDs: Array(user.managedStructureIDs))
    }
}

/// One line of the directory, read straight from SQL: decoding Fluent models cost about
/// 100 µs of CPU per row (docs/PERFORMANCE.md), a plain struct a fraction of it.
struct DirectoryRow: Decodable, Sendable {
    let id: UUID
    let siret: String
    let name: String
    let types: String
    let address: String?
    let postal_code: String?
    let commune: String
    let department_code: String
    let website: String?
    let status: String
    let joined_on: String?
    let left_on: String?
    let ges_parent_id: UUID?
    let search_text: String

    init(_ s: Structure) {
        id = s.id!
        siret = s.siret
        name = s.name
        types = s.typesText
        address = s.address
        postal_code = s.postalCode
        commune = s.commune
        department_code = s.departmentCode
        website = s.website
        status = s.status
        joined_on = s.joinedOn
        left_on = s.leftOn
        ges_parent_id = s.$gesParent.id
        search_text = s.searchText
    }

    var structureTypes: [StructureType] {
        types.split(separator: ",").compactMap { StructureType(rawValue: String($0)) }.sorted()
    }
}

/// The directory's search, filters, sort and page, in SQL (pages, API, exports share it).
enum DirectoryQuery {
    static let columns = ["id", "siret", "name", "types", "address", "postal_code", "commune", "department_code",
                          "website", "status", "joined_on", "left_on", "ges_parent_id", "search_text"]

    /// One page and the total count, from this instance's snapshot of the register.
    static func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on req: Request,
                    currentOnly: Bool = false) async throws -> (rows: [DirectoryRow], total: Int) {
        try await snapshot(on: req).run(f, scope: scope, map: map, currentOnly: currentOnly)
    }

    /// This instance's snapshot of the register (pages filter, sort and page it in memory).
    static func snapshot(on req: Request) async throws -> DirectorySnapshot {
        try await req.services.caches.directory.snapshot(on: req.db)
    }

    /// Every structure, unsorted (the snapshot).
    static func everything(on db: any Database) async throws -> [DirectoryRow] {
        try await (db as! any SQLDatabase).select().columns(columns.map { SQLColumn($0) }).from(Structure.schema).all(decoding: DirectoryRow.self)
    }

    /// The search box's text as stored in `search_text`: a SIRET typed with spaces still
    /// matches, and `%` or `_` are plain characters, not wildcards.
    static func searchPattern(_ q: String) -> String {
        let key = Structure.searchKey(q).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: " ")
        let compact = key.replacingOccurrences(of: " ", with: "")
        return compact.allSatisfy(\.isNumber) ? compact : key
    }

    /// One page and the total count: filters in SQL, French order in Swift (`DirectoryOrder`:
    /// neither SQLite's byte order nor PostgreSQL's locale gives it on both databases).
    static func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database,
                    currentOnly: Bool = false) async throws -> (rows: [DirectoryRow], total: Int)
    {
        let rows = try await sorted(f, scope: scope, map: map, currentOnly: currentOnly, on: db)
        let start = min((f.page - 1) * f.perPage, rows.count)
        return (Array(rows[start..<min(start + f.perPage, rows.count)]), rows.count)
    }

    /// Every matching row, sorted (exports, the command line).
    static func all(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database) async throws -> [DirectoryRow] {
        try await sorted(f, scope: scope, map: map, currentOnly: false, on: db)
    }

    private static func sorted(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool,
                               on db: any Database) async throws -> [DirectoryRow] {
        let q = (db as! any SQLDatabase).select().columns(columns.map { SQLColumn($0) }).from(Structure.schema)
        apply(f, scope: scope, map: map, currentOnly: currentOnly, to: q)
        let byName = DirectoryOrder.byName(try await q.all(decoding: DirectoryRow.self))
        return DirectoryOrder.order(Array(byName.indices), of: byName, by: f.sort, map: map).map { byName[$0] }
    }

    private static func apply(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool,
                              to q: some SQLPredicateBuilder) {
        if !scope.all {
            q.where(group: { or in
                or.where("department_code", .in, scope.departments.isEmpty ? ["-"] : scope.departments)
                    .orWhere("id", .in, scope.structureIDs.isEmpty ? [UUID()] : scope.structureIDs)
            })
        }
        if !f.q.isEmpty {
            q.where("search_text", .like, "%" + searchPattern(f.q) + "%")
        }
        if let code = f.delegation, let d = map.delegation(code: code) { q.where("department_code", .in, d.departments) }
        if let dep = f.department { q.where("department_code", .equal, dep) }
        if let t = f.type { q.where("types", .like, "%,\(t.rawValue),%") }
        if let s = f.status { q.where("status", .equal, s.rawValue) }
        if currentOnly { q.where("status", .in, [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]) }
    }

}

/// The directory's orders, the same in the snapshot and from SQL: each column's French key
/// (`FrenchCollation`), ties broken by the name, then the id; descending is the exact reverse.
enum DirectoryOrder {
    /// Rows in name order (French), then id: the order every other sort breaks its ties with.
    static func byName(_ rows: [DirectoryRow]) -> [DirectoryRow] {
        rows.map { (FrenchSortKey($0.name), $0.id.uuidString, $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// A French key that breaks its own ties with the exact text, as one string.
    static func key(_ text: String) -> String {
        FrenchCollation.key(text) + "\u{1}" + text
    }

    /// Positions in `rows` (which are in `byName` order), in `sort` order. `communeKeys[i]`,
    /// when given, is `key(rows[i].commune)` computed once.
    static func order(_ indices: [Int], of rows: [DirectoryRow], by sort: ListSort, map: NetworkMap,
                      communeKeys: [String]? = nil) -> [Int] {
        var out = indices
        let primary: (Int) -> String
        switch sort.key {
        case "siret": primary = { rows[$0].siret }
        case "commune": primary = communeKeys.map { keys in { keys[$0] } } ?? { key(rows[$0].commune) }
        case "department": primary = { rows[$0].department_code }
        case "delegation":
            var names: [String: String] = [:]
            for code in Set(indices.map { rows[$0].department_code }) {
                names[code] = key(map.delegation(ofDepartment: code)?.name ?? "")
            }
            primary = { names[rows[$0].department_code] ?? "" }
        case "status": primary = { key((DirectoryStatus(rawValue: rows[$0].status) ?? .none).label) }
        case "joined_on": primary = { rows[$0].joined_on ?? "" }
        default: primary = { _ in "" }  // name: the rows' own order
        }
        if sort.key != "name" {
            let keys = out.map(primary)
            out = zip(keys, out).sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
        }
        if sort.descending { out.reverse() }
        return out
    }
}
