import Testing
@testable import MaillageCore

@Suite struct OrderStatisticsTests {
    /// Selection gives QUARTILE.INC exactly, on every size and with many equal values.
    @Test func selectionMatchesSortedQuantiles() {
        var rng = SeededGenerator(seed: 42)
        for n in Array(1...40) + [99, 100, 257, 1000] {
            for spread: Int64 in [3, 1_000_000] {
                var values = (0..<n).map { _ in Int64.random(in: -spread...spread, using: &rng) }
                let exact = values.map { Exact(Int128($0), 100) }
                let q = values.withUnsafeMutableBufferPointer { OrderStatistics.quartiles($0.baseAddress!, count: n) }
                #expect(Exact(q.0, 400) == Quantile.q1(exact)!, "n = \(n)")
                #expect(Exact(q.1, 400) == Quantile.median(exact)!, "n = \(n)")
                #expect(Exact(q.2, 400) == Quantile.q3(exact)!, "n = \(n)")
            }
        }
    }

    @Test func selectPlacesTheRanks() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var values = (0..<Int.random(in: 1...300, using: &rng)).map { _ in Int.random(in: 0...20, using: &rng) }
            var ranks = Array(Set((0..<Int.random(in: 1...6, using: &rng)).map { _ in Int.random(in: 0..<values.count, using: &rng) })).sorted()
            let sorted = values.sorted()
            values.withUnsafeMutableBufferPointer { v in
                ranks.withUnsafeMutableBufferPointer { OrderStatistics.select(v.baseAddress!, ranks: $0.baseAddress!, $0.count, from: 0, to: v.count, budget: 64) }
            }
            for k in ranks {
                #expect(values[k] == sorted[k])
                #expect(values[..<k].allSatisfy { $0 <= values[k] } && values[(k + 1)...].allSatisfy { $0 >= values[k] })
            }
            #expect(values.sorted() == sorted)
        }
    }

    /// The unreduced rounding prints what the first `Exact.rounded` printed on reduced fractions.
    @Test func roundingMatchesExact() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<5000 {
            let num = Int128(Int64.random(in: -2_000_000...2_000_000, using: &rng)), den = Int128(Int64.random(in: 1...4000, using: &rng))
            let factor = Int128(Int64.random(in: 1...1000, using: &rng)), places = Int.random(in: 0...3, using: &rng)
            #expect(Rounding.decimal(num * factor, over: den * factor, places: places) == ExactFastPathTests.firstRounded(Exact(num, den), places: places))
            #expect(Rounding.decimal(num, over: -den, places: places) == ExactFastPathTests.firstRounded(Exact(num, -den), places: places))
        }
        #expect(Rounding.decimal(5, over: 2, places: 0) == "3")
        #expect(Rounding.decimal(-1, over: 1000, places: 2) == "0.00")
        // Past 128 bits unreduced, it reduces first.
        let big: Int128 = 10_000_000_000_000_000_000_000_000_000_000_000_000
        #expect(Rounding.decimal(3 * big, over: 2 * big, places: 2) == "1.50")
    }
}
