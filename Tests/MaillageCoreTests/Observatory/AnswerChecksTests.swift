import Testing
@testable import MaillageCore

@Suite struct AnswerChecksTests {
    func values(_ d: [String: Int]) -> [String: Exact] { d.mapValues { Exact($0) } }

    @Test func consistentAnswerPasses() {
        let v = values(["insertion_persons": 10, "persons_women": 4, "persons_men": 6, "age_under_26": 2, "age_26_49": 5, "age_50_plus": 3,
                        "exits_total": 5, "exits_sustainable": 2, "exits_transition": 1, "exits_positive": 1, "exits_other": 1,
                        "rsa_recipients": 3, "clientele_private_pct": 50, "clientele_individuals_pct": 50,
                        "insertion_hours": 16070, "insertion_etp": 10])
        #expect(AnswerChecks.run(v, divisor: Exact(1607)).isEmpty)
    }

    @Test func everyProblemAtOnce() {
        var v = values(["insertion_persons": 10, "persons_women": 4, "persons_men": 5, "exits_total": 6, "exits_sustainable": 2,
                        "exits_transition": 1, "exits_positive": 1, "exits_other": 1, "below_bac": 11, "turnover_eur": -1,
                        "insertion_hours": 10000, "insertion_etp": 10])
        v["clientele_private_pct"] = Exact(decimal: "60,6")!
        v["clientele_public_pct"] = Exact(40)
        let checks = AnswerChecks.run(v, divisor: Exact(1607))
        #expect(checks.filter { $0.severity == .error }.count == 5)
        #expect(checks.contains { $0.fields == ["turnover_eur"] })
        #expect(checks.contains { $0.fields.contains("exits_total") })
        #expect(checks.contains { $0.fields == ["persons_women", "persons_men"] })
        #expect(checks.contains { $0.fields == ["below_bac"] })
        #expect(checks.contains { $0.message.contains("100,6 %") })
        #expect(checks.contains { $0.severity == .warning && $0.fields == ["insertion_hours", "insertion_etp"] })
    }

    @Test func sharesWithinHalfAPointPass() {
        let v: [String: Exact] = ["clientele_private_pct": Exact(decimal: "33,3")!, "clientele_public_pct": Exact(decimal: "33,3")!,
                                  "clientele_individuals_pct": Exact(decimal: "33,3")!]
        #expect(AnswerChecks.run(v, divisor: nil).isEmpty)
    }
}
