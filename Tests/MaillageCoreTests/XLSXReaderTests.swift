import Foundation
@testable import MaillageCore
import Testing

@Suite struct XLSXReaderTests {
    @Test func readsAWorkbookWithSharedStringsAndDeflatedParts() throws {
        // MUT
        let rows = try XLSXReader.firstSheet(Data(XLSXFixtures.answersXLSX))
        // validate: the "Notes" tab is not read; row 4 is empty but kept, so indexes are row numbers
        #expect(rows == [
            ["campaign", "siret", "type", "insertion_persons", "insertion_hours", "turnover_eur", "clientele_private_pct"],
            ["2024", "73282932000074", "AI", "40", "52340.5", "250000.5", "62.5"],
            ["2024", "35600000000048", "ACI", "12", "", "1234.56"],
            [],
            ["2024", "73282932000074", "ETTI", "3", "1607", "3500000", "100"],
        ])
    }

    @Test func readsInlineRichTextBooleansGapsAndExponents() throws {
        // MUT
        let rows = try XLSXReader.firstSheet(Data(XLSXFixtures.featuresXLSX))
        // validate: the formula without a cached value (F4) stays empty
        #expect(rows == [
            ["texte", "", "", "42"],
            ["", "VRAI", "FAUX"],
            [],
            ["Gras et normal", "0.0000001", "150000000000000000000", "0.3", "-1234.56"],
            ["a & b < c", "ligne 1\nligne 2"],
        ])
    }

    @Test func readsBackOurOwnStoredWorkbooks() throws {
        // setup
        let data = XLSX.workbook([
            XLSXSheet(name: "Adhérents", rows: [
                [.text("SIRET"), .text("Nom"), .empty, .text("Montant")],
                [.text("73282932000074"), .text("Café & Cie <Lyon>"), .empty, .number("1234.50")],
                [.integer(-3), .empty, .text("  espaces  "), .number("12")],
            ]),
            XLSXSheet(name: "Seconde", rows: [[.text("autre")]]),
        ])
        // MUT
        let rows = try XLSXReader.firstSheet(data)
        // validate
        #expect(rows == [
            ["SIRET", "Nom", "", "Montant"],
            ["73282932000074", "Café & Cie <Lyon>", "", "1234.5"],
            ["-3", "", "  espaces  ", "12"],
        ])
    }

    @Test func findsTheFirstTabThroughRelationshipsWhateverTheNamesAndPrefixes() throws {
        // MUT
        let rows = try XLSXReader.firstSheet(Data(TestZip.archive(HandMadeWorkbook.entries())))
        // validate
        #expect(rows == [
            [],
            ["", "campaign", "", "Saint-Lô"],
            ["0.3", "1234.56", "1234.5", "VRAI", "#N/A", "calculé", "-0.005"],
            ["ligne 1\rligne 2", "", "a_x0041_b", "<brut> & net"],
        ])
    }

    @Test func rejectsWhatIsNoWorkbook() {
        #expect(throws: XLSXReadError.notAWorkbook) { try XLSXReader.firstSheet(Data("campaign;siret\r\n".utf8)) }
        let noSheet = TestZip.archive([.init("[Content_Types].xml", data: Array("<Types/>".utf8))])
        #expect(throws: XLSXReadError.notAWorkbook) { try XLSXReader.firstSheet(Data(noSheet)) }
    }

    @Test func checksTheCRCOfEveryEntry() {
        // setup: one byte of the sheet changed after its CRC was computed
        var entries = HandMadeWorkbook.entries()
        let sheet = entries.firstIndex { $0.name == "xl/worksheets/donnees.xml" }!
        entries[sheet].data[entries[sheet].data.count - 3] ^= 0x01
        // MUT / validate
        #expect(throws: XLSXReadError.corrupt("« xl/worksheets/donnees.xml » altéré (somme de contrôle CRC-32 incorrecte)")) {
            try XLSXReader.firstSheet(Data(TestZip.archive(entries)))
        }
    }

    @Test func rejectsZipBombsWhetherTheyDeclareTheirSizeOrNot() throws {
        // setup: a sheet inflating to 60 MB
        let bomb = try ZipReader.deflatedZeros(60_000_000)
        let honest = TestZip.Entry("xl/worksheets/sheet1.xml", data: bomb, method: 8, contents: [])
        var declared = honest
        declared.size = 60_000_000
        var lying = honest
        lying.size = 1_000
        // MUT / validate: the declared size is refused before inflating; the lie is caught by the cap
        #expect(throws: XLSXReadError.tooLarge) { try XLSXReader.firstSheet(Data(TestZip.archive([declared]))) }
        #expect(throws: XLSXReadError.tooLarge) { try XLSXReader.firstSheet(Data(TestZip.archive([lying])), limit: 2_000_000) }
    }

    @Test func aBombIsStoppedAtTheLimitNotInflatedWhole() throws {
        // setup: 20 MB of zeros deflated (about 20 KB), cut in half: inflated whole, it would
        // end in a truncated stream; a size past the limit, declared over bytes that are no DEFLATE
        let bomb = try ZipReader.deflatedZeros(20_000_000)
        #expect(bomb.count < 40_000)
        var cut = TestZip.Entry("xl/worksheets/sheet1.xml", data: Array(bomb.prefix(bomb.count / 2)), method: 8, contents: [])
        cut.size = 1_000
        var declared = TestZip.Entry("xl/worksheets/sheet1.xml", data: [0xFF, 0xFF], method: 8, contents: [])
        declared.size = 60_000_000
        // MUT / validate: refused at 1 MB, before the damage; only a higher limit reaches it
        #expect(throws: XLSXReadError.tooLarge) { try XLSXReader.firstSheet(Data(TestZip.archive([cut])), limit: 1_000_000) }
        #expect(throws: XLSXReadError.corrupt("« xl/worksheets/sheet1.xml » tronqué")) {
            try XLSXReader.firstSheet(Data(TestZip.archive([cut])))
        }
        #expect(throws: XLSXReadError.tooLarge) { try XLSXReader.firstSheet(Data(TestZip.archive([declared]))) }
    }

    @Test func inflatesEveryBlockTypeUpToTheByte() throws {
        // setup: streams made by Python's zlib (XLSXFixtures): dynamic, fixed and stored blocks
        let dynamic = TestZip.Entry("dynamic", data: XLSXFixtures.dynamicDeflate, method: 8,
                                    contents: Array(XLSXFixtures.dynamicText.utf8))
        let archive = try ZipArchive(Data(TestZip.archive([
            dynamic,
            TestZip.Entry("fixed", data: XLSXFixtures.fixedDeflate, method: 8, contents: Array("Maillage, Maillage, Maillage!".utf8)),
            TestZip.Entry("stored", data: XLSXFixtures.storedDeflate, method: 8, contents: Array("stocke tel quel".utf8)),
        ])))
        // MUT / validate
        var budget = 1_000_000
        #expect(try archive.contents(of: "dynamic", budget: &budget) == Array(XLSXFixtures.dynamicText.utf8))
        #expect(try archive.contents(of: "fixed", budget: &budget) == Array("Maillage, Maillage, Maillage!".utf8))
        #expect(try archive.contents(of: "stored", budget: &budget) == Array("stocke tel quel".utf8))
        #expect(budget == 1_000_000 - 22_382 - 29 - 15)
        // The cap is exact: 22,382 bytes fit a budget of 22,382, not of 22,381, whatever the header says.
        var lying = dynamic
        lying.size = 1
        let liar = try ZipArchive(Data(TestZip.archive([lying])))
        var exact = 22_382
        var short = 22_381
        #expect(throws: XLSXReadError.corrupt("« dynamic » altéré (somme de contrôle CRC-32 incorrecte)")) {
            try liar.contents(of: "dynamic", budget: &exact)
        }
        #expect(throws: XLSXReadError.tooLarge) { try liar.contents(of: "dynamic", budget: &short) }
    }

    @Test func damagedStreamsAreCorrupt() {
        let dynamic = XLSXFixtures.dynamicDeflate
        let cases: [([UInt8], String)] = [
            (Array(dynamic.prefix(dynamic.count / 2)), "« xl/worksheets/sheet1.xml » tronqué"),
            ([], "« xl/worksheets/sheet1.xml » tronqué"),
            // A stored block of 65,535 bytes holding 10: ZIPFoundation's own extraction spun forever
            // on this (Linux, 0.9.20), feeding zlib the rest of the archive and then empty chunks.
            ([0x01, 0xFF, 0xFF, 0x00, 0x00] + Array(repeating: 0x41, count: 10), "« xl/worksheets/sheet1.xml » tronqué"),
            ([0x07], "« xl/worksheets/sheet1.xml » : données compressées invalides"), // reserved block type 3
            ([0x01, 0x03, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63], // stored length without its complement
             "« xl/worksheets/sheet1.xml » : données compressées invalides"),
        ]
        for (stream, message) in cases {
            let entry = TestZip.Entry("xl/worksheets/sheet1.xml", data: stream, method: 8, contents: Array("<worksheet/>".utf8))
            #expect(throws: XLSXReadError.corrupt(message)) { try XLSXReader.firstSheet(Data(TestZip.archive([entry]))) }
        }
    }

    @Test func refusesEncryptionUnknownMethodsAndMalformedXML() {
        var encrypted = TestZip.Entry("xl/worksheets/sheet1.xml", data: Array("<worksheet/>".utf8))
        encrypted.flags = 1
        var bzip2 = encrypted
        (bzip2.flags, bzip2.method) = (0, 12)
        let broken = TestZip.Entry("xl/worksheets/sheet1.xml", data: Array("<worksheet><sheetData><row".utf8))
        #expect(throws: XLSXReadError.unsupported("classeur protégé par un mot de passe")) {
            try XLSXReader.firstSheet(Data(TestZip.archive([encrypted])))
        }
        #expect(throws: XLSXReadError.unsupported("méthode de compression 12")) { try XLSXReader.firstSheet(Data(TestZip.archive([bzip2]))) }
        #expect(throws: XLSXReadError.corrupt("XML mal formé")) { try XLSXReader.firstSheet(Data(TestZip.archive([broken]))) }
    }

    @Test(arguments: [
        ("1234.5", "1234.5"), ("1.2345E3", "1234.5"), ("1.2345e+3", "1234.5"), ("-5E-3", "-0.005"),
        ("1e-07", "0.0000001"), ("2024", "2024"), ("2024.0", "2024"), ("0", "0"), ("-0.0", "0"), ("007", "7"),
        ("0.30000000000000004", "0.3"), ("1234.5599999999999", "1234.56"), ("99999999999999999", "100000000000000000"),
        ("1.5E+20", "150000000000000000000"), (".5", "0.5"), ("5.", "5"), ("-0", "0"), ("10", "10"), ("0.5", "0.5"),
        ("-0.05", "-0.05"), ("2.50", "2.5"), ("123456789012345", "123456789012345"), ("1234567890123456", "1234567890123460"),
    ])
    func numbersBecomePlainDecimals(raw: String, plain: String) {
        #expect(XLSXNumber.plain(raw) == plain)
    }

    @Test func textThatIsNoNumberIsKept() {
        for raw in ["", "abc", "1,5", "1.2.3", "E3", "1E", "1E999", "--1"] {
            #expect(XLSXNumber.plain(raw) == nil, "\(raw)")
        }
    }
}

/// A workbook as other writers make them: custom part names reached through
/// relationships, an "x:" namespace prefix, rich text, escapes, cells without
/// references, noisy doubles.
enum HandMadeWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func entries() -> [TestZip.Entry] {
        let parts = [
            ("_rels/.rels", #"<Relationships xmlns="\#(pkg)"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="/xl/book.xml"/></Relationships>"#),
            ("xl/book.xml", #"""
                <?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="\#(main)" xmlns:r="\#(rel)"><x:sheets>\#
                <x:sheet name="Données" sheetId="2" r:id="rId7"/><x:sheet name="Autre" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>
                """#),
            ("xl/_rels/book.xml.rels", #"""
                <Relationships xmlns="\#(pkg)"><Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/>\#
                <Relationship Id='rId7' Type='\#(rel)/worksheet' Target='./worksheets/donnees.xml'/>\#
                <Relationship Id="rId9" Type="\#(rel)/sharedStrings" Target="../xl/strings.xml"/></Relationships>
                """#),
            ("xl/strings.xml", #"""
                <sst xmlns="\#(main)"><si><t>campaign</t></si><si><r><t>Sai</t></r><r><rPr><b/></rPr><t xml:space="preserve">nt-L&#xF4;</t></r>\#
                <rPh sb="0" eb="1"><t>セント</t></rPh></si><si><t>ligne 1_x000D_ligne 2</t></si><si/><si><t>a_x005F_x0041_b</t></si></sst>
                """#),
            ("xl/worksheets/donnees.xml", #"""
                <?xml version="1.0"?><!-- écrit à la main --><x:worksheet xmlns:x="\#(main)"><x:sheetData>
                <x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" s="1"/><x:c t="s"><x:v>1</x:v></x:c></x:row>
                <x:row><x:c><x:v>0.30000000000000004</x:v></x:c><x:c><x:v>1234.5599999999999</x:v></x:c><x:c><x:v>1.2345E3</x:v></x:c>\#
                <x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>calculé</x:v></x:c>\#
                <x:c><x:f>1/-200</x:f><x:v>-5E-3</x:v></x:c></x:row>
                <x:row r="4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4" t="s"><x:v>3</x:v></x:c><x:c r="C4" t="s"><x:v>4</x:v></x:c>\#
                <x:c r="D4" t="inlineStr"><x:is><x:t><![CDATA[<brut> & net]]></x:t></x:is></x:c></x:row>
                <x:row r="6"/><x:row r="7"><x:c r="A7"><x:v/></x:c></x:row></x:sheetData></x:worksheet>
                """#),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mauvaise feuille</t></is></c></row></sheetData></worksheet>"#),
        ]
        return parts.map { TestZip.Entry($0.0, data: Array($0.1.utf8)) }
    }
}
