/// The units of one (type, delegation) cell; `ALL` type sums each structure over its types.
struct Cell: Hashable, Sendable {
    static let all = "ALL"
    let type: String
    let delegation: String

    /// Units of the cell. For `ALL`, one unit per structure, its counts, hours and money summed
    /// over its types; `_pct` values are left out (they have no `ALL` statistics).
    static func units(_ all: [SurveyUnit], type: String, delegation: String) -> [[String: Exact]] {
        let inDelegation = delegation == Cell.all ? all : all.filter { ($0.delegation ?? "-") == delegation }
        if type != Cell.all {
            return inDelegation.filter { $0.type == type }.map { Derived.withDerived($0.values) }
        }
        var byStructure: [String: [String: Exact]] = [:]
        var order: [String] = []
        for unit in inDelegation {
            if byStructure[unit.structure] == nil { order.append(unit.structure); byStructure[unit.structure] = [:] }
            for (code, value) in unit.values where !code.hasSuffix("_pct") {
                byStructure[unit.structure]![code] = (byStructure[unit.structure]![code] ?? .zero) + value
            }
        }
        return order.map { Derived.withDerived(byStructure[$0]!) }
    }
}

/// Per-structure derived values with stable names (SPEC §8).
enum Derived {
    static let dynamicParts = ["exits_sustainable", "exits_transition", "exits_positive"]

    static func withDerived(_ values: [String: Exact]) -> [String: Exact] {
        var v = values
        let funders = IndicatorCatalogue.fundingCodes.compactMap { values[$0] }
        if !funders.isEmpty { v["public_funding_eur"] = funders.reduce(.zero, +) }
        if dynamicParts.allSatisfy({ values[$0] != nil }) {
            v["dynamic_exits"] = dynamicParts.reduce(.zero) { $0 + values[$1]! }
        }
        return v
    }
}
