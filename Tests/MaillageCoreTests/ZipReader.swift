import Foundation
import ZIPFoundation

/// A tiny ZIP reader for the tests, independent of the reader under test: it walks the
/// archive from the end-of-central-directory record, as Excel does, compares each
/// local header with its central one and checks every CRC bit by bit. Deflated
/// entries are inflated by ZIPFoundation (zlib).
struct ZipReader {
    struct Entry {
        let name: String
        let contents: [UInt8]
        let storedCRC: UInt32
        let localHeaderMatches: Bool
        /// The MS-DOS date and time fields, as stored.
        let dosDate: UInt16
        let dosTime: UInt16
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
            let compressedSize = Int(Self.u32(bytes, offset + 20))
            let size = Int(Self.u32(bytes, offset + 24))
            let nameLength = Int(Self.u16(bytes, offset + 28))
            let extraLength = Int(Self.u16(bytes, offset + 30))
            let commentLength = Int(Self.u16(bytes, offset + 32))
            let local = Int(Self.u32(bytes, offset + 42))
            let name = Array(bytes[(offset + 46)..<(offset + 46 + nameLength)])

            let localNameLength = Int(Self.u16(bytes, local + 26))
            let start = local + 30 + localNameLength + Int(Self.u16(bytes, local + 28))
            let localMatches = Self.u32(bytes, local) == 0x0403_4B50
                && Array(bytes[(local + 6)..<(local + 26)]) == Array(bytes[(offset + 8)..<(offset + 28)])
                && Array(bytes[(local + 30)..<(local + 30 + localNameLength)]) == name
            let raw = Data(bytes[start..<(start + compressedSize)])
            let contents: [UInt8]
            switch method {
            case 0: contents = [UInt8](raw)
            case 8: contents = try Self.inflate(raw)
            default: throw Failure.malformed("method \(method)")
            }
            guard contents.count == size else { throw Failure.malformed("size") }
            entries.append(Entry(name: String(decoding: name, as: UTF8.self), contents: contents,
                                 storedCRC: crc, localHeaderMatches: localMatches,
                                 dosDate: Self.u16(bytes, offset + 14), dosTime: Self.u16(bytes, offset + 12)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    func text(_ name: String) -> String? {
        entries.first { $0.name == name }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    /// Bit-by-bit CRC-32, deliberately unlike zlib's table-driven one.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    /// Raw DEFLATE of `count` zero bytes, by ZIPFoundation (zlib): a zip bomb, about
    /// a thousand times smaller than what it inflates to.
    static func deflatedZeros(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        _ = try Data.compress(size: Int64(count), bufferSize: 1 << 16,
                              provider: { _, size in Data(count: size) }, consumer: { out += $0 })
        return out
    }

    private static func inflate(_ raw: Data) throws -> [UInt8] {
        var out: [UInt8] = []
        _ = try Data.decompress(size: Int64(raw.count), bufferSize: max(raw.count, 1), skipCRC32: true,
                                provider: { position, _ in
                                    guard position == 0 else { throw Failure.malformed("truncated") }
                                    return raw
                                }, consumer: { out += $0 })
        return out
    }

    fileprivate static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    fileprivate static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
}

/// A ZIP archive with exactly the headers a test asks for, true or not: what no
/// honest writer produces (bombs, lies, damage) has to be built by hand.
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

private extension [UInt8] {
    /// Little-endian writes, the byte order of every ZIP field.
    mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func le32(_ value: UInt32) {
        le16(UInt16(value & 0xFFFF))
        le16(UInt16(value >> 16))
    }
}
