import Foundation
import MaillageCore
import Testing

@Suite struct FrenchFormatTests {
    @Test func integers() {
        #expect(FrenchFormat.integer(0) == "0")
        #expect(FrenchFormat.integer(999) == "999")
        #expect(FrenchFormat.integer(1_000) == "1\u{202F}000")
        #expect(FrenchFormat.integer(12_345) == "12\u{202F}345")
        #expect(FrenchFormat.integer(-1_234_567) == "-1\u{202F}234\u{202F}567")
        #expect(FrenchFormat.integer(Int.min).hasPrefix("-9\u{202F}223\u{202F}372"))
    }

    @Test func thousandsUseTheNarrowNoBreakSpace() {
        #expect(FrenchFormat.thinSpace == "\u{202F}")
        #expect(!FrenchFormat.integer(21_840).contains(" "))
        #expect(!FrenchFormat.integer(21_840).contains("\u{00A0}"))
    }

    @Test(arguments: [
        ("1234567.891", "1\u{202F}234\u{202F}567,891"), ("1234567,5", "1\u{202F}234\u{202F}567,5"),
        ("-1234.50", "-1\u{202F}234,50"), ("12", "12"), ("0.5", "0,5"),
        // Not plain decimals: shown as they are.
        ("n.d.", "n.d."), ("", ""), ("1.2.3", "1.2.3"), ("12.", "12."), (".5", ".5"), ("1e3", "1e3"),
    ])
    func decimalTexts(text: String, shown: String) {
        #expect(FrenchFormat.number(text) == shown)
    }

    @Test func decimalsAreRoundedOnceHalfAwayFromZero() {
        #expect(FrenchFormat.decimal(Decimal(string: "1234.565")!, places: 2) == "1\u{202F}234,57")
        #expect(FrenchFormat.decimal(Decimal(string: "-2.5")!, places: 0) == "-3")
        #expect(FrenchFormat.decimal(Decimal(string: "7")!, places: 2) == "7,00")
        #expect(FrenchFormat.decimal(Decimal(string: "0.04")!, places: 1) == "0,0")
    }

    @Test func hoursPercentagesAndMoneyCarryTheirUnitAfterANoBreakSpace() {
        #expect(FrenchFormat.hours(21_840) == "21\u{202F}840\u{202F}h")
        #expect(FrenchFormat.hours(Decimal(string: "1607.5")!, places: 1) == "1\u{202F}607,5\u{202F}h")
        #expect(FrenchFormat.percent(57) == "57\u{202F}%")
        #expect(FrenchFormat.percent(Decimal(string: "28.449")!, places: 1) == "28,4\u{202F}%")
        #expect(FrenchFormat.euros(cents: 123_450) == "1\u{202F}234,50\u{202F}€")
        #expect(FrenchFormat.euros(cents: 5) == "0,05\u{202F}€")
        #expect(FrenchFormat.euros(cents: -123_456_789) == "-1\u{202F}234\u{202F}567,89\u{202F}€")
        #expect(FrenchFormat.money(Money(cents: 100_000)) == "1\u{202F}000,00\u{202F}€")
        #expect(FrenchFormat.euros(cents: .min).hasSuffix(",08\u{202F}€"))
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
        #expect(FrenchFormat.plural(1500, "adhérent", "adhérents") == "1\u{202F}500 adhérents")
    }
}
