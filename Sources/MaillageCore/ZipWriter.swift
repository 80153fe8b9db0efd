import Foundation

/// A minimal ZIP archive writer: entries are stored uncompressed, which every
/// reader (Excel, LibreOffice, unzip) accepts and keeps this code dependency-free.
struct ZipWriter {
    private var output: [UInt8] = []
    private var centralDirectory: [UInt8] = []
    private var count = 0

    // A fixed timestamp (1 January 2024, 00:00) makes identical workbooks byte-identical.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (44 << 9) | (1 << 5) | 1

    /// Appends one stored file. Names are ASCII paths such as "xl/workbook.xml".
    mutating func add(path: String, contents: [UInt8]) {
        let name = Array(path.utf8)
        // Plain ZIP stores sizes and offsets in 32 bits; ZIP64 is not worth it for exports.
        precondition(output.count + contents.count < Int(UInt32.max) && count < Int(UInt16.max), "archive too large")
        let crc = CRC32.checksum(contents)
        let size = UInt32(contents.count)
        let offset = UInt32(output.count)

        // Local file header.
        output.le32(0x0403_4B50)
        common(into: &output, name: name, crc: crc, size: size)
        output += name
        output += contents

        // Central directory header, pointing back at the local one.
        centralDirectory.le32(0x0201_4B50)
        centralDirectory.le16(20) // version made by: 2.0
        common(into: &centralDirectory, name: name, crc: crc, size: size)
        centralDirectory.le16(0) // file comment length
        centralDirectory.le16(0) // disk number start
        centralDirectory.le16(0) // internal attributes
        centralDirectory.le32(0) // external attributes
        centralDirectory.le32(offset)
        centralDirectory += name
        count += 1
    }

    /// The archive: entries, central directory, end-of-central-directory record.
    func finish() -> Data {
        var bytes = output + centralDirectory
        bytes.le32(0x0605_4B50)
        bytes.le16(0) // this disk
        bytes.le16(0) // disk holding the central directory
        bytes.le16(UInt16(count))
        bytes.le16(UInt16(count))
        bytes.le32(UInt32(centralDirectory.count))
        bytes.le32(UInt32(output.count))
        bytes.le16(0) // comment length
        return Data(bytes)
    }

    /// The fields local and central headers share, from "version needed" to "extra length".
    private func common(into bytes: inout [UInt8], name: [UInt8], crc: UInt32, size: UInt32) {
        bytes.le16(20) // version needed to extract: 2.0
        bytes.le16(0) // flags
        bytes.le16(0) // method: stored
        bytes.le16(Self.dosTime)
        bytes.le16(Self.dosDate)
        bytes.le32(crc)
        bytes.le32(size) // compressed size
        bytes.le32(size) // uncompressed size
        bytes.le16(UInt16(name.count))
        bytes.le16(0) // extra field length
    }
}

extension [UInt8] {
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
