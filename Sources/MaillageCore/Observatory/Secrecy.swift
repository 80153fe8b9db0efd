/// Statistical secrecy over the whole type × delegation grid of one campaign.
/// Primary: a cell computed from fewer than k structures is secret (published as null).
/// Secondary: sums add up (types to their delegation, delegations to the network), so where a
/// published total has exactly one secret part, or secret parts holding fewer than k
/// structures between them (their sum together is the total minus the rest), the smallest
/// published part of that line is hidden too (left out of the figures), until nothing from
/// fewer than k structures can be recovered by subtraction.
/// `_pct` answers have no sums, but their means are published with n, and mean × n adds up
/// over delegations just the same: they are protected on the lines of each type (they have no
/// `ALL`-type figures, so no line across types).
struct Secrecy: Sendable {
    /// By computed code × cell.
    private let secret: CubeGrid<Bool>

    func isSecret(_ code: Int, cell: Int) -> Bool { secret[code, cell] }

    /// `n(code, cell)`: rows of the cell answering the code; `withheld(code, cell)`: hidden
    /// from the start for another reason (secrecy over time), and covered like a primary secret.
    init(layout: CubeLayout, k: Int, n: (Int, Int) -> Int, withheld: (Int, Int) -> Bool = { _, _ in false }) {
        let cells = layout.cellCount
        var secret = CubeGrid(rows: CubeCodes.computed, columns: cells, repeating: false)
        let allT = layout.allTypes, allD = layout.allDelegations
        var lines: [(total: Int, parts: [Int])] = []
        for t in 0...allT { lines.append((layout.cell(t, allD), (0..<allD).map { layout.cell(t, $0) })) }
        for d in 0...allD { lines.append((layout.cell(allT, d), (0..<allT).map { layout.cell($0, d) })) }
        let dash = layout.delegationIndex[CubeLayout.noDelegation]
        // Ties on size go to the first cell by type code then delegation code, as text.
        func key(_ cell: Int) -> String { layout.typeCode(layout.type(ofCell: cell)) + layout.delegationCode(layout.delegation(ofCell: cell)) }

        let typeLines = Array(lines[0..<allT])
        for code in 0..<CubeCodes.computed {
            let count = (0..<cells).map { n(code, $0) }
            var hidden = count.indices.map { count[$0] > 0 && (count[$0] < k || withheld(code, $0)) }
            var changed = true
            while changed {
                changed = false
                for line in CubeCodes.isPercent[code] ? typeLines : lines where !hidden[line.total] && count[line.total] > 0 {
                    // One hidden part is the total minus the rest; several hidden parts together are
                    // too, so they must hold at least k structures between them (with "-", never
                    // published, which the subtraction gives along with them).
                    let hiddenParts = line.parts.count(where: { hidden[$0] })
                    let unknown = line.parts.reduce(0) { $0 + (hidden[$1] || layout.delegation(ofCell: $1) == dash ? count[$1] : 0) }
                    guard hiddenParts == 1 || (hiddenParts > 1 && unknown < k) else { continue }
                    // "-" (no delegation) is never published itself: it cannot be the cover.
                    var cover: Int?
                    for part in line.parts where !hidden[part] && count[part] > 0 && layout.delegation(ofCell: part) != dash {
                        guard let best = cover else { cover = part; continue }
                        if count[part] < count[best] || (count[part] == count[best] && key(part) < key(best)) { cover = part }
                    }
                    guard let cover else { continue }
                    hidden[cover] = true
                    changed = true
                }
            }
            for cell in 0..<cells where hidden[cell] { secret[code, cell] = true }
        }
        self.secret = secret
    }
}
