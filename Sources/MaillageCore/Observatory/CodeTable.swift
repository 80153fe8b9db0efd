/// Answer keys to code indices without `Dictionary<String, _>`: a campaign looks up a quarter
/// of a million keys, and hashing each with SipHash cost more than all the statistics. The
/// key's length and first and last eight bytes pick a slot; the bytes themselves confirm it.
final class CodeTable: Sendable {
    private let bytes: [UInt8]
    /// Entry e's key is `bytes[offsets[e]..<offsets[e + 1]]`, its value `values[e]`.
    private let offsets: [Int]
    private let values: [Int]
    /// Open addressing: entry -1 is an empty slot.
    private let slots: [(hash: UInt64, entry: Int)]

    init(_ entries: [String: Int]) {
        var bytes: [UInt8] = [], offsets = [0], values: [Int] = []
        var slots = [(hash: UInt64, entry: Int)](repeating: (0, -1), count: 256)
        precondition(entries.count * 2 < slots.count, "code table too small")
        for (key, value) in entries {
            let utf8 = Array(key.utf8), h = utf8.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
            while slots[slot].entry >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = (h, values.count)
            bytes += utf8
            offsets.append(bytes.count)
            values.append(value)
        }
        self.bytes = bytes
        self.offsets = offsets
        self.values = values
        self.slots = slots
    }

    func index(_ key: String) -> Int? {
        // Native strings (all of ours) expose their bytes; anything else takes the slow path.
        if let found = key.utf8.withContiguousStorageIfAvailable({ find($0) }) { return found }
        return find(Array(key.utf8))
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key), mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        return bytes.withUnsafeBufferPointer { bytes in
            while slots[slot].entry >= 0 {
                let entry = slots[slot].entry, start = offsets[entry]
                if slots[slot].hash == h && offsets[entry + 1] - start == key.count
                    && Self.equal(UnsafeRawPointer(bytes.baseAddress! + start), UnsafeRawPointer(key.baseAddress!), key.count) {
                    return values[entry]
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private func find(_ key: [UInt8]) -> Int? { key.withUnsafeBufferPointer { find($0) } }

    /// Eight bytes at a time: codes are 9 to 30 bytes long.
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            guard a.loadUnaligned(fromByteOffset: i, as: UInt64.self) == b.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
            i += 8
        }
        while i < n {
            guard a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else { return false }
            i += 1
        }
        return true
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var first: UInt64 = 0, last: UInt64 = 0
        if n >= 8, let base = key.baseAddress {
            first = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            last = UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)
        } else {
            for i in 0..<n { first |= UInt64(key[i]) << (8 * UInt64(i)) }
        }
        let h = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        return h ^ (h >> 29) ^ (h >> 47)
    }
}
