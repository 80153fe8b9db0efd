import Fluent
import SQLKit
import Foundation
import MaillageCore

/// Current members (active or associate) counted by delegation or department, and by type.
/// A structure with two types counts once in each type column and once in the total.
struct NetworkCounts: Sendable {
    struct Line: Encodable, Sendable {
        let label: String
        let code: String
        let byType: [Int]
        let total: Int
    }
    let types: [StructureType]
    let lines: [Line]
    let totals: Line

    static let shownTypes: [StructureType] = [.ai, .aci, .ei, .etti, .ges, .proxim, .ebe, .of]

    typealias Group = (department: String, types: [StructureType], count: Int)

    /// Current members grouped in SQL by department and type combination (a hundred-odd rows).
    static func members(on db: any Database, departments: [String]? = nil) async throws -> [Group] {
        let q = (db as! any SQLDatabase).select()
            .column("department_code").column("types").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Structure.schema)
            .where("status", .in, [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue])
            .groupBy("department_code").groupBy("types")
        if let departments { q.where("department_code", .in, departments) }
        struct Row: Decodable { let department_code: String; let types: String; let n: Int }
        return try await q.all(decoding: Row.self).map {
            ($0.department_code, $0.types.split(separator: ",").compactMap { StructureType(rawValue: String($0)) }, $0.n)
        }
    }

    static func group(_ members: [Group],
                      by key: (String) -> (code: String, label: String)?, order: [String]) -> NetworkCounts {
        let shown = shownTypes
        var counts: [String: [Int]] = [:]
        var totals: [String: Int] = [:]
        var labels: [String: String] = [:]
        for m in members {
            guard let k = key(m.department) else { continue }
            labels[k.code] = k.label
            var row = counts[k.code] ?? Array(repeating: 0, count: shown.count + 1)
            var other = false
            for t in m.types { if let i = shown.firstIndex(of: t) { row[i] += m.count } else { other = true } }
            if other { row[shown.count] += m.count }
            counts[k.code] = row
            totals[k.code, default: 0] += m.count
        }
        let codes = order.filter { counts[$0] != nil } + counts.keys.filter { !order.contains($0) }.sorted()
        let lines = codes.map { Line(label: labels[$0]!, code: $0, byType: counts[$0]!, total: totals[$0]!) }
        let sum = (0...shown.count).map { i in lines.reduce(0) { $0 + $1.byType[i] } }
        return NetworkCounts(types: shown, lines: lines,
                             totals: Line(label: "Total", code: "", byType: sum, total: lines.reduce(0) { $0 + $1.total }))
    }
}
