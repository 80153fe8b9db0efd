/// An amount in euros, held as integer cents so sums are exact (STYLE rule 6).
public struct Money: Hashable, Comparable, Sendable, Codable {
    public var cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    public static let zero = Money(cents: 0)

    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(cents: lhs.cents + rhs.cents)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(cents: lhs.cents - rhs.cents)
    }

    public static prefix func - (value: Money) -> Money {
        Money(cents: -value.cents)
    }

    public static func += (lhs: inout Money, rhs: Money) {
        lhs.cents += rhs.cents
    }

    public static func -= (lhs: inout Money, rhs: Money) {
        lhs.cents -= rhs.cents
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.cents < rhs.cents
    }

    /// numerator / denominator rounded to the nearest integer, halves away from
    /// zero: the single final rounding the statistics rules ask for (SPEC §8).
    public static func roundHalfUp(numerator: Int64, denominator: Int64) -> Int64 {
        precondition(denominator != 0, "division by zero")
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        // Compare |remainder| with |denominator| - |remainder| to avoid overflowing 2 * remainder.
        guard remainder.magnitude >= denominator.magnitude - remainder.magnitude else { return quotient }
        return (numerator < 0) == (denominator < 0) ? quotient + 1 : quotient - 1
    }
}
