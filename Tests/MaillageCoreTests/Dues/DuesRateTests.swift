import Foundation
@testable import MaillageCore
import Testing

@Suite struct DuesRateTests {
    @Test(arguments: [
        ("0,6", Int64(600)), ("0.35", 350), ("0,6 %", 600), ("0,6\u{202F}%", 600), ("1", 1000),
        ("0,2", 200), ("100", 100_000), ("0", 0), (" 0,125 ", 125), ("2,50%", 2500), ("00,6", 600),
    ])
    func parses(text: String, milliPercent: Int64) {
        #expect(DuesRate.parse(text)?.milliPercent == milliPercent)
    }

    @Test(arguments: ["", "%", "-0,6", "0,6255", "100,001", "101", "1,", ",5", "1.2.3", "abc", "0,6 %%",
                      "99999999999999999999999"])
    func rejects(text: String) {
        #expect(DuesRate.parse(text) == nil)
    }

    @Test func rangeIsChecked() {
        #expect(DuesRate(milliPercent: -1) == nil)
        #expect(DuesRate(milliPercent: 100_001) == nil)
        #expect(DuesRate(milliPercent: 100_000)?.plain == "100")
    }

    @Test(arguments: [(Int64(600), "0,6"), (350, "0,35"), (1000, "1"), (125, "0,125"), (5, "0,005"),
                      (12_340, "12,34"), (0, "0")])
    func plainAndFrenchForms(milliPercent: Int64, plain: String) throws {
        let rate = try #require(DuesRate(milliPercent: milliPercent))
        #expect(rate.plain == plain)
        #expect(rate.french == plain + "\u{202F}%")
        #expect(DuesRate.parse(rate.plain) == rate)
    }

    @Test func appliesExactly() throws {
        let ai = try #require(DuesRate.parse("0,6"))
        #expect(try ai.apply(to: Money(cents: 61_234_500)) == Money(cents: 367_407))
        #expect(try ai.apply(to: Money(cents: 100_000_000)) == Money(cents: 600_000))
    }

    /// Bases chosen so rate × base ends exactly on half a cent: it goes away from zero.
    @Test(arguments: [
        ("0,35", Int64(1000), Int64(4)),     // 10,00 € × 0,35 % = 0,035 €
        ("0,35", 3000, 11),                  // 30,00 € × 0,35 % = 0,105 €
        ("0,35", -1000, -4),
        ("0,6", 250, 2),                     // 2,50 € × 0,6 % = 0,015 €
        ("0,6", -250, -2),
        ("0,6", 249, 1),                     // 0,01494 € → down
        ("0,2", 250, 1),                     // 0,005 € → 0,01 €
        ("0,2", 249, 0),
        ("0,35", 30_001_000, 105_004),       // 300 010,00 € × 0,35 % = 1 050,035 €
    ] as [(String, Int64, Int64)])
    func roundsHalfAwayFromZero(rate: String, baseCents: Int64, expected: Int64) throws {
        let r = try #require(DuesRate.parse(rate))
        #expect(try r.apply(to: Money(cents: baseCents)) == Money(cents: expected))
    }

    @Test func overflowThrows() throws {
        let all = try #require(DuesRate.parse("100"))
        #expect(throws: MoneyError.overflow) { try all.apply(to: Money(cents: .max / 2)) }
        #expect(throws: MoneyError.overflow) { try all.apply(to: Money(cents: .min)) }
        // The largest base that fits is still exact.
        let base = Money(cents: .max / 100_000)
        #expect(try all.apply(to: base) == base)
    }

    @Test func codableChecksRange() throws {
        let rate = try #require(DuesRate.parse("0,35"))
        let data = try JSONEncoder().encode(rate)
        #expect(try JSONDecoder().decode(DuesRate.self, from: data) == rate)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DuesRate.self, from: Data(#"{"milliPercent":150000}"#.utf8))
        }
    }
}
