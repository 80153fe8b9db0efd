@testable import MaillageCore
import Testing

@Suite struct DuesSplitTests {
    static let reference = Money(cents: 447_407)   // 4 474,07 €

    @Test func standardRuleIs40_50_10WithNationalRounding() {
        let rule = DuesSplitRule.standard
        #expect(rule.isValid)
        #expect((rule.delegation, rule.national, rule.fund) == (4000, 5000, 1000))
        #expect(rule.roundingParty == .national)
    }

    /// 40 % of 4 474,07 = 1 789,628; 50 % = 2 237,035; 10 % = 447,407. The two others are rounded,
    /// the rounding party gets the rest.
    @Test(arguments: [
        (DuesParty.national, Int64(178_963), Int64(223_703), Int64(44_741)),
        (.delegation, 178_962, 223_704, 44_741),
        (.fund, 178_963, 223_704, 44_740),
    ])
    func referenceSplitAddsBack(rounding: DuesParty, delegation: Int64, national: Int64, fund: Int64) throws {
        var rule = DuesSplitRule.standard
        rule.roundingParty = rounding
        let split = rule.split(Self.reference)
        #expect(split == DuesSplit(delegation: Money(cents: delegation), national: Money(cents: national),
                                   fund: Money(cents: fund)))
        #expect(try Money.sum(DuesParty.allCases.map { split[$0] }) == Self.reference)

        let refund = rule.split(-Self.reference)
        #expect(refund == DuesSplit(delegation: Money(cents: -delegation), national: Money(cents: -national),
                                    fund: Money(cents: -fund)))
    }

    @Test func subscriptReadsEachParty() {
        let split = DuesSplit(delegation: Money(cents: 1), national: Money(cents: 2), fund: Money(cents: 3))
        #expect(split[.delegation] == Money(cents: 1))
        #expect(split[.national] == Money(cents: 2))
        #expect(split[.fund] == Money(cents: 3))
    }

    @Test func oneCentGoesToTheRoundingParty() {
        for party in DuesParty.allCases {
            var rule = DuesSplitRule.standard
            rule.roundingParty = party
            // 40 % of 1 c = 0,4 → 0; 10 % → 0; 50 % → 0,5 → 1 when not the rounding party.
            let split = rule.split(Money(cents: 1))
            #expect(split[.delegation].cents + split[.national].cents + split[.fund].cents == 1)
            #expect(split == DuesSplit(delegation: .zero, national: Money(cents: 1), fund: .zero))
        }
    }

    @Test(arguments: [
        DuesSplitRule(delegation: 4000, national: 5000, fund: 999, roundingParty: .national),
        DuesSplitRule(delegation: -1000, national: 10_000, fund: 1001, roundingParty: .fund),
        DuesSplitRule(delegation: 10_001, national: -1, fund: 0, roundingParty: .delegation),
    ])
    func invalidRuleGivesEverythingToTheRoundingParty(rule: DuesSplitRule) {
        #expect(!rule.isValid)
        let split = rule.split(Self.reference)
        #expect(split[rule.roundingParty] == Self.reference)
        #expect(DuesParty.allCases.filter { $0 != rule.roundingParty }.allSatisfy { split[$0] == .zero })
    }

    /// Property: for many amounts (extremes included) and valid rules, the parts add up exactly,
    /// and each non-rounding part is within half a cent of amount × share.
    @Test func partsAlwaysAddUp() throws {
        var random = SplitMix64(seed: 11)
        let extremes: [Int64] = [0, 1, -1, 5, -5, .max, .min, .max - 1, .min + 1, 9_999, -10_001]
        for i in 0..<20_000 {
            let cents: Int64 = i < extremes.count ? extremes[i]
                : i % 3 == 0 ? Int64(bitPattern: random.next())
                : Int64(bitPattern: random.next()) % 100_000_000
            let delegation = Int(random.next() % 10_001)
            let national = Int(random.next() % UInt64(10_001 - delegation))
            let rule = DuesSplitRule(delegation: delegation, national: national, fund: 10_000 - delegation - national,
                                     roundingParty: DuesParty.allCases[Int(random.next() % 3)])
            #expect(rule.isValid)
            let split = rule.split(Money(cents: cents))
            // Summed in 128 bits: the parts add up exactly, not just modulo 2^64.
            let total = Int128(split.delegation.cents) + Int128(split.national.cents) + Int128(split.fund.cents)
            #expect(total == Int128(cents), "\(cents) split by \(rule)")
            for party in DuesParty.allCases where party != rule.roundingParty {
                let exact = Int128(cents) * Int128(rule.share(of: party))      // × 10 000
                let diff = Int128(split[party].cents) * 10_000 - exact
                #expect(diff.magnitude <= 5_000, "\(party) of \(cents)")
            }
        }
    }
}

/// A tiny deterministic generator (SplitMix64), so the property test replays identically.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
