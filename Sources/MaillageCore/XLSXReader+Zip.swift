import Foundation

/// The entries of a ZIP archive, read from its central directory (the local
/// headers may lack sizes when the writer streamed). Only what an .xlsx uses:
/// stored and deflated entries, no encryption, no ZIP64 (a sheet under the
/// inflate cap never needs it).
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
        let raw = Array(bytes[start..<(start + entry.compressedSize)])
        let contents: [UInt8]
        switch entry.method {
        case 0:
            contents = raw
        case 8:
            do throws(Inflate.Failure) {
                contents = try Inflate.decompress(raw, limit: budget)
            } catch {
                switch error {
                case .tooLarge: throw .tooLarge
                case .corrupt(let why): throw .corrupt("« \(name) » : \(why)")
                }
            }
        default:
            throw .unsupported("méthode de compression \(entry.method)")
        }
        guard contents.count == entry.size, CRC32.checksum(contents) == entry.crc else {
            throw .corrupt("« \(name) » altéré (somme de contrôle CRC-32 incorrecte)")
        }
        budget -= contents.count
        return contents
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
