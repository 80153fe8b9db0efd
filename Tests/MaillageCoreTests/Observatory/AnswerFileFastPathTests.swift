import Foundation
import Testing
@testable import MaillageCore

/// The parse's shortcuts (docs/PERFORMANCE.md, Observatory) give what the general path gives.
@Suite struct AnswerFileFastPathTests {
    @Test func aTypeCodeReadsAsItselfSoTheExactCodeNeedsNoLenientLookup() {
        for type in StructureType.allCases {
            #expect(StructureType.parse(type.rawValue) == type)
        }
    }

    @Test func trimmingWithoutFoundationTrimsAsFoundationDoes() {
        let cells = ["", " ", "12", " 12", "12 ", "\t12\r\n", "\u{00A0}12\u{00A0}", "\u{2003}x\u{3000}", "\u{85}1", "1\u{85}",
                     "a\u{0301}", "\u{0301}a", "é", " é ", "\u{202F}", "x\u{200B}", "\u{1C}1\u{1F}", "~", "!x!", "\u{7F}"]
        for cell in cells {
            #expect(FrenchCSV.trimmed(cell) == cell.trimmingCharacters(in: .whitespacesAndNewlines), "\(cell.unicodeScalars.map(\.value))")
            #expect(FrenchCSV.isBlank(cell) == cell.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(cell.unicodeScalars.map(\.value))")
        }
    }

    @Test func aBigFileIsReadInBlocksWithEveryProblemOnItsLineInOrder() {
        // setup: 6,001 lines, read in blocks; a duplicate across blocks, errors in several blocks
        let siret = AnswerFileParseTests.ai
        var lines = ["campaign;siret;type;turnover_eur"]
        for i in 0..<6_000 {
            switch i {
            case 1_000: lines.append("2024;\(siret);EI;x")                  // not a number (line 1002)
            case 4_500: lines.append("2024;\(siret);AI;7")                  // repeats line 2 (line 4502)
            case 5_999: lines.append("2023;\(siret);ACI;1")                 // another campaign (line 6001)
            case 0: lines.append("2024;\(siret);AI;\(i)")
            default: lines.append(";;;")                                     // blank, ignored
            }
        }
        // MUT
        let result = AnswerFile.parse(csv: Data(lines.joined(separator: "\r\n").utf8), expectedCampaign: 2024)
        // validate
        #expect(result.rows == [AnswerRow(line: 2, siret: siret, type: "AI", values: ["turnover_eur": Exact(0)])])
        #expect(result.errors == [
            AnswerFileError(line: 1002, column: "turnover_eur", message: "« x » n'est pas un nombre."),
            AnswerFileError(line: 4502, column: nil, message: "Ligne en double : SIRET \(siret), type AI, déjà ligne 2."),
            AnswerFileError(line: 6001, column: "campaign", message: "Campagne 2023 : ce fichier est importé dans la campagne 2024."),
        ])
    }

    @Test func quotedFieldsSpanningLinesKeepTheirLineNumbers() {
        let text = "a;\"b\r\nc\";\"d\"\"e\"f\r\n\r\n\"x\";y\rz\n"
        #expect(FrenchCSV.parse(text) == [
            CSVRecord(line: 1, fields: ["a", "b\r\nc", "d\"ef"]),
            CSVRecord(line: 4, fields: ["x", "y"]),
            CSVRecord(line: 5, fields: ["z"]),
        ])
    }
}
