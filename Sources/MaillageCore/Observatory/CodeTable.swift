/// Answer keys to code indices without `Dictionary<String, _>`: a campaign looks up a quarter
/// of a million keys, and hashing each with SipHash cost more than all the statistics. A
/// code's length and first byte single it out among the catalogue's (two share at most), and
/// one string comparison confirms it.
final class CodeTable: Sendable {
    private static let slotCount = 256
    /// Open addressing on (length, first byte): entry -1 is an empty slot.
    private let slotKey: [Int]
    private let slotEntry: [Int]
    private let keys: [String]
    private let values: [Int]

    init(_ entries: [String: Int]) {
        precondition(entries.count * 2 < Self.slotCount, "code table too small")
        var slotKey = [Int](repeating: -1, count: Self.slotCount), slotEntry = slotKey
        keys = Array(entries.keys)
        values = keys.map { entries[$0]! }
        for (e, key) in keys.enumerated() {
            let k = Self.key(key)
            var slot = Self.slot(k)
            while slotEntry[slot] >= 0 { slot = (slot + 1) & (Self.slotCount - 1) }
            slotKey[slot] = k
            slotEntry[slot] = e
        }
        self.slotKey = slotKey
        self.slotEntry = slotEntry
    }

    func index(_ key: String) -> Int? {
        let k = Self.key(key)
        var slot = Self.slot(k)
        while slotEntry[slot] >= 0 {
            if slotKey[slot] == k && keys[slotEntry[slot]] == key { return values[slotEntry[slot]] }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
    }

    @inline(__always) private static func key(_ s: String) -> Int { s.utf8.count << 8 | Int(s.utf8.first ?? 0) }

    @inline(__always) private static func slot(_ key: Int) -> Int { (key &* 0x9E37_79B9) >> 7 & (slotCount - 1) }
}
