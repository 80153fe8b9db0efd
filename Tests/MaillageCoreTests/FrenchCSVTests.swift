import Foundation
import MaillageCore
import Testing

@Suite struct FrenchCSVTests {
    @Test func decodeDropsTheBOM() {
        #expect(FrenchCSV.decode(Data([0xEF, 0xBB, 0xBF] + Array("siret;nom".utf8))) == "siret;nom")
        #expect(FrenchCSV.decode(Data("Café".utf8)) == "Café")
    }

    @Test func decodeFallsBackToWindows1252() {
        // "Café;80 €;œuvre" as saved by older Excel.
        let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x3B, 0x38, 0x30, 0x20, 0x80, 0x3B, 0x9C, 0x75, 0x76, 0x72, 0x65]
        #expect(FrenchCSV.decode(Data(bytes)) == "Café;80 €;œuvre")
        #expect(FrenchCSV.decode(Data([0x92, 0x93, 0x94, 0x85])) == "\u{2019}\u{201C}\u{201D}\u{2026}")
        #expect(FrenchCSV.decode(Data([0x81, 0xFF])) == "\u{0081}ÿ")
    }

    @Test func writeQuotesOnlyWhatNeedsIt() {
        let text = FrenchCSV.write([["a", "b;c", "d\"e"], ["ligne\nsuite", "", "x\ry"]])
        #expect(text == "a;\"b;c\";\"d\"\"e\"\r\n\"ligne\nsuite\";;\"x\ry\"\r\n")
    }

    @Test func exportStartsWithTheBOM() {
        let data = FrenchCSV.exportData([["nom"], ["Élan"]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "nom\r\nÉlan\r\n")
        #expect(FrenchCSV.parse(FrenchCSV.decode(data)).map(\.fields) == [["nom"], ["Élan"]])
    }

    @Test func writeThenParseRoundTrips() {
        // setup
        let rows = [
            ["siret", "nom", "note"],
            ["73282932000074", "Le « Relais » ; Nord", "dit \"le Relais\""],
            ["", "multi\r\nligne", "  espaces  "],
            ["é€œ", "", ""],
        ]
        // MUT
        let parsed = FrenchCSV.parse(FrenchCSV.write(rows))
        // validate
        #expect(parsed.map(\.fields) == rows)
        #expect(parsed.map(\.line) == [1, 2, 3, 5])
    }
}
