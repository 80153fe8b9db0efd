@testable import MaillageCore

/// The first engine's secrecy, kept verbatim as a test oracle: straightforward, slow (it
/// rebuilds every cell's units per indicator), and easy to check against SPEC §8.
struct ReferenceSecrecy {
    private var secret: Set<Key> = []

    struct Key: Hashable {
        let indicator: String
        let cell: ReferenceCell
    }

    func isSecret(_ indicator: String, _ cell: ReferenceCell) -> Bool { secret.contains(Key(indicator: indicator, cell: cell)) }

    init(units: [SurveyUnit], k: Int, indicators: [String]) {
        let types = Array(Set(units.map(\.type))).sorted() + [ReferenceCell.all]
        let delegations = Array(Set(units.map { $0.delegation ?? "-" })).sorted() + [ReferenceCell.all]
        var rows: [ReferenceCell: [[String: Exact]]] = [:]
        for t in types {
            for d in delegations { rows[ReferenceCell(type: t, delegation: d)] = ReferenceCell.units(units, type: t, delegation: d) }
        }
        for code in indicators {
            let n = rows.mapValues { $0.filter { $0[code] != nil }.count }
            var hidden = Set(n.filter { $0.value > 0 && $0.value < k }.map(\.key))
            var lines: [(total: ReferenceCell, parts: [ReferenceCell])] = []
            for t in types {
                lines.append((ReferenceCell(type: t, delegation: ReferenceCell.all), delegations.dropLast().map { ReferenceCell(type: t, delegation: $0) }))
            }
            // `_pct`: mean × n adds up over delegations, never over types (no ALL-type figures).
            let percent = IndicatorCatalogue.byCode[code]?.unit == .percent
            if percent { lines.removeLast() }
            for d in delegations where !percent {
                lines.append((ReferenceCell(type: ReferenceCell.all, delegation: d), types.dropLast().map { ReferenceCell(type: $0, delegation: d) }))
            }
            var changed = true
            while changed {
                changed = false
                for line in lines where !hidden.contains(line.total) && n[line.total, default: 0] > 0 {
                    let secretParts = line.parts.filter { hidden.contains($0) }
                    // Several secret parts together: their sum is derivable, so they must hold k.
                    let unknown = line.parts.filter { hidden.contains($0) || $0.delegation == "-" }.reduce(0) { $0 + n[$1, default: 0] }
                    guard secretParts.count == 1 || (secretParts.count > 1 && unknown < k) else { continue }
                    let candidates = line.parts.filter { !hidden.contains($0) && n[$0, default: 0] > 0 && $0.delegation != "-" }
                    guard let cover = candidates.min(by: { (n[$0]!, $0.type + $0.delegation) < (n[$1]!, $1.type + $1.delegation) }) else {
                        continue
                    }
                    hidden.insert(cover)
                    changed = true
                }
            }
            for cell in hidden { secret.insert(Key(indicator: code, cell: cell)) }
        }
    }
}

struct ReferenceCell: Hashable {
    static let all = "ALL"
    let type: String
    let delegation: String

    static func units(_ all: [SurveyUnit], type: String, delegation: String) -> [[String: Exact]] {
        let inDelegation = delegation == ReferenceCell.all ? all : all.filter { ($0.delegation ?? "-") == delegation }
        if type != ReferenceCell.all {
            return inDelegation.filter { $0.type == type }.map { withDerived($0.values) }
        }
        var byStructure: [String: [String: Exact]] = [:]
        var order: [String] = []
        for unit in inDelegation {
            if byStructure[unit.structure] == nil { order.append(unit.structure); byStructure[unit.structure] = [:] }
            for (code, value) in unit.values where !code.hasSuffix("_pct") {
                byStructure[unit.structure]![code] = (byStructure[unit.structure]![code] ?? .zero) + value
            }
        }
        return order.map { withDerived(byStructure[$0]!) }
    }

    static func withDerived(_ values: [String: Exact]) -> [String: Exact] {
        let dynamicParts = ["exits_sustainable", "exits_transition", "exits_positive"]
        var v = values
        let funders = IndicatorCatalogue.fundingCodes.compactMap { values[$0] }
        if !funders.isEmpty { v["public_funding_eur"] = funders.reduce(.zero, +) }
        if dynamicParts.allSatisfy({ values[$0] != nil }) {
            v["dynamic_exits"] = dynamicParts.reduce(.zero) { $0 + values[$1]! }
        }
        return v
    }
}
