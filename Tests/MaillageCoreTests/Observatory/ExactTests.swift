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
