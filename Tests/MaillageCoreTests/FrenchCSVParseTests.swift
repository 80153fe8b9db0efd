import MaillageCore
import Testing

@Suite struct FrenchCSVParseTests {
    @Test func splitsOnSemicolonsWithoutTrimming() {
        #expect(FrenchCSV.parse("a; b ;;c") == [CSVRecord(line: 1, fields: ["a", " b ", "", "c"])])
    }

    @Test(arguments: ["a\r\nb\r\n", "a\nb\n", "a\rb\r", "a\nb"])
    func acceptsEveryLineEnd(text: String) {
        #expect(FrenchCSV.parse(text) == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 2, fields: ["b"])])
    }

    @Test func skipsEmptyLinesButCountsThem() {
        let records = FrenchCSV.parse("h1;h2\r\n\r\nx;y\n\n\nz;w\r\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["h1", "h2"]),
            CSVRecord(line: 3, fields: ["x", "y"]),
            CSVRecord(line: 6, fields: ["z", "w"]),
        ])
    }

    @Test func keepsLinesOfEmptyFields() {
        #expect(FrenchCSV.parse(";;\n") == [CSVRecord(line: 1, fields: ["", "", ""])])
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndNewlines() {
        let text = "nom;note\r\n\"A;B\";\"il dit \"\"oui\"\"\"\r\n\"deux\r\nlignes\";\"trois\nlignes\nici\"\r\nfin;x\r\n"
        let records = FrenchCSV.parse(text)
        #expect(records == [
            CSVRecord(line: 1, fields: ["nom", "note"]),
            CSVRecord(line: 2, fields: ["A;B", "il dit \"oui\""]),
            CSVRecord(line: 3, fields: ["deux\r\nlignes", "trois\nlignes\nici"]),
            CSVRecord(line: 7, fields: ["fin", "x"]),
        ])
    }

    @Test func aQuotedEmptyFieldIsARecord() {
        #expect(FrenchCSV.parse("\"\"\n") == [CSVRecord(line: 1, fields: [""])])
    }

    @Test func toleratesStrayQuotes() {
        #expect(FrenchCSV.parse("l'\"abri\";x") == [CSVRecord(line: 1, fields: ["l'\"abri\"", "x"])])
        #expect(FrenchCSV.parse("\"ab\"cd;x") == [CSVRecord(line: 1, fields: ["abcd", "x"])])
        #expect(FrenchCSV.parse("\"non fermé;x\ny") == [CSVRecord(line: 1, fields: ["non fermé;x\ny"])])
    }

    @Test func emptyTextHasNoRecords() {
        #expect(FrenchCSV.parse("").isEmpty)
        #expect(FrenchCSV.parse("\r\n\n").isEmpty)
    }
}
