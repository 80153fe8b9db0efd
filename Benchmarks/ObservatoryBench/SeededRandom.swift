/// SplitMix64: a small, fast generator whose sequence depends only on the seed, so the same
/// `--seed` gives the same synthetic history on every machine and every run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent stream for one purpose (a structure, a year), so adding a draw in one
    /// place does not shift every value drawn after it.
    static func stream(_ seed: UInt64, _ parts: Int...) -> SeededRandom {
        var mixer = SeededRandom(seed: seed)
        var s = mixer.next()
        for p in parts {
            mixer = SeededRandom(seed: s ^ UInt64(bitPattern: Int64(p)) &* 0x2545_F491_4F6C_DD1D)
            s = mixer.next()
        }
        return SeededRandom(seed: s)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
}
