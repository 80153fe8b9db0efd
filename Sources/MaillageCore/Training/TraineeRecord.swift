import Foundation

/// One confirmed registration of a session that took place, as the figures count it
/// (inputs read by the app).
public struct TraineeRecord: Sendable, Equatable {
    public var registrationID: UUID
    public var sessionID: UUID
    public var courseCode: String
    public var theme: String
    /// The delegation where the session took place; nil for national or remote sessions.
    public var delegationCode: String?
    /// The year of the session (its first day).
    public var year: Int
    public var category: TraineeCategory
    public var funding: TrainingFunding
    /// Σ minutes of the half-days marked present (0: absent all along).
    public var attendedMinutes: Int
    /// The rating's 1–5 answers, nil when not rated.
    public var scores: [Int]?

    public init(registrationID: UUID, sessionID: UUID, courseCode: String, theme: String, delegationCode: String? = nil,
                year: Int, category: TraineeCategory, funding: TrainingFunding, attendedMinutes: Int, scores: [Int]? = nil) {
        self.registrationID = registrationID
        self.sessionID = sessionID
        self.courseCode = courseCode
        self.theme = theme
        self.delegationCode = delegationCode
        self.year = year
        self.category = category
        self.funding = funding
        self.attendedMinutes = attendedMinutes
        self.scores = scores
    }

    /// Present at least once: only such trainees count.
    public var attended: Bool { attendedMinutes > 0 }

    /// Rated, with a mean score of at least 4 out of 5 (exact: sum ≥ 4 × count).
    public var satisfied: Bool {
        guard let scores, !scores.isEmpty else { return false }
        return scores.reduce(0, +) >= 4 * scores.count
    }

    /// Answered the satisfaction form (at least one score).
    public var rated: Bool { !(scores ?? []).isEmpty }
}
