@testable import MaillageCore

/// SplitMix64: a fixed seed gives the same campaign on every machine and every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but plausible campaigns, lopsided on purpose: small delegations and rare types make
/// cells under k (primary secrecy) next to large ones (secondary suppression), and answers
/// are left partly blank so that every figure's n differs.
struct RandomCampaign {
    var units: [SurveyUnit] = []
    var members: [SurveyMember] = []

    static let delegations: [String?] = ["PDL", "PDL", "PDL", "BRE", "BRE", "NOR", "NOR", "OIN", "GUY", nil]
    static let types = ["AI", "AI", "ACI", "ACI", "EI", "ETTI", "PROXIM", "GES"]

    init(seed: UInt64, structures: Int) {
        var rng = SeededGenerator(seed: seed)
        for s in 0..<structures {
            let delegation = Self.delegations.randomElement(using: &rng)!
            let held = Array(Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.types.randomElement(using: &rng)! })).sorted()
            members.append(SurveyMember(structure: "s\(s)", types: held, delegation: delegation))
            guard Int.random(in: 0..<10, using: &rng) < 8 else { continue }  // some members do not answer
            for type in held {
                var values = SyntheticAnswers.answer(type: type, divisor: 1607, blankChance: 25, using: &rng)
                for key in values.keys where Int.random(in: 0..<12, using: &rng) == 0 { values[key] = nil }
                if Int.random(in: 0..<15, using: &rng) == 0 {
                    for code in IndicatorCatalogue.fundingCodes { values[code] = values[code].map { _ in .zero } }
                }
                units.append(SurveyUnit(structure: "s\(s)", type: type, delegation: delegation, values: values))
            }
        }
    }

    /// Every delegation report worth comparing, including codes absent from the answers
    /// and "-", which stands for answers outside every delegation.
    static func reportCodes(_ units: [SurveyUnit]) -> [String] {
        Set(units.compactMap(\.delegation)).sorted() + ["-", "XYZ"]
    }
}
