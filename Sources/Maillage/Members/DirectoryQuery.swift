import Fluent
import Vapor
import SQLKit
import Foundation
import MaillageCore

/// Search, filters, sort and page of the member directory (pages and API share it).
struct DirectoryFilters: Sendable, Equatable {
    enum Sort: String, CaseIterable, Sendable {
        case name, nameDesc = "-name", commune, department, joined
        var label: String {
            switch self {
            case .name: "Nom (A → Z)"
            case .nameDesc: "Nom (Z → A)"
            case .commune: "Commune"
            case .department: "Département"
            case .joined: "Date d'adhésion (récentes d'abord)"
            }
        }
    }

    var q = ""
    var delegation: String? = nil
    var department: String? = nil
    var type: StructureType? = nil
    var status: DirectoryStatus? = nil
    var sort = Sort.name
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
            if let s = Sort(rawValue: v) { f.sort = s } else { invalid.append("sort") }
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

    /// The query string of these filters, with another page.
    /// The filters as a query string's items, for `SiteURL.path(query:)`.
    func queryItems(page: Int? = nil) -> [(String, String?)] {
        var items: [(String, String?)] = []
        if !q.isEmpty { items.append(("q", q)) }
        if let delegation { items.append(("delegation", delegation)) }
        if let department { items.append(("department", department)) }
        if let type { items.append(("type", type.rawValue)) }
        if let status { items.append(("status", status.rawValue)) }
        if sort != .name { items.append(("sort", sort.rawValue)) }
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
        if user.isNationalAdmin || user.has(.jurist) || user.has(.trainer) || user.has(.boardMember) {
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
        try await req.services.caches.directory.snapshot(on: req.db).run(f, scope: scope, map: map, currentOnly: currentOnly)
    }

    /// One page of the directory table's lines and the total count, from the snapshot.
    static func lines(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on req: Request) async throws
        -> (rows: [(row: DirectoryRow, line: DirectoryLine)], total: Int)
    {
        try await req.services.caches.directory.snapshot(on: req.db).lines(f, scope: scope, map: map)
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

    /// One page and the total count, in SQL.
    static func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database,
                    currentOnly: Bool = false) async throws -> (rows: [DirectoryRow], total: Int)
    {
        let sql = db as! any SQLDatabase
        let count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Structure.schema)
        apply(f, scope: scope, map: map, currentOnly: currentOnly, to: count)
        struct Count: Decodable { let n: Int }
        let total = try await count.first(decoding: Count.self)?.n ?? 0
        let offset = (f.page - 1) * f.perPage
        let rows = try await page(f, scope: scope, map: map, currentOnly: currentOnly, on: sql)
            .limit(f.perPage).offset(offset).all(decoding: DirectoryRow.self)
        return (rows, total)
    }

    /// Every matching row, sorted (exports).
    static func all(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database) async throws -> [DirectoryRow] {
        try await page(f, scope: scope, map: map, currentOnly: false, on: db as! any SQLDatabase).all(decoding: DirectoryRow.self)
    }

    private static func page(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool,
                             on sql: any SQLDatabase) -> SQLSelectBuilder {
        let q = sql.select().columns(columns.map { SQLColumn($0) }).from(Structure.schema)
        apply(f, scope: scope, map: map, currentOnly: currentOnly, to: q)
        switch f.sort {
        case .name: q.orderBy("name", .ascending)
        case .nameDesc: q.orderBy("name", .descending)
        case .commune: q.orderBy("commune").orderBy("name")
        case .department: q.orderBy("department_code").orderBy("name")
        case .joined: q.orderBy("joined_on", .descending).orderBy("name")
        }
        return q.orderBy("id")
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
