import Foundation
@testable import MaillageCore
import Testing

@Suite struct InflateTests {
    static let limit = 1_000_000

    @Test func dynamicHuffmanBlocksDecodeByteExactly() throws {
        // setup
        let stream = XLSXFixtures.dynamicDeflate
        #expect(stream[0] >> 1 & 3 == 2) // the first block is dynamic
        // MUT
        let output = try Inflate.decompress(stream, limit: Self.limit)
        // validate
        #expect(output == Array(XLSXFixtures.dynamicText.utf8))
        #expect(output.count == 22_382)
        #expect(ZipReader.crc32(output) == 1_735_480_438) // zlib.crc32 of the text, from the script
    }

    @Test func fixedHuffmanAndStoredBlocks() throws {
        #expect(XLSXFixtures.fixedDeflate[0] >> 1 & 3 == 1)
        #expect(try Inflate.decompress(XLSXFixtures.fixedDeflate, limit: Self.limit) == Array("Maillage, Maillage, Maillage!".utf8))
        #expect(XLSXFixtures.storedDeflate[0] >> 1 & 3 == 0)
        #expect(try Inflate.decompress(XLSXFixtures.storedDeflate, limit: Self.limit) == Array("stocke tel quel".utf8))
    }

    @Test func severalStoredBlocksAndAnEmptyOne() throws {
        // setup
        let chunks: [[UInt8]] = [Array("abc".utf8), [], Array(repeating: 7, count: 70_000 - 65_535), Array(repeating: 9, count: 65_535)]
        // MUT
        let output = try Inflate.decompress(DeflateTestStreams.stored(chunks), limit: Self.limit)
        // validate
        #expect(output == chunks.flatMap { $0 })
    }

    @Test func overlappingBackReferencesRepeatTheirSource() throws {
        let output = try Inflate.decompress(DeflateTestStreams.bomb(copies: 3), limit: Self.limit)
        #expect(output == [UInt8](repeating: 97, count: 1 + 3 * 258))
    }

    @Test func theOutputIsCapped() throws {
        // setup: 10 MB from about 100 KB
        let bomb = DeflateTestStreams.bomb(copies: 40_000)
        #expect(bomb.count < 70_000)
        // MUT / validate
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress(bomb, limit: Self.limit) }
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress(XLSXFixtures.dynamicDeflate, limit: 22_381) }
        #expect(try Inflate.decompress(XLSXFixtures.dynamicDeflate, limit: 22_382).count == 22_382)
    }

    @Test func damagedStreamsFail() {
        let dynamic = XLSXFixtures.dynamicDeflate
        let cases: [[UInt8]] = [
            [],
            Array(dynamic.prefix(dynamic.count / 2)), // truncated
            [0x07], // final block of the reserved type 3
            [0x01, 0x03, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63], // stored length without its complement
            Array(DeflateTestStreams.stored([Array("abcdef".utf8)]).dropLast(2)), // stored block cut short
        ]
        for stream in cases {
            #expect(throws: Inflate.Failure.self) { try Inflate.decompress(stream, limit: Self.limit) }
        }
    }

    @Test func aDistanceBeforeTheStartFails() {
        // setup: fixed block, literal "a", then length 3 at distance 2 (only 1 byte written)
        var w = BitWriter()
        w.value(1, bits: 1)
        w.value(1, bits: 2)
        w.code(0x30 + 97, bits: 8)
        w.code(1, bits: 7) // symbol 257: length 3
        w.code(1, bits: 5) // distance code 1: distance 2
        w.code(0, bits: 7)
        // MUT / validate
        #expect(throws: Inflate.Failure.corrupt("distance avant le début des données")) {
            try Inflate.decompress(w.bytes, limit: Self.limit)
        }
    }

    @Test func oversubscribedCodeLengthsAreRejected() {
        #expect(throws: Inflate.Failure.self) { try HuffmanTable(lengths: [1, 1, 1]) }
        #expect(throws: Never.self) { try HuffmanTable(lengths: [1, 0, 0]) } // incomplete is legal
    }
}
