import Foundation

/// Statistics of a year (pure; inputs from the app).
public enum LegalFigures {
    /// The median, exact: the mean of the two middle values for an even count; nil for no value.
    public static func median(_ values: [Int]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Decimal(sorted[middle]) }
        return (Decimal(sorted[middle - 1]) + Decimal(sorted[middle])) / 2
    }
}
