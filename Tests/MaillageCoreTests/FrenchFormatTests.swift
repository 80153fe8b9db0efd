import Foundation
import MaillageCore
import Testing

@Suite struct FrenchFormatTests {
    @Test func integers() {
        #expect(FrenchFormat.integer(0) == "0")
        #expect(FrenchFormat.integer(999) == "999")
        #expect(FrenchFormat.integer(12_345) == "12\u{00A0}345")
        #expect(FrenchFormat.integer(-1_234_567) == "-1\u{00A0}234\u{00A0}567")
    }

    @Test func dates() {
        #expect(FrenchFormat.date("2026-11-23") == "23/11/2026")
        #expect(FrenchFormat.date("2026-1-23") == "2026-1-23")
        #expect(FrenchFormat.date("2026-02-30") == "2026-02-30")
        #expect(FrenchFormat.date("") == "")
    }

    @Test func dateTimeIsInParisTime() {
        // 2026-11-23 13:05 UTC is 14:05 in winter (UTC+1).
        #expect(FrenchFormat.dateTime(Date(timeIntervalSince1970: 1_795_439_100)) == "23/11/2026 14:05")
        // 2026-07-14 08:00 UTC is 10:00 in summer (UTC+2).
        #expect(FrenchFormat.dateTime(Date(timeIntervalSince1970: 1_784_016_000)) == "14/07/2026 10:00")
    }

    @Test(arguments: [
        ("23/11/2026", "2026-11-23"), ("2026-11-23", "2026-11-23"), (" 1/2/2024 ", "2024-02-01"),
        ("29/02/2024", "2024-02-29"), ("29/02/2000", "2000-02-29"),
    ])
    func parsesRealDays(text: String, iso: String) {
        #expect(FrenchFormat.parseDay(text) == iso)
    }

    @Test(arguments: ["31/02/2024", "29/02/2023", "29/02/1900", "23/11/26", "00/01/2024", "2026-13-01",
                      "2026/11/23", "23-11-2026", "+1/02/2024", "", "hier"])
    func rejectsOtherDays(text: String) {
        #expect(FrenchFormat.parseDay(text) == nil)
    }

    @Test func pluralsTreatZeroAndOneAsSingular() {
        #expect(FrenchFormat.plural(0, "structure", "structures") == "0 structure")
        #expect(FrenchFormat.plural(1, "structure", "structures") == "1 structure")
        #expect(FrenchFormat.plural(12, "structure", "structures") == "12 structures")
        #expect(FrenchFormat.plural(1500, "adhérent", "adhérents") == "1\u{00A0}500 adhérents")
    }
}
