import Foundation
import ZIPFoundation

/// The entries of a ZIP archive, read from its central directory (the local
/// headers may lack sizes when the writer streamed). Only what an .xlsx uses:
/// stored and deflated entries, no encryption, no ZIP64 (a sheet under the
/// inflate cap never needs it). Inflating (zlib) and CRC-32 are ZIPFoundation's.
///
/// The headers are read here rather than by ZIPFoundation's `Archive`, which is
/// no reader of uploads in 0.9.20: it ends its listing silently at an encrypted
/// entry (so no "password" message), traps on a ZIP64 offset past `Int64.max`
/// (one upload would stop the server), and on Linux spins forever on a deflate
/// stream cut short (weichsel/ZIPFoundation#389). `inflate` feeds zlib only the
/// entry's own bytes and fails when they run out.
struct ZipArchive {
    struct Entry {
        let flags: UInt16
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]

    init(_ data: Data) throws(XLSXReadError) {
        let bytes = [UInt8](data)
        guard let end = Self.endRecord(bytes) else { throw .notAWorkbook }
        let count = Int(bytes.u16(end + 10))
        let directorySize = Int(bytes.u32(end + 12))
        let directoryOffset = Int(bytes.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw .unsupported("archive ZIP64")
        }
        guard directoryOffset + directorySize <= end else { throw .corrupt("répertoire central hors de l'archive") }
        var entries: [String: Entry] = [:]
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset + 46 <= end, bytes.u32(offset) == 0x0201_4B50 else { throw .corrupt("répertoire central invalide") }
            let nameLength = Int(bytes.u16(offset + 28))
            let next = offset + 46 + nameLength + Int(bytes.u16(offset + 30)) + Int(bytes.u16(offset + 32))
            guard next <= end else { throw .corrupt("répertoire central invalide") }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(flags: bytes.u16(offset + 8), method: bytes.u16(offset + 10), crc: bytes.u32(offset + 16),
                                  compressedSize: Int(bytes.u32(offset + 20)), size: Int(bytes.u32(offset + 24)),
                                  localHeaderOffset: Int(bytes.u32(offset + 42)))
            offset = next
        }
        self.bytes = bytes
        self.entries = entries
    }

    func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The entry's bytes, checked against its CRC-32; nil when the archive has no such
    /// entry. `budget` is what may still be inflated, and shrinks by what this entry takes.
    func contents(of name: String, budget: inout Int) throws(XLSXReadError) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        guard entry.flags & 1 == 0 else { throw .unsupported("classeur protégé par un mot de passe") }
        // The declared size is checked first, and the inflater enforces the cap
        // anyway: the declaration of a crafted file proves nothing.
        guard entry.size <= budget else { throw .tooLarge }
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, bytes.u32(local) == 0x0403_4B50 else { throw .corrupt("en-tête local de « \(name) » invalide") }
        let start = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt("« \(name) » tronqué") }
        let raw = Data(bytes[start..<(start + entry.compressedSize)])
        let contents: [UInt8]
        let crc: UInt32
        switch entry.method {
        case 0:
            (contents, crc) = ([UInt8](raw), raw.crc32(checksum: 0))
        case 8:
            (contents, crc) = try Self.inflate(raw, name: name, limit: budget)
        default:
            throw .unsupported("méthode de compression \(entry.method)")
        }
        guard contents.count == entry.size, crc == entry.crc else {
            throw .corrupt("« \(name) » altéré (somme de contrôle CRC-32 incorrecte)")
        }
        budget -= contents.count
        return contents
    }

    /// The raw DEFLATE stream `compressed` inflated by zlib, and the CRC-32 of the result;
    /// stopped as soon as the output passes `limit`: the size an entry declares proves nothing.
    private static func inflate(_ compressed: Data, name: String,
                                limit: Int) throws(XLSXReadError) -> (bytes: [UInt8], crc: UInt32) {
        struct OverLimit: Error {}
        struct Truncated: Error {}
        guard !compressed.isEmpty else { throw .corrupt("« \(name) » tronqué") }
        var output: [UInt8] = []
        let crc: UInt32
        // Typical compression ratios of spreadsheet XML are 5 to 20.
        output.reserveCapacity(min(limit, compressed.count * 8))
        do {
            // The whole stream as one chunk of the buffer's size (ZIPFoundation tells zlib that
            // each chunk fills the buffer). Asked for more, the stream has not ended within the
            // entry: on Linux an empty chunk would loop forever, so this fails; Apple's
            // Compression framework is handed the empty chunk ZIPFoundation gives at end of file.
            crc = try Data.decompress(size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: false,
                                    provider: { position, _ in
                                        if position == 0 { return compressed }
                                        #if os(macOS) || os(iOS) || os(tvOS) || os(visionOS) || os(watchOS)
                                        return Data()
                                        #else
                                        throw Truncated()
                                        #endif
                                    }, consumer: { chunk in
                                        guard chunk.count <= limit - output.count else { throw OverLimit() }
                                        output.append(contentsOf: chunk)
                                    })
        } catch is OverLimit {
            throw .tooLarge
        } catch is Truncated {
            throw .corrupt("« \(name) » tronqué")
        } catch {
            throw .corrupt("« \(name) » : données compressées invalides")
        }
        return (output, crc)
    }

    /// The end-of-central-directory record, searched backwards past an archive
    /// comment of up to 65,535 bytes.
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        for offset in stride(from: bytes.count - 22, through: lowest, by: -1) where bytes.u32(offset) == 0x0605_4B50 {
            return offset
        }
        return nil
    }
}

extension [UInt8] {
    /// Little-endian reads, the byte order of every ZIP field; the caller checks bounds.
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
}
