@testable import MaillageCore

/// Hand-made DEFLATE streams and ZIP archives for the reader tests: what no
/// honest writer produces (bombs, lies, damage) has to be built bit by bit.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    /// Header fields and extra bits: least significant bit first.
    mutating func value(_ value: Int, bits: Int) {
        for bit in 0..<bits { push(value >> bit & 1) }
    }

    /// Huffman codes: most significant bit first.
    mutating func code(_ code: Int, bits: Int) {
        for bit in (0..<bits).reversed() { push(code >> bit & 1) }
    }

    private mutating func push(_ bit: Int) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= UInt8(bit) << UInt8(used)
        used += 1
    }
}

enum DeflateTestStreams {
    /// One fixed-Huffman block: the literal "a", then `copies` back-references
    /// of 258 bytes at distance 1. About 13 bits per 258 output bytes: a bomb.
    static func bomb(copies: Int) -> [UInt8] {
        var w = BitWriter()
        w.value(1, bits: 1) // final block
        w.value(1, bits: 2) // fixed Huffman
        w.code(0x30 + 97, bits: 8) // literal "a"
        for _ in 0..<copies {
            w.code(0xC0 + (285 - 280), bits: 8) // length 258
            w.code(0, bits: 5) // distance 1
        }
        w.code(0, bits: 7) // end of block
        return w.bytes
    }

    /// Stored blocks, one per chunk, the last one final.
    static func stored(_ chunks: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            out.append(index == chunks.count - 1 ? 1 : 0)
            let length = UInt16(chunk.count)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += chunk
        }
        return out
    }
}

/// A ZIP archive with exactly the headers a test asks for, true or not.
struct TestZip {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var flags: UInt16 = 0
        var crc: UInt32
        var size: Int

        /// `data` is written as is; `contents` (the inflated bytes) give the
        /// honest CRC and size, which a test may then falsify.
        init(_ name: String, data: [UInt8], method: UInt16 = 0, contents: [UInt8]? = nil) {
            self.name = name
            self.data = data
            self.method = method
            crc = ZipReader.crc32(contents ?? data)
            size = (contents ?? data).count
        }
    }

    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            var common: [UInt8] = []
            common.le16(20)
            common.le16(entry.flags)
            common.le16(entry.method)
            common.le32(0) // time and date
            common.le32(entry.crc)
            common.le32(UInt32(entry.data.count))
            common.le32(UInt32(entry.size))
            common.le16(UInt16(name.count))
            common.le16(0)
            directory.le32(0x0201_4B50)
            directory.le16(20)
            directory += common
            directory += [UInt8](repeating: 0, count: 6) // comment length, disk, internal attributes
            directory.le32(0) // external attributes
            directory.le32(UInt32(out.count))
            directory += name
            out.le32(0x0403_4B50)
            out += common + name + entry.data
        }
        let offset = out.count
        out += directory
        out.le32(0x0605_4B50)
        out.le32(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(directory.count))
        out.le32(UInt32(offset))
        out.le16(0)
        return out
    }
}
