/// Quantiles as Excel's QUARTILE.INC and MEDIAN: linear interpolation between order
/// statistics at position (n − 1) × p. Exact: p is a multiple of 1/4.
public enum Quantile {
    public static func inclusive(_ values: [Exact], quarter: Int) -> Exact? {
        precondition((0...4).contains(quarter))
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = (sorted.count - 1) * quarter          // in quarters
        let lower = position / 4
        let rest = position % 4
        guard rest != 0 else { return sorted[lower] }
        return sorted[lower] + (sorted[lower + 1] - sorted[lower]) * Exact(Int128(rest), 4)
    }

    public static func q1(_ v: [Exact]) -> Exact? { inclusive(v, quarter: 1) }
    public static func median(_ v: [Exact]) -> Exact? { inclusive(v, quarter: 2) }
    public static func q3(_ v: [Exact]) -> Exact? { inclusive(v, quarter: 3) }
}
