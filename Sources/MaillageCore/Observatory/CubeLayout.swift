/// The type × delegation grid of one campaign and which rows make up each cell.
///
/// Rows `0..<unitCount` are the answers (structure, type), in input order; the rows after them
/// are structures, each summed over its types (SPEC §8: `ALL` statistics are over structures).
/// Index `types.count` stands for type `ALL`, `delegations.count` for delegation `ALL`; "-"
/// gathers answers outside every delegation (counted in totals, never published on its own).
/// A cell is an offset in the types × delegations `CubeGrid`: every table by cell is indexed by it.
struct CubeLayout: Sendable {
    static let noDelegation = "-"

    let types: [String]
    let delegations: [String]
    let typeIndex: [String: Int]
    let delegationIndex: [String: Int]
    let unitCount: Int
    /// Answers summed into structure row `unitCount + g`: `groupUnits[groupStart[g]..<groupStart[g + 1]]`.
    let groupStart: [Int]
    let groupUnits: [Int32]
    /// Rows of each cell, ascending: type (`ALL` last) × delegation (`ALL` last).
    let cellRows: CubeGrid<[Int32]>
    /// Whether some structure answered from two delegations: the network's structure rows
    /// are then not the delegations' ones put together.
    let structuresSpanDelegations: Bool

    var allTypes: Int { types.count }
    var allDelegations: Int { delegations.count }
    var cellCount: Int { cellRows.count }
    var groupCount: Int { groupStart.count - 1 }
    var rowCount: Int { unitCount + groupCount }

    func cell(_ type: Int, _ delegation: Int) -> Int { cellRows.offset(type, delegation) }
    func type(ofCell cell: Int) -> Int { cellRows.row(ofOffset: cell) }
    func delegation(ofCell cell: Int) -> Int { cellRows.column(ofOffset: cell) }
    func typeCode(_ t: Int) -> String { t == allTypes ? Figure.all : types[t] }
    func delegationCode(_ d: Int) -> String { d == allDelegations ? Figure.all : delegations[d] }

    /// The grid cell of two codes (`Figure.all` allowed), nil when either is absent from the campaign.
    func cell(type: String, delegation: String) -> Int? {
        guard let t = type == Figure.all ? allTypes : typeIndex[type],
              let d = delegation == Figure.all ? allDelegations : delegationIndex[delegation] else { return nil }
        return cell(t, d)
    }

    init(units: [SurveyUnit]) {
        // Codes numbered as first seen (one hash per answer), then renumbered in sorted order.
        var typeSeen: [String: Int] = [:], delegationSeen: [String: Int] = [:]
        var unitType = [Int](repeating: 0, count: units.count), unitDelegation = unitType
        for (u, unit) in units.enumerated() {
            unitType[u] = Self.number(unit.type, in: &typeSeen)
            unitDelegation[u] = Self.number(unit.delegation ?? Self.noDelegation, in: &delegationSeen)
        }
        types = typeSeen.keys.sorted()
        delegations = delegationSeen.keys.sorted()
        typeIndex = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, $0) })
        delegationIndex = Dictionary(uniqueKeysWithValues: delegations.enumerated().map { ($1, $0) })
        let typeOrder = Self.renumbering(typeSeen, typeIndex), delegationOrder = Self.renumbering(delegationSeen, delegationIndex)
        unitCount = units.count
        let allT = types.count, allD = delegations.count
        var rows = CubeGrid<[Int32]>(rows: allT + 1, columns: allD + 1, repeating: [])

        // One structure row per structure and delegation: a structure sits in one delegation,
        // but nothing in the input forbids two, and each delegation must count only its own.
        // A structure's groups are chained through `nextGroup` from its first.
        var groupOfUnit = [Int32](repeating: 0, count: units.count)
        var groupDelegation: [Int] = [], nextGroup: [Int32] = []
        var firstGroup: [String: Int32] = [:]
        firstGroup.reserveCapacity(units.count)
        for (u, unit) in units.enumerated() {
            let t = typeOrder[unitType[u]], d = delegationOrder[unitDelegation[u]]
            rows[t, d].append(Int32(u))
            rows[t, allD].append(Int32(u))
            let fresh = Int32(groupDelegation.count)
            var g = Self.number(unit.structure, in: &firstGroup, next: fresh)
            while g != fresh && groupDelegation[Int(g)] != d && nextGroup[Int(g)] >= 0 { g = nextGroup[Int(g)] }
            if g == fresh || groupDelegation[Int(g)] != d {
                if g != fresh { nextGroup[Int(g)] = fresh }
                g = fresh
                groupDelegation.append(d)
                nextGroup.append(-1)
            }
            groupOfUnit[u] = g
        }
        // Each group's answers, contiguous (a counting sort by group).
        var start = [Int](repeating: 0, count: groupDelegation.count + 1)
        for g in groupOfUnit { start[Int(g) + 1] += 1 }
        for g in 0..<groupDelegation.count { start[g + 1] += start[g] }
        var members = [Int32](repeating: 0, count: units.count), fill = start
        for (u, g) in groupOfUnit.enumerated() {
            members[fill[Int(g)]] = Int32(u)
            fill[Int(g)] += 1
        }
        for (g, d) in groupDelegation.enumerated() { rows[allT, d].append(Int32(units.count + g)) }
        structuresSpanDelegations = firstGroup.count != groupDelegation.count
        if !structuresSpanDelegations {
            rows[allT, allD] = (0..<groupDelegation.count).map { Int32(units.count + $0) }
        } else {
            // Network-wide, a structure counts once, whatever its delegations.
            for first in firstGroup.values.sorted() {
                var own: [Int32] = [], g = first
                while g >= 0 {
                    own += members[start[Int(g)]..<start[Int(g) + 1]]
                    g = nextGroup[Int(g)]
                }
                rows[allT, allD].append(Int32(units.count + start.count - 1))
                members += own.sorted()
                start.append(members.count)
            }
        }
        groupStart = start
        groupUnits = members
        self.cellRows = rows
    }

    /// The number of `key`, giving it `next` (default: the count so far) when new.
    private static func number<N: SignedInteger>(_ key: String, in seen: inout [String: N], next: N? = nil) -> N {
        let fresh = next ?? N(seen.count)
        func take(_ slot: inout N) -> N {
            if slot < 0 { slot = fresh }
            return slot
        }
        return take(&seen[key, default: -1])
    }

    private static func renumbering(_ seen: [String: Int], _ sorted: [String: Int]) -> [Int] {
        var order = [Int](repeating: 0, count: seen.count)
        for (code, first) in seen { order[first] = sorted[code]! }
        return order
    }
}
