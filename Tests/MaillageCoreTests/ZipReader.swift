import Foundation

/// A tiny, independent ZIP reader for the tests: it walks the archive from the
/// end-of-central-directory record, as Excel does, and checks every CRC.
struct ZipReader {
    struct Entry {
        let name: String
        let contents: [UInt8]
        let storedCRC: UInt32
        let localHeaderMatches: Bool
    }

    enum Failure: Error { case malformed(String) }

    let entries: [Entry]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 22 else { throw Failure.malformed("too short") }
        let end = bytes.count - 22 // no archive comment
        guard Self.u32(bytes, end) == 0x0605_4B50 else { throw Failure.malformed("no end record") }
        let count = Int(Self.u16(bytes, end + 10))
        let directorySize = Int(Self.u32(bytes, end + 12))
        var offset = Int(Self.u32(bytes, end + 16))
        guard offset + directorySize == end else { throw Failure.malformed("directory not before end record") }
        var entries: [Entry] = []
        for _ in 0..<count {
            guard Self.u32(bytes, offset) == 0x0201_4B50 else { throw Failure.malformed("bad central header") }
            let method = Self.u16(bytes, offset + 10)
            let crc = Self.u32(bytes, offset + 16)
            let size = Int(Self.u32(bytes, offset + 20))
            let nameLength = Int(Self.u16(bytes, offset + 28))
            let extraLength = Int(Self.u16(bytes, offset + 30))
            let commentLength = Int(Self.u16(bytes, offset + 32))
            let local = Int(Self.u32(bytes, offset + 42))
            let name = Array(bytes[(offset + 46)..<(offset + 46 + nameLength)])
            guard method == 0 else { throw Failure.malformed("not stored") }

            let localNameLength = Int(Self.u16(bytes, local + 26))
            let start = local + 30 + localNameLength + Int(Self.u16(bytes, local + 28))
            let localMatches = Self.u32(bytes, local) == 0x0403_4B50
                && Self.u32(bytes, local + 14) == crc
                && Int(Self.u32(bytes, local + 22)) == size
                && Array(bytes[(local + 30)..<(local + 30 + localNameLength)]) == name
            entries.append(Entry(name: String(decoding: name, as: UTF8.self),
                                 contents: Array(bytes[start..<(start + size)]),
                                 storedCRC: crc, localHeaderMatches: localMatches))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    func text(_ name: String) -> String? {
        entries.first { $0.name == name }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    /// Bit-by-bit CRC-32, deliberately unlike the table-driven one under test.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
}
