/// The reference of a statement line that the bank gave no id: the same file read twice
/// gives the same references, so a second import finds every line already recorded.
enum StatementReference {
    /// "h:2026-03-02:450.00:9f3c…#0": day, amount, a 64-bit FNV-1a of the folded text, and
    /// the rank of this line among the file's earlier lines with the same day, amount and text
    /// (two identical transfers on one day stay two payments).
    static func hashed(bookedOn: Day, amount: Money, text: String, occurrence: Int) -> String {
        "h:\(bookedOn.iso):\(amount.plain):\(fnv1a(FrenchCollation.key(text)))#\(occurrence)"
    }

    /// Gives every entry without a bank reference (`reference` empty) its hashed one.
    static func fill(_ entries: inout [StatementEntry]) {
        var seen: [String: Int] = [:]
        for i in entries.indices where entries[i].reference.isEmpty {
            let e = entries[i]
            let base = hashed(bookedOn: e.bookedOn, amount: e.amount, text: e.payerName + " " + e.remittance, occurrence: 0)
            let occurrence = seen[base, default: 0]
            seen[base] = occurrence + 1
            entries[i].reference = String(base.dropLast()) + String(occurrence)
        }
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs and platforms (unlike `Hasher`).
    static func fnv1a(_ s: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
