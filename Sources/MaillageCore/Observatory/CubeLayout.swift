/// The type × delegation grid of one campaign and which rows make up each cell.
///
/// Rows `0..<unitCount` are the answers (structure, type), in input order; the rows after them
/// are structures, each summed over its types (SPEC §8: `ALL` statistics are over structures).
/// Index `types.count` stands for type `ALL`, `delegations.count` for delegation `ALL`; "-"
/// gathers answers outside every delegation (counted in totals, never published on its own).
struct CubeLayout: Sendable {
    static let all = "ALL"
    static let noDelegation = "-"

    let types: [String]
    let delegations: [String]
    let typeIndex: [String: Int]
    let delegationIndex: [String: Int]
    let unitCount: Int
    /// Answers summed into each structure row, by row after `unitCount`.
    let groups: [[Int32]]
    /// Rows of each cell, ascending.
    let cellRows: [[Int32]]

    var allTypes: Int { types.count }
    var allDelegations: Int { delegations.count }
    var width: Int { delegations.count + 1 }
    var cellCount: Int { (types.count + 1) * width }
    var rowCount: Int { unitCount + groups.count }

    func cell(_ type: Int, _ delegation: Int) -> Int { type * width + delegation }
    func type(ofCell cell: Int) -> Int { cell / width }
    func delegation(ofCell cell: Int) -> Int { cell % width }
    func typeCode(_ t: Int) -> String { t == allTypes ? Self.all : types[t] }
    func delegationCode(_ d: Int) -> String { d == allDelegations ? Self.all : delegations[d] }

    /// The grid cell of two codes ("ALL" allowed), nil when either is absent from the campaign.
    func cell(type: String, delegation: String) -> Int? {
        guard let t = type == Self.all ? allTypes : typeIndex[type],
              let d = delegation == Self.all ? allDelegations : delegationIndex[delegation] else { return nil }
        return cell(t, d)
    }

    init(units: [SurveyUnit]) {
        types = Set(units.map(\.type)).sorted()
        delegations = Set(units.map { $0.delegation ?? Self.noDelegation }).sorted()
        typeIndex = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, $0) })
        delegationIndex = Dictionary(uniqueKeysWithValues: delegations.enumerated().map { ($1, $0) })
        unitCount = units.count
        let width = delegations.count + 1, allT = types.count, allD = delegations.count
        var rows = [[Int32]](repeating: [], count: (types.count + 1) * width)

        // One structure row per structure and delegation: a structure sits in one delegation,
        // but nothing in the input forbids two, and each delegation must count only its own.
        var groups: [[Int32]] = []
        var groupDelegation: [Int] = []
        var byStructure: [String: [Int32]] = [:]
        for (u, unit) in units.enumerated() {
            let t = typeIndex[unit.type]!, d = delegationIndex[unit.delegation ?? Self.noDelegation]!
            rows[t * width + d].append(Int32(u))
            rows[t * width + allD].append(Int32(u))
            let known = byStructure[unit.structure, default: []]
            if let g = known.first(where: { groupDelegation[Int($0)] == d }) {
                groups[Int(g)].append(Int32(u))
            } else {
                byStructure[unit.structure, default: []].append(Int32(groups.count))
                groups.append([Int32(u)])
                groupDelegation.append(d)
            }
        }
        for (g, d) in groupDelegation.enumerated() { rows[allT * width + d].append(Int32(units.count + g)) }
        if byStructure.count == groups.count {
            rows[allT * width + allD] = (0..<groups.count).map { Int32(units.count + $0) }
        } else {
            // Network-wide, a structure counts once, whatever its delegations.
            for own in byStructure.values.sorted(by: { $0[0] < $1[0] }) {
                rows[allT * width + allD].append(Int32(units.count + groups.count))
                groups.append(own.flatMap { groups[Int($0)] }.sorted())
            }
        }
        self.groups = groups
        self.cellRows = rows
    }
}
