import Fluent
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
    func queryString(page: Int? = nil) -> String {
        var items: [(String, String)] = []
        if !q.isEmpty { items.append(("q", q)) }
        if let delegation { items.append(("delegation", delegation)) }
        if let department { items.append(("department", department)) }
        if let type { items.append(("type", type.rawValue)) }
        if let status { items.append(("status", status.rawValue)) }
        if sort != .name { items.append(("sort", sort.rawValue)) }
        if let page, page > 1 { items.append(("page", String(page))) }
        var c = URLComponents()
        c.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return c.percentEncodedQuery ?? ""
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

enum DirectoryQuery {
    static func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database)
        async throws -> (rows: [Structure], total: Int)
    {
        let q = build(f, scope: scope, map: map, on: db)
        let total = try await q.count()
        let sorted = q.copy()
        switch f.sort {
        case .name: sorted.sort(\.$name, .ascending)
        case .nameDesc: sorted.sort(\.$name, .descending)
        case .commune: sorted.sort(\.$commune).sort(\.$name)
        case .department: sorted.sort(\.$departmentCode).sort(\.$name)
        case .joined: sorted.sort(\.$joinedOn, .descending).sort(\.$name)
        }
        let offset = (f.page - 1) * f.perPage
        let rows = try await sorted.range(offset..<(offset + f.perPage)).all()
        return (rows, total)
    }

    static func build(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, on db: any Database) -> QueryBuilder<Structure> {
        let q = Structure.query(on: db)
        if !scope.all {
            q.group(.or) { or in
                or.filter(\.$departmentCode ~~ (scope.departments.isEmpty ? ["-"] : scope.departments))
                or.filter(\.$id ~~ (scope.structureIDs.isEmpty ? [UUID()] : scope.structureIDs))
            }
        }
        if !f.q.isEmpty {
            let key = Structure.searchKey(f.q).replacingOccurrences(of: " ", with: "")
            let digitsOnly = key.allSatisfy(\.isNumber)
            // A SIRET typed with spaces still matches: spaces are dropped for digit searches.
            q.filter(\.$searchText, .contains(inverse: false, .anywhere), digitsOnly ? key : Structure.searchKey(f.q))
        }
        if let code = f.delegation, let d = map.delegation(code: code) { q.filter(\.$departmentCode ~~ d.departments) }
        if let dep = f.department { q.filter(\.$departmentCode == dep) }
        if let t = f.type { q.filter(\.$typesText, .contains(inverse: false, .anywhere), ",\(t.rawValue),") }
        if let s = f.status { q.filter(\.$status == s.rawValue) }
        return q
    }
}
