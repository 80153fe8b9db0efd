/// The CAP self-assessment's scores, exact. A question at level `v` of a scale 0…`scaleMax` with
/// weight `w` earns `w × v` points out of `w × scaleMax`; a question answered « non concerné »
/// (nil) is left out of both. An axis's score is its points over its maximum points; the overall
/// score is all points over all maximum points (so heavier axes weigh more, as the questionnaire
/// says). Scores stay exact fractions until one final rounding on display.
public enum CapScoring {
    /// One question as scored: its axis, the top of its scale (≥ 1) and its weight (≥ 1).
    public struct Question: Sendable, Hashable {
        public let axis: CapAxis
        public let scaleMax: Int
        public let weight: Int
        public init(axis: CapAxis, scaleMax: Int, weight: Int) {
            self.axis = axis
            self.scaleMax = scaleMax
            self.weight = weight
        }
    }

    /// Points earned over points possible. `max` is 0 when every question was « non concerné ».
    public struct Score: Sendable, Hashable {
        public let points: Int64
        public let max: Int64
        public init(points: Int64, max: Int64) {
            self.points = points
            self.max = max
        }

        /// The score as an exact fraction of 1; nil when there was nothing to score.
        public var fraction: Exact? { max > 0 ? Exact(Int128(points), Int128(max)) : nil }

        /// « 62,5 % », rounded once, half away from zero; « — » when nothing was scored.
        public func percentText(places: Int = 1) -> String {
            guard let f = fraction else { return "—" }
            return Self.percentText(f, places: places)
        }

        /// An exact fraction of 1 as a French percentage, rounded once.
        public static func percentText(_ f: Exact, places: Int = 1) -> String {
            (f * Exact(100)).rounded(places: places).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
        }
    }

    /// What went wrong with an answer sheet (a value outside its scale, a bad scale or weight).
    public enum Problem: Error, Equatable, Sendable {
        case valueOutOfScale(index: Int)
        case badQuestion(index: Int)
        case countMismatch
    }

    /// The scores per axis (every axis present, `max` 0 when it has no scored question) and overall.
    public struct Result: Sendable, Hashable {
        public let axes: [CapAxis: Score]
        public let overall: Score
    }

    /// Scores `answers[i]` (nil: « non concerné ») against `questions[i]`. Scales are 1…10 and
    /// weights 1…100 (checked: the questionnaire form bounds them too), so the sums cannot overflow.
    public static func score(questions: [Question], answers: [Int?]) throws(Problem) -> Result {
        guard questions.count == answers.count else { throw .countMismatch }
        var points: [CapAxis: Int64] = [:], max: [CapAxis: Int64] = [:]
        for (i, q) in questions.enumerated() {
            guard (1...10).contains(q.scaleMax), (1...100).contains(q.weight) else { throw .badQuestion(index: i) }
            guard let v = answers[i] else { continue }
            guard (0...q.scaleMax).contains(v) else { throw .valueOutOfScale(index: i) }
            points[q.axis, default: 0] += Int64(q.weight * v)
            max[q.axis, default: 0] += Int64(q.weight * q.scaleMax)
        }
        var axes: [CapAxis: Score] = [:]
        for axis in CapAxis.allCases { axes[axis] = Score(points: points[axis] ?? 0, max: max[axis] ?? 0) }
        let overall = Score(points: points.values.reduce(0, +), max: max.values.reduce(0, +))
        return Result(axes: axes, overall: overall)
    }

    /// The median of exact scores under the secrecy rule: nil when fewer than `k` structures
    /// gave one (SPEC §8: no figure from fewer than k structures). With an even count, the mean
    /// of the two middle values, exact.
    public static func median(_ values: [Exact], k: Int) -> Exact? {
        let known = values.filter { !$0.isUndefined }
        guard known.count >= max(k, 1) else { return nil }
        let sorted = known.sorted()
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[mid] }
        return (sorted[mid - 1] + sorted[mid]) / Exact(2)
    }
}
