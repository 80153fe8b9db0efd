import Testing
@testable import MaillageCore

@Suite("CAP scoring: exact points per axis and overall, median under the k rule")
struct CapScoringTests {
    typealias Q = CapScoring.Question

    /// The worked example, by hand. Scale 0–3 unless said.
    /// Identity: Q1 weight 3 level 2 → 6/9; Q2 weight 2 level 3 → 6/6; Q3 weight 1 « non concerné »
    /// → left out of both; Q4 weight 1 level 0 → 0/3. Identity = 12/18 = 66,666… % → « 66,7 % ».
    /// People: Q5 scale 0–4, weight 2, level 1 → 2/8 = « 25,0 % ».
    /// Environment: Q6 « non concerné » only → nothing scored → « — ».
    /// Overall: (12 + 2) / (18 + 8) = 14/26 = 53,846… % → « 53,8 % » (not the mean of the axes, 45,8 %).
    static let questions = [
        Q(axis: .identity, scaleMax: 3, weight: 3), Q(axis: .identity, scaleMax: 3, weight: 2),
        Q(axis: .identity, scaleMax: 3, weight: 1), Q(axis: .identity, scaleMax: 3, weight: 1),
        Q(axis: .people, scaleMax: 4, weight: 2), Q(axis: .environment, scaleMax: 3, weight: 2),
    ]
    static let answers: [Int?] = [2, 3, nil, 0, 1, nil]

    @Test("worked example: axis scores, overall, « non concerné » left out")
    func workedExample() throws {
        let r = try CapScoring.score(questions: Self.questions, answers: Self.answers)
        #expect(r.axes[.identity] == CapScoring.Score(points: 12, max: 18))
        #expect(r.axes[.identity]!.fraction == Exact(2, 3))
        #expect(r.axes[.identity]!.percentText() == "66,7\u{202F}%")
        #expect(r.axes[.people] == CapScoring.Score(points: 2, max: 8))
        #expect(r.axes[.people]!.percentText() == "25,0\u{202F}%")
        #expect(r.axes[.environment] == CapScoring.Score(points: 0, max: 0))
        #expect(r.axes[.environment]!.fraction == nil)
        #expect(r.axes[.environment]!.percentText() == "—")
        #expect(r.axes[.offer] == CapScoring.Score(points: 0, max: 0))
        #expect(r.overall == CapScoring.Score(points: 14, max: 26))
        #expect(r.overall.percentText() == "53,8\u{202F}%")
    }

    @Test("« non concerné » is not a zero: answering 0 instead lowers the score")
    func notConcernedIsNotZero() throws {
        var zero = Self.answers
        zero[2] = 0
        let r = try CapScoring.score(questions: Self.questions, answers: zero)
        // Q3 now counts 0/3: identity 12/21.
        #expect(r.axes[.identity] == CapScoring.Score(points: 12, max: 21))
        #expect(r.axes[.identity]!.percentText() == "57,1\u{202F}%")
    }

    @Test("percent text: French comma, one rounding half away from zero, U+202F before %")
    func percentText() {
        #expect(CapScoring.Score(points: 1, max: 8).percentText() == "12,5\u{202F}%")
        #expect(CapScoring.Score(points: 1, max: 16).percentText() == "6,3\u{202F}%")
        #expect(CapScoring.Score(points: 3, max: 3).percentText() == "100,0\u{202F}%")
        #expect(CapScoring.Score(points: 0, max: 3).percentText() == "0,0\u{202F}%")
        #expect(CapScoring.Score(points: 2, max: 3).percentText(places: 0) == "67\u{202F}%")
        #expect(!CapScoring.Score(points: 2, max: 3).percentText().contains("."))
    }

    @Test("refusals: a level out of its scale, a bad question, a count mismatch")
    func refusals() {
        #expect(throws: CapScoring.Problem.valueOutOfScale(index: 0)) {
            try CapScoring.score(questions: [Q(axis: .offer, scaleMax: 3, weight: 1)], answers: [4])
        }
        #expect(throws: CapScoring.Problem.valueOutOfScale(index: 0)) {
            try CapScoring.score(questions: [Q(axis: .offer, scaleMax: 3, weight: 1)], answers: [-1])
        }
        #expect(throws: CapScoring.Problem.badQuestion(index: 1)) {
            try CapScoring.score(questions: [Q(axis: .offer, scaleMax: 3, weight: 1), Q(axis: .offer, scaleMax: 3, weight: 0)], answers: [1, 1])
        }
        #expect(throws: CapScoring.Problem.countMismatch) {
            try CapScoring.score(questions: [Q(axis: .offer, scaleMax: 3, weight: 1)], answers: [])
        }
    }

    @Test("median: nil below k, odd and even counts exact, undefined values ignored")
    func median() {
        let four = [Exact(1, 2), Exact(1, 4), Exact(3, 4), Exact(1)]
        #expect(CapScoring.median(four, k: 5) == nil)
        #expect(CapScoring.median(four + [.undefined], k: 5) == nil)
        let five = four + [Exact(0)]
        #expect(CapScoring.median(five, k: 5) == Exact(1, 2))
        // Even: the mean of the two middle values, exact.
        #expect(CapScoring.median(five + [Exact(2, 3)], k: 5) == (Exact(1, 2) + Exact(2, 3)) / Exact(2))
        #expect(CapScoring.median([], k: 0) == nil)
    }
}
