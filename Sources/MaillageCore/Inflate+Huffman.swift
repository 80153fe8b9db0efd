/// DEFLATE's bit order: least significant bit of each byte first, so a 64-bit
/// buffer filled from the low end gives the next bits in its low bits.
struct BitReader {
    private let bytes: [UInt8]
    /// The next byte to load into `buffer`.
    private var position = 0
    private var buffer: UInt64 = 0
    /// Valid bits in `buffer`; the bits above them are zero.
    private var count = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next `n` bits (n ≤ 32) without consuming them. Past the end of the
    /// input they read as zeros: a short final code may be peeked with a full
    /// table width, and `drop` then tells whether it really was there.
    mutating func peek(_ n: Int) -> UInt32 {
        if count < n {
            while count <= 56, position < bytes.count {
                buffer |= UInt64(bytes[position]) << UInt64(count)
                position += 1
                count += 8
            }
        }
        return UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
    }

    mutating func drop(_ n: Int) throws(Inflate.Failure) {
        guard n <= count else { throw .corrupt("données tronquées") }
        buffer >>= UInt64(n)
        count -= n
    }

    mutating func take(_ n: Int) throws(Inflate.Failure) -> UInt32 {
        guard n > 0 else { return 0 }
        let value = peek(n)
        try drop(n)
        return value
    }

    /// Skips to the next byte boundary, as stored blocks require.
    mutating func alignToByte() {
        buffer >>= UInt64(count % 8)
        count -= count % 8
    }

    /// Appends the next `n` whole bytes (the reader is byte-aligned).
    mutating func copyBytes(_ n: Int, into output: inout [UInt8]) throws(Inflate.Failure) {
        var remaining = n
        while remaining > 0, count >= 8 {
            output.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
            remaining -= 1
        }
        guard remaining <= bytes.count - position else { throw .corrupt("données tronquées") }
        output += bytes[position..<(position + remaining)]
        position += remaining
    }
}

/// A canonical Huffman code (RFC 1951 §3.2.2) as one lookup table indexed by
/// the next `maxLength` input bits: a single peek decodes any symbol.
struct HuffmanTable {
    /// `symbol << 4 | code length`; 0 where no code starts with those bits.
    private let entries: [UInt16]
    private let maxLength: Int

    /// Builds the code from each symbol's code length (0: symbol unused).
    /// Over-subscribed lengths are corrupt; incomplete codes are allowed (a
    /// lone distance code is legal) and their unused patterns fail on decode.
    init(lengths: [UInt8]) throws(Inflate.Failure) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = (left << 1) - counts[length]
            guard left >= 0 else { throw .corrupt("code de Huffman sursouscrit") }
        }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        let maxLength = max(1, Int(lengths.max() ?? 0))
        var entries = [UInt16](repeating: 0, count: 1 << maxLength)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            // Codes are sent most significant bit first, so the table index is reversed.
            var index = Self.reverse(next[length], bits: length)
            next[length] += 1
            while index < entries.count {
                entries[index] = UInt16(symbol << 4 | length)
                index += 1 << length
            }
        }
        self.entries = entries
        self.maxLength = maxLength
    }

    func decode(_ bits: inout BitReader) throws(Inflate.Failure) -> Int {
        let entry = entries[Int(bits.peek(maxLength))]
        guard entry != 0 else { throw .corrupt("code de Huffman inconnu") }
        try bits.drop(Int(entry & 15))
        return Int(entry >> 4)
    }

    private static func reverse(_ code: Int, bits: Int) -> Int {
        var reversed = 0
        for bit in 0..<bits where code & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
        return reversed
    }

    // RFC 1951 §3.2.6: the fixed codes. Distance codes 30 and 31 stay unused.
    static let fixedLiterals = try! HuffmanTable(lengths:
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
            + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))
    static let fixedDistances = try! HuffmanTable(lengths: [UInt8](repeating: 5, count: 30))
}
