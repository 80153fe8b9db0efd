import Testing
@testable import MaillageCore

@Suite struct ExactTests {
    @Test func parsesAndRounds() {
        #expect(Exact(decimal: "1 234,56")! == Exact(123456, 100))
        #expect(Exact(decimal: "478.03")!.rounded(places: 2) == "478.03")
        #expect(Exact(decimal: "abc") == nil)
        #expect(Exact(decimal: "1.2.3") == nil)
        #expect(Exact(5, 2).rounded(places: 0) == "3")
        #expect(Exact(-5, 2).rounded(places: 0) == "-3")
        #expect(Exact(1, 3).rounded(places: 2) == "0.33")
        #expect(Exact(-1, 1000).rounded(places: 2) == "0.00")
    }

    @Test func basseNormandie2011Return() {
        let funding = Exact(decimal: "1080000.00")!, contributions = Exact(decimal: "2160000.00")!
        let taxes = Exact(decimal: "604800.00")!, etp = Exact(decimal: "478.03")!, cost = Exact(decimal: "18300.00")!
        let c = contributions / funding, t = taxes / funding, a = etp * cost / funding
        #expect(c.rounded(places: 2) == "2.00")
        #expect(t.rounded(places: 2) == "0.56")
        #expect(a.rounded(places: 2) == "8.10")
        #expect((c + t + a).rounded(places: 2) == "10.66")
        #expect((c + t + a - Exact(1)).rounded(places: 2) == "9.66")
        let exits = Exact(1309)
        #expect((Exact(864) / exits * Exact(100)).rounded(places: 1) == "66.0")
        #expect((Exact(409) / exits * Exact(100)).rounded(places: 1) == "31.2")
        #expect((Exact(258) / exits * Exact(100)).rounded(places: 1) == "19.7")
        #expect((Exact(197) / exits * Exact(100)).rounded(places: 1) == "15.0")
    }

    /// Expected values computed with Excel's QUARTILE.INC.
    @Test(arguments: [
        ([1, 2, 3, 4], ["1.75", "2.50", "3.25"]),
        ([1, 2, 3, 4, 5], ["2.00", "3.00", "4.00"]),
        ([7], ["7.00", "7.00", "7.00"]),
        ([3, 3, 3, 9], ["3.00", "3.00", "4.50"]),
        ([10, 1, 7, 3, 3, 8], ["3.00", "5.00", "7.75"]),
    ])
    func quartiles(_ values: [Int], _ expected: [String]) {
        let v = values.map { Exact($0) }
        #expect([Quantile.q1(v)!, Quantile.median(v)!, Quantile.q3(v)!].map { $0.rounded(places: 2) } == expected)
    }
}

@Suite struct ExactFastPathTests {
    /// The byte-level reader of stored decimals agrees with the general parser on whatever it
    /// accepts, and leaves the rest to it.
    @Test func plainDecimalsMatchTheGeneralParser() {
        var rng = SeededGenerator(seed: 3)
        let alphabet = Array("0123456789-+.,  5\u{00A0}x")
        var accepted = 0
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...22, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            if let plain = Exact.plain(text) {
                #expect(plain == Exact.general(text), "\(text)")
                accepted += 1
            }
            #expect(Exact(decimal: text) == Exact.general(text), "\(text)")
        }
        for text in ["0", "-0", "5.", ".5", "+12,50", "123456789012345678", "1234567890123456789", "0.000000000001", "1.2.3", "-", ""] {
            #expect(Exact(decimal: text) == Exact.general(text), "\(text)")
        }
        #expect(accepted > 1000)
    }

    /// Rounding (now shared with the figures) prints what the first `Exact.rounded` printed.
    @Test func roundingMatchesTheFirstImplementation() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<5000 {
            let x = Exact(Int128(Int64.random(in: -2_000_000...2_000_000, using: &rng)), Int128(Int64.random(in: -4000...4000, using: &rng) | 1))
            let places = Int.random(in: 0...3, using: &rng)
            #expect(x.rounded(places: places) == Self.firstRounded(x, places: places))
        }
    }

    static func firstRounded(_ x: Exact, places: Int) -> String {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = x.numerator.magnitude * UInt128(scale)
        let d = x.denominator.magnitude
        var q = scaled / d
        if (scaled % d) * 2 >= d { q += 1 }
        let digits = String(q)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let sign = x.numerator < 0 && q != 0 ? "-" : ""
        guard places > 0 else { return sign + padded }
        return sign + padded.dropLast(places) + "." + padded.suffix(places)
    }
}
