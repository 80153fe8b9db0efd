@testable import MaillageCore
import Testing

@Suite struct MoneyCheckedTests {
    @Test func addsAndSubtractsExactly() throws {
        #expect(try Money(cents: 80_000).adding(Money(cents: 367_407)) == Money(cents: 447_407))
        #expect(try Money(cents: 100).subtracting(Money(cents: 250)) == Money(cents: -150))
        #expect(try Money.sum([Money(cents: 1), Money(cents: 2), Money(cents: -4)]) == Money(cents: -1))
        #expect(try Money.sum([Money]()) == .zero)
    }

    @Test func overflowThrowsInsteadOfTrapping() {
        #expect(throws: MoneyError.overflow) { try Money(cents: .max).adding(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(cents: .min).subtracting(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(cents: 0).subtracting(Money(cents: .min)) }
        #expect(throws: MoneyError.overflow) { try Money.sum([Money(cents: .max / 2 + 1), Money(cents: .max / 2 + 1)]) }
        #expect(throws: MoneyError.overflow) { try Money(cents: .max / 3).multiplied(by: 4) }
    }

    @Test func limitsThatFitDoNotThrow() throws {
        #expect(try Money(cents: .max - 1).adding(Money(cents: 1)) == Money(cents: .max))
        #expect(try Money(cents: .min + 1).subtracting(Money(cents: 1)) == Money(cents: .min))
        // A partial sum that would overflow on its own order still throws: sums are checked step by step.
        #expect(try Money.sum([Money(cents: .max), Money(cents: -1), Money(cents: 1)]) == Money(cents: .max))
    }
}
