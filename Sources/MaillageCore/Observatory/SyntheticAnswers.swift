/// Plausible survey answers for one structure and type, consistent with every answer check
/// (exit categories add up, gender and age bands sum to the persons, clientele shares to 100,
/// hours agree with ETP): the demo federation and the benchmarks draw from it. Orders of
/// magnitude follow the federation's reports (an AI puts 60–400 persons to work for 10–20 %
/// of an ETP each; an ACI few persons, heavily subsidised; an ETTI a large temp-work turnover).
public enum SyntheticAnswers {
    struct Profile {
        let persons: ClosedRange<Int>
        let etpPerPersonPct: ClosedRange<Int>
        let permanents: ClosedRange<Int>
        let turnoverEUR: ClosedRange<Int>
        let fundingEUR: ClosedRange<Int>
    }

    static let profiles: [String: Profile] = [
        "AI": Profile(persons: 60...400, etpPerPersonPct: 10...20, permanents: 3...10, turnoverEUR: 300_000...1_500_000, fundingEUR: 10_000...80_000),
        "ACI": Profile(persons: 15...60, etpPerPersonPct: 45...60, permanents: 4...12, turnoverEUR: 50_000...400_000, fundingEUR: 300_000...1_000_000),
        "EI": Profile(persons: 10...50, etpPerPersonPct: 50...70, permanents: 5...20, turnoverEUR: 500_000...3_000_000, fundingEUR: 50_000...300_000),
        "ETTI": Profile(persons: 100...500, etpPerPersonPct: 12...20, permanents: 3...8, turnoverEUR: 1_000_000...5_000_000, fundingEUR: 30_000...150_000),
        "PROXIM": Profile(persons: 20...120, etpPerPersonPct: 40...60, permanents: 2...8, turnoverEUR: 300_000...2_000_000, fundingEUR: 0...30_000),
    ]
    static let generic = Profile(persons: 10...80, etpPerPersonPct: 20...50, permanents: 2...8, turnoverEUR: 100_000...800_000, fundingEUR: 20_000...200_000)

    /// One answer; `growthPct` scales money (100 = as is), `divisor` is the type's yearly hours
    /// of one ETP, `blankChance` (in %) leaves a theme unanswered now and then.
    public static func answer<R: RandomNumberGenerator>(type: String, divisor: Int, growthPct: Int = 100,
                                                       blankChance: Int = 8, using rng: inout R) -> [String: Exact] {
        let p = profiles[type] ?? generic
        var v: [String: Exact] = [:]
        func draw(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        func pct(_ x: Int, _ r: ClosedRange<Int>) -> Int { x * draw(r) / 100 }
        func cents(_ c: Int) -> Exact { Exact(Int128(c), 100) }
        func blank() -> Bool { draw(0...99) < blankChance }

        let permanents = draw(p.permanents)
        let permanentsETPc = permanents * draw(70...95)            // hundredths of an ETP
        v["permanents_headcount"] = Exact(permanents)
        v["permanents_etp"] = cents(permanentsETPc)
        v["permanents_hours"] = cents(permanentsETPc * divisor * draw(97...103) / 100)

        if type == "PROXIM" {
            let workers = draw(p.persons)
            v["home_workers_headcount"] = Exact(workers)
            v["home_workers_etp"] = cents(workers * draw(p.etpPerPersonPct))
            v["supervision_etp"] = cents(draw(150...800))
        } else {
            let persons = draw(p.persons)
            let etpc = persons * draw(p.etpPerPersonPct)
            v["insertion_persons"] = Exact(persons)
            v["insertion_new_persons"] = Exact(pct(persons, 40...70))
            v["insertion_etp"] = cents(etpc)
            v["insertion_hours"] = cents(etpc * divisor * draw(97...103) / 100)
            let exits = pct(persons, 30...50)
            let sustainable = pct(exits, 20...35), transition = pct(exits, 15...25), positive = pct(exits, 10...20)
            v["exits_total"] = Exact(exits)
            v["exits_sustainable"] = Exact(sustainable)
            v["exits_transition"] = Exact(transition)
            v["exits_positive"] = Exact(positive)
            v["exits_other"] = Exact(exits - sustainable - transition - positive)
            if !blank() {
                let women = pct(persons, 30...60), young = pct(persons, 15...30), senior = pct(persons, 15...30)
                v["persons_women"] = Exact(women)
                v["persons_men"] = Exact(persons - women)
                v["age_under_26"] = Exact(young)
                v["age_50_plus"] = Exact(senior)
                v["age_26_49"] = Exact(persons - young - senior)
                v["rsa_recipients"] = Exact(pct(persons, 20...45))
                v["long_term_jobseekers"] = Exact(pct(persons, 30...60))
                v["below_bac"] = Exact(pct(persons, 50...80))
            }
        }

        let turnover = draw(p.turnoverEUR) * growthPct / 100
        let funding = draw(p.fundingEUR) * growthPct / 100
        // Shares whose maximum adds up to 96 %: "other funders" is never negative.
        let state = pct(funding, 45...60), department = pct(funding, 10...20), region = pct(funding, 0...6)
        let municipal = pct(funding, 0...5), esf = pct(funding, 0...5)
        let salaries = pct(turnover + funding, 60...80)
        let charges = pct(turnover + funding, 95...102)
        v["turnover_eur"] = Exact(turnover)
        v["funding_state_eur"] = Exact(state)
        v["funding_department_eur"] = Exact(department)
        v["funding_region_eur"] = Exact(region)
        v["funding_municipal_eur"] = Exact(municipal)
        v["funding_esf_eur"] = Exact(esf)
        v["funding_other_eur"] = Exact(funding - state - department - region - municipal - esf)
        v["salaries_total_eur"] = Exact(salaries)
        v["employer_contributions_eur"] = Exact(pct(salaries, 15...25))
        v["taxes_eur"] = Exact(pct(turnover, 1...4))
        v["charges_total_eur"] = Exact(charges)
        if !blank() { v["local_purchases_eur"] = Exact(pct(charges, 5...15)) }
        if type != "PROXIM" { v["salaries_insertion_eur"] = Exact(pct(salaries, 60...85)) }

        if !blank() {
            // Shares in tenths of a percent, summing to exactly 100.0.
            let individuals = type == "AI" || type == "PROXIM" ? draw(200...500) : draw(0...100)
            let publicShare = draw(50...250), nonprofit = draw(50...200)
            v["clientele_individuals_pct"] = Exact(Int128(individuals), 10)
            v["clientele_public_pct"] = Exact(Int128(publicShare), 10)
            v["clientele_nonprofit_pct"] = Exact(Int128(nonprofit), 10)
            v["clientele_private_pct"] = Exact(Int128(1000 - individuals - publicShare - nonprofit), 10)
        }
        return v.filter { IndicatorCatalogue.byCode[$0.key]?.applies(to: type) ?? false }
    }
}
