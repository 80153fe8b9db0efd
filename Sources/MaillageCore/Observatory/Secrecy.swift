/// Statistical secrecy over the whole type × delegation cube of one campaign.
/// Primary: a cell computed from fewer than k structures is secret. Secondary: sums add up
/// (types to their delegation, delegations to the network), so where a published total has
/// exactly one secret part, the smallest published part of that line is made secret too,
/// until nothing can be recovered by subtraction.
struct Secrecy: Sendable {
    private var secret: Set<Key> = []

    struct Key: Hashable, Sendable {
        let indicator: String
        let cell: Cell
    }

    func isSecret(_ indicator: String, _ cell: Cell) -> Bool { secret.contains(Key(indicator: indicator, cell: cell)) }

    init(units: [SurveyUnit], k: Int, indicators: [String]) {
        let types = Array(Set(units.map(\.type))).sorted() + [Cell.all]
        let delegations = Array(Set(units.map { $0.delegation ?? "-" })).sorted() + [Cell.all]
        for code in indicators {
            var n: [Cell: Int] = [:]
            for t in types {
                for d in delegations {
                    let cell = Cell(type: t, delegation: d)
                    n[cell] = Cell.units(units, type: t, delegation: d).filter { $0[code] != nil }.count
                }
            }
            var hidden = Set(n.filter { $0.value > 0 && $0.value < k }.map(\.key))
            var lines: [(total: Cell, parts: [Cell])] = []
            for t in types {
                lines.append((Cell(type: t, delegation: Cell.all), delegations.dropLast().map { Cell(type: t, delegation: $0) }))
            }
            for d in delegations {
                lines.append((Cell(type: Cell.all, delegation: d), types.dropLast().map { Cell(type: $0, delegation: d) }))
            }
            var changed = true
            while changed {
                changed = false
                for line in lines where !hidden.contains(line.total) && n[line.total, default: 0] > 0 {
                    let secretParts = line.parts.filter { hidden.contains($0) }
                    guard secretParts.count == 1 else { continue }
                    // "-" (no delegation) is never published itself: it cannot be the cover.
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
