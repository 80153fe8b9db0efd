/// Raised when an amount no longer fits in `Money` (Int64 cents): dues arithmetic throws
/// rather than trapping, so a wrong base typed in a form cannot bring the server down.
public enum MoneyError: Error, Equatable {
    case overflow
}

extension Money {
    /// self + o, or `MoneyError.overflow`.
    public func adding(_ o: Money) throws(MoneyError) -> Money {
        let (cents, overflow) = self.cents.addingReportingOverflow(o.cents)
        guard !overflow else { throw .overflow }
        return Money(cents: cents)
    }

    /// self − o, or `MoneyError.overflow`.
    public func subtracting(_ o: Money) throws(MoneyError) -> Money {
        let (cents, overflow) = self.cents.subtractingReportingOverflow(o.cents)
        guard !overflow else { throw .overflow }
        return Money(cents: cents)
    }

    /// The exact sum of `values`, or `MoneyError.overflow` as soon as a partial sum does not fit.
    public static func sum(_ values: some Sequence<Money>) throws(MoneyError) -> Money {
        var total = Money.zero
        for value in values {
            total = try total.adding(value)
        }
        return total
    }

    /// self × factor, or `MoneyError.overflow` (the cap: SMIC hourly rate × hours).
    func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (cents, overflow) = self.cents.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return Money(cents: cents)
    }
}
