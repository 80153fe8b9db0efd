import Foundation
import MaillageCore

/// The survey as typed: five answers (radio values "1"…"5") and a comment.
struct SurveyForm: Codable, Sendable, Equatable {
    var q1 = "", q2 = "", q3 = "", q4 = "", q5 = "", comment = ""

    static let commentLimit = 2000
    /// The comment's field id (its own: `comment` is the answer form's « Commentaire pour le membre »).
    static let commentField = "survey_comment"

    init(q1: String = "", q2: String = "", q3: String = "", q4: String = "", q5: String = "", comment: String = "") {
        (self.q1, self.q2, self.q3, self.q4, self.q5, self.comment) = (q1, q2, q3, q4, q5, comment)
    }

    init(values: [String: String]) {
        func v(_ k: String) -> String { String((values[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(10)) }
        self.init(q1: v("q1"), q2: v("q2"), q3: v("q3"), q4: v("q4"), q5: v("q5"),
                  comment: String((values[Self.commentField] ?? "").prefix(Self.commentLimit + 1)))
    }

    var raw: [String] { [q1, q2, q3, q4, q5] }

    /// Every answer 1…5 is required; the comment is optional, ≤ 2 000 characters. All problems at once.
    func validate() -> (SurveyAnswers?, FieldErrors) {
        var errors = FieldErrors()
        var scores: [Int] = []
        for (i, text) in raw.enumerated() {
            if text.isEmpty {
                errors.add("q\(i + 1)", "Choisissez une note de 1 à 5.")
            } else if let n = Int(text), (1...5).contains(n) {
                scores.append(n)
            } else {
                errors.add("q\(i + 1)", "La note doit être comprise entre 1 et 5.")
            }
        }
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if let refusal = MemberFields.controlRefusal(comment, label: "Le commentaire") {
            errors.add(Self.commentField, refusal.message)
        } else if comment.count > Self.commentLimit {
            errors.add(Self.commentField, "Le commentaire ne peut pas dépasser 2 000 caractères.")
        }
        guard errors.isEmpty, scores.count == 5 else { return (nil, errors) }
        return (SurveyAnswers(scores: scores, comment: comment), errors)
    }
}

/// The survey's answers once checked: five scores 1…5, a comment of at most 2 000 characters.
struct SurveyAnswers: Sendable, Equatable {
    let scores: [Int]
    let comment: String
}
