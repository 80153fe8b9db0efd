import Foundation
import MaillageCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1234.56", Int64(123_456)), ("1234,56", 123_456), ("1 234,56", 123_456),
        ("1\u{00A0}234,56\u{00A0}€", 123_456), ("1\u{202F}234,56 €", 123_456), ("-12,5", -1250),
        ("12", 1200), ("  0,07 ", 7), ("+3", 300), ("-0,5", -50),
    ])
    func parses(text: String, cents: Int64) {
        #expect(Money.parse(text) == Money(cents: cents))
    }

    @Test(arguments: ["", "€", "12,345", "1.234,56", "12,", ",5", "abc", "1e3", "--1", "99999999999999999999"])
    func rejects(text: String) {
        #expect(Money.parse(text) == nil)
    }

    @Test func frenchAndPlainForms() {
        #expect(Money(cents: 123_456).french == "1\u{00A0}234,56\u{00A0}€")
        #expect(Money(cents: 5).french == "0,05\u{00A0}€")
        #expect(Money(cents: -123_456_789).french == "-1\u{00A0}234\u{00A0}567,89\u{00A0}€")
        #expect(Money(cents: 123_456).plain == "1234.56")
        #expect(Money(cents: -1250).plain == "-12.50")
        #expect(Money(cents: Int64.min).plain == "-92233720368547758.08")
    }

    @Test func arithmeticAndOrder() {
        var total = Money(cents: 1050) + Money(cents: 250) - Money(cents: 100)
        total += Money(cents: 1)
        #expect(total == Money(cents: 1201))
        #expect(-total == Money(cents: -1201))
        #expect(Money(cents: -1) < .zero)
    }

    @Test func plainRoundTripsThroughParse() {
        for cents: Int64 in [0, 1, 99, 100, -5, 123_456_789] {
            #expect(Money.parse(Money(cents: cents).plain)?.cents == cents)
            #expect(Money.parse(Money(cents: cents).french)?.cents == cents)
        }
    }

    @Test func roundHalfUpGoesAwayFromZero() {
        #expect(Money.roundHalfUp(numerator: 5, denominator: 2) == 3)
        #expect(Money.roundHalfUp(numerator: -5, denominator: 2) == -3)
        #expect(Money.roundHalfUp(numerator: 5, denominator: -2) == -3)
        #expect(Money.roundHalfUp(numerator: 7, denominator: 3) == 2)
        #expect(Money.roundHalfUp(numerator: 8, denominator: 3) == 3)
        #expect(Money.roundHalfUp(numerator: -8, denominator: 3) == -3)
        #expect(Money.roundHalfUp(numerator: 6, denominator: 3) == 2)
        #expect(Money.roundHalfUp(numerator: Int64.max, denominator: Int64.max) == 1)
        #expect(Money.roundHalfUp(numerator: Int64.max, denominator: 2) == Int64.max / 2 + 1)
    }

    @Test func codableKeepsCents() throws {
        let json = try JSONEncoder().encode(Money(cents: 42))
        #expect(try JSONDecoder().decode(Money.self, from: json) == Money(cents: 42))
    }
}
