/// Members active at the campaign's opening, counted per type and delegation: the base of
/// response rates. A member counts once per type it holds, in the delegation it sits in
/// ("-" when outside every delegation).
struct MemberBase: Sendable {
    struct Key: Hashable, Sendable { let type: String; let delegation: String }
    private let total: Int
    private let byType: [String: Int]
    private let byDelegation: [String: Int]
    private let byCell: [Key: Int]

    init(_ members: [SurveyMember]) {
        var byDelegation: [String: Int] = [:], byCell: [Key: Int] = [:]
        byCell.reserveCapacity(256)
        for m in members {
            let d = m.delegation ?? CubeLayout.noDelegation
            byDelegation[d, default: 0] += 1
            for (i, t) in m.types.enumerated() where !m.types[..<i].contains(t) {
                byCell[Key(type: t, delegation: d), default: 0] += 1
            }
        }
        // A member holds each type once, so per type it counts once network-wide too.
        var byType: [String: Int] = [:]
        for (key, count) in byCell { byType[key.type, default: 0] += count }
        total = members.count
        self.byType = byType
        self.byDelegation = byDelegation
        self.byCell = byCell
    }

    func count(type: String, delegation: String) -> Int {
        switch (type == Figure.all, delegation == Figure.all) {
        case (true, true): total
        case (true, false): byDelegation[delegation, default: 0]
        case (false, true): byType[type, default: 0]
        case (false, false): byCell[Key(type: type, delegation: delegation), default: 0]
        }
    }
}
