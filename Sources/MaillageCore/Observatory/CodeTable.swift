/// Answer keys to code indices without `Dictionary<String, _>`: a campaign looks up a quarter
/// of a million keys, and hashing each with SipHash cost more than all the statistics. The
/// key's first eight bytes, length and two more bytes pick a slot; the bytes confirm it.
/// Immutable once built, and built once (a static), so raw memory is safe to share.
final class CodeTable: @unchecked Sendable {
    private static let slotCount = 256
    /// Open addressing: entry -1 is an empty slot.
    private let slotHash: UnsafeMutablePointer<UInt64>
    private let slotEntry: UnsafeMutablePointer<Int>
    /// Entry e's key is `bytes[start[e]..<start[e + 1]]`, its value `value[e]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let start: UnsafeMutablePointer<Int>
    private let value: UnsafeMutablePointer<Int>

    init(_ entries: [String: Int]) {
        precondition(entries.count * 2 < Self.slotCount, "code table too small")
        let keys = entries.map { (Array($0.key.utf8), $0.value) }
        slotHash = .allocate(capacity: Self.slotCount)
        slotEntry = .allocate(capacity: Self.slotCount)
        slotEntry.initialize(repeating: -1, count: Self.slotCount)
        bytes = .allocate(capacity: max(keys.reduce(0) { $0 + $1.0.count }, 1))
        start = .allocate(capacity: keys.count + 1)
        value = .allocate(capacity: max(keys.count, 1))
        start[0] = 0
        for (e, (utf8, v)) in keys.enumerated() {
            let h = utf8.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: h) & (Self.slotCount - 1)
            while slotEntry[slot] >= 0 { slot = (slot + 1) & (Self.slotCount - 1) }
            slotHash[slot] = h
            slotEntry[slot] = e
            for (i, b) in utf8.enumerated() { bytes[start[e] + i] = b }
            start[e + 1] = start[e] + utf8.count
            value[e] = v
        }
    }

    deinit {
        for p in [UnsafeMutableRawPointer(slotHash), UnsafeMutableRawPointer(slotEntry), UnsafeMutableRawPointer(bytes),
                  UnsafeMutableRawPointer(start), UnsafeMutableRawPointer(value)] { p.deallocate() }
    }

    func index(_ key: String) -> Int? {
        // Native strings (all of ours) expose their bytes; anything else is copied first.
        if let found = key.utf8.withContiguousStorageIfAvailable({ find($0) }) { return found }
        return Array(key.utf8).withUnsafeBufferPointer { find($0) }
    }

    @inline(__always) private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key), n = key.count
        var slot = Int(truncatingIfNeeded: h) & (Self.slotCount - 1)
        while slotEntry[slot] >= 0 {
            let e = slotEntry[slot]
            if slotHash[slot] == h && start[e + 1] - start[e] == n && Self.equal(bytes + start[e], key.baseAddress!, n) { return value[e] }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
    }

    /// Eight bytes at a time from the start, then byte by byte. Loads stay on the word
    /// boundaries a small string was copied to the stack with: a word straddling two of its
    /// stores would stall on store forwarding, which cost more than the whole comparison.
    @inline(__always) private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            guard ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
            i += 8
        }
        while i < n {
            guard a[i] == b[i] else { return false }
            i += 1
        }
        return true
    }

    /// From the first word, the length, and the middle and last bytes (same rule on loads).
    @inline(__always) private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        guard n > 0, let base = key.baseAddress else { return 0 }
        var first: UInt64 = 0
        if n >= 8 {
            first = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        } else {
            for i in 0..<n { first |= UInt64(base[i]) << (8 * UInt64(i)) }
        }
        let tail = UInt64(base[n - 1]) << 8 | UInt64(base[n / 2]) | UInt64(n) << 16
        let h = (first &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F)
        return h ^ (h >> 29) ^ (h >> 47)
    }
}
