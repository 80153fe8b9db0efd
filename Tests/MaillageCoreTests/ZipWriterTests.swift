import Foundation
@testable import MaillageCore
import Testing

@Suite struct ZipWriterTests {
    @Test func crcMatchesTheKnownCheckValue() {
        // The standard CRC-32 check value of "123456789".
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func archiveReadsBack() throws {
        // setup
        var zip = ZipWriter()
        zip.add(path: "a.txt", contents: Array("bonjour".utf8))
        zip.add(path: "dossier/vide.xml", contents: [])
        zip.add(path: "b.bin", contents: (0..<1000).map { UInt8($0 % 251) })
        // MUT
        let reader = try ZipReader(zip.finish())
        // validate
        #expect(reader.entries.map(\.name) == ["a.txt", "dossier/vide.xml", "b.bin"])
        #expect(reader.text("a.txt") == "bonjour")
        #expect(reader.entries[2].contents == (0..<1000).map { UInt8($0 % 251) })
        for entry in reader.entries {
            #expect(entry.localHeaderMatches)
            #expect(ZipReader.crc32(entry.contents) == entry.storedCRC)
        }
    }

    @Test func sameInputGivesSameBytes() {
        func build() -> Data {
            var zip = ZipWriter()
            zip.add(path: "x", contents: [1, 2, 3])
            return zip.finish()
        }
        #expect(build() == build())
    }
}
