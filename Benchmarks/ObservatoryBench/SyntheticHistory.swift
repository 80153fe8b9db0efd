import MaillageCore

/// A member structure of the synthetic federation: its SIRET, department, the types it
/// answers for, and the campaigns (data years) at whose opening it is a member.
struct SyntheticStructure: Sendable {
    let siret: String
    let department: String
    let types: [String]
    /// First data year whose campaign opens while it is a member.
    let joined: Int
    /// First data year whose campaign opens after it left; nil while still a member.
    let left: Int?

    func isMember(in year: Int) -> Bool { joined <= year && (left.map { year < $0 } ?? true) }
}

/// One campaign of the history: the members active at its opening (the response-rate base)
/// and the answers (one unit per structure and type answered).
struct SyntheticCampaign: Sendable {
    let year: Int
    let members: [SurveyMember]
    let units: [SurveyUnit]
    /// Delegation codes of the map in force for the data year.
    let delegations: [String]
    /// Answer checks that raised a warning (hours against ETP); errors abort the generation.
    let warnings: Int
}

/// A deterministic national history: structures spread over the delegations like the
/// federation's (small overseas delegations, a few members outside any delegation), a type
/// mix led by AI, members joining and leaving, about 30 % not answering each year, and some
/// answers left partly blank. Every answer passes `AnswerChecks` without error.
struct SyntheticHistory: Sendable {
    let structures: [SyntheticStructure]
    let campaigns: [SyntheticCampaign]

    /// Yearly hours of one ETP per type (the campaign defaults of SPEC §4).
    static let divisors: [String: Int] = [
        "AI": 1607, "ACI": 1820, "EI": 1505, "ETTI": 1600, "ETT_ESS": 1600, "EITI": 1607,
        "EBE": 1607, "PROXIM": 1607, "OF": 1607, "OTHER": 1607,
    ]

    /// Type combinations with their weight (per thousand); AI alone or with another ≈ 60 %.
    static let typeMix: [(types: [String], weight: Int)] = [
        (["AI"], 450), (["AI", "ACI"], 120), (["AI", "ETTI"], 30), (["AI", "PROXIM"], 20),
        (["ACI"], 100), (["EI"], 70), (["ETTI"], 50), (["EI", "ETTI"], 30), (["PROXIM"], 50),
        (["EBE"], 25), (["ETT_ESS"], 10), (["EITI"], 10), (["OF"], 20), (["OTHER"], 15),
    ]

    /// Delegation weights (per thousand) of the 2025 map; "" is outside every delegation
    /// (Grand Est, Martinique).
    static let delegationMix: [(code: String, weight: Int)] = [
        ("ARA", 112), ("BFC", 60), ("BRE", 60), ("CVL", 50), ("HDF", 100), ("IDF", 120), ("NOR", 70),
        ("NAQ", 110), ("OCC", 100), ("PDL", 80), ("PAC", 80), ("GUA", 10), ("GUY", 7), ("OIN", 16), ("", 5),
    ]

    static func pick<T, R: RandomNumberGenerator>(_ mix: [(T, Int)], using rng: inout R) -> T {
        var draw = Int.random(in: 0..<mix.reduce(0) { $0 + $1.1 }, using: &rng)
        for (item, weight) in mix {
            if draw < weight { return item }
            draw -= weight
        }
        return mix[mix.count - 1].0
    }

    init(structures count: Int, years: ClosedRange<Int>, seed: UInt64) throws(GenerationError) {
        let departmentsByCode = Dictionary(grouping: DelegationMaps.map(forYear: 2025), by: \.code).mapValues { $0[0].departments }
        var structures: [SyntheticStructure] = []
        structures.reserveCapacity(count)
        for i in 0..<count {
            var rng = SeededRandom.stream(seed, 1, i)
            // i ↦ i × 7,368,787 mod 9 × 10⁸ is a bijection (the factor is prime to 9 × 10⁸): SIRENs never collide.
            let siren = String(100_000_000 + (i * 7_368_787) % 900_000_000)
            let nic = String(Int.random(in: 1...99, using: &rng) + 10_000).suffix(4)
            let siret = SIRET.makeValid(siren9: siren, nic4: String(nic)).digits
            let delegation = Self.pick(Self.delegationMix.map { ($0.code, $0.weight) }, using: &rng)
            let departments = departmentsByCode[delegation] ?? ["67", "972"]
            let department = departments[Int.random(in: 0..<departments.count, using: &rng)]
            let types = Self.pick(Self.typeMix.map { ($0.types, $0.weight) }, using: &rng)
            // 70 % are members over the whole history; the others join or leave on the way.
            var joined = years.lowerBound, left: Int? = nil
            let movement = Int.random(in: 0..<100, using: &rng)
            if movement < 15 { joined = Int.random(in: years, using: &rng) }
            if movement >= 15 && movement < 30 { left = Int.random(in: years.lowerBound + 1...years.upperBound + 1, using: &rng) }
            structures.append(SyntheticStructure(siret: siret, department: department, types: types, joined: joined, left: left))
        }
        self.structures = structures
        self.campaigns = try years.map { year throws(GenerationError) in try Self.campaign(year, structures: structures, first: years.lowerBound, seed: seed) }
    }

    private static func campaign(_ year: Int, structures: [SyntheticStructure], first: Int, seed: UInt64) throws(GenerationError) -> SyntheticCampaign {
        var members: [SurveyMember] = []
        var units: [SurveyUnit] = []
        var warnings = 0
        for (index, s) in structures.enumerated() where s.isMember(in: year) {
            let delegation = DelegationMaps.delegation(ofDepartment: s.department, year: year)?.code
            members.append(SurveyMember(structure: s.siret, types: s.types, delegation: delegation))
            var rng = SeededRandom.stream(seed, 2, index, year)
            guard !rng.chance(30) else { continue }
            // A structure with several types now and then answers for its first one only.
            let answered = s.types.count > 1 && rng.chance(10) ? [s.types[0]] : s.types
            for type in answered {
                let divisor = divisors[type] ?? 1607
                var values = SyntheticAnswers.answer(type: type, divisor: divisor, growthPct: 100 + 2 * (year - first),
                                                     using: &rng)
                addCents(&values, using: &rng)
                leaveBlanks(&values, using: &rng)
                for check in AnswerChecks.run(values, divisor: Exact(divisor)) {
                    guard check.severity == .warning else {
                        throw GenerationError(message: "answer \(s.siret) \(type) \(year) fails a check: \(check.message)")
                    }
                    warnings += 1
                }
                units.append(SurveyUnit(structure: s.siret, type: type, delegation: delegation, values: values))
            }
        }
        let delegations = DelegationMaps.map(forYear: year).map(\.code)
        return SyntheticCampaign(year: year, members: members, units: units, delegations: delegations, warnings: warnings)
    }

    /// Money is declared to the cent: some amounts get cents so sums and quantiles are not all whole euros.
    private static func addCents(_ values: inout [String: Exact], using rng: inout SeededRandom) {
        for code in ["turnover_eur", "employer_contributions_eur", "taxes_eur", "local_purchases_eur"] {
            guard let v = values[code], rng.chance(60) else { continue }
            values[code] = v + Exact(Int128(Int.random(in: 1...99, using: &rng)), 100)
        }
    }

    /// One answer in ten leaves one to three questions blank (never a single clientele share,
    /// whose check wants the four together).
    private static func leaveBlanks(_ values: inout [String: Exact], using rng: inout SeededRandom) {
        guard rng.chance(10) else { return }
        let candidates = values.keys.filter { !$0.hasSuffix("_pct") }.sorted()
        guard !candidates.isEmpty else { return }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            values[candidates[Int.random(in: 0..<candidates.count, using: &rng)]] = nil
        }
    }
}

struct GenerationError: Error {
    let message: String
}
