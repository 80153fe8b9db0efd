import Foundation
import MaillageCore

/// The self-assessment as typed: for each question `q_<id>` a level "0"…"<scale max>" or "nc"
/// (« Non concerné »), and an optional comment `c_<id>`; `version` (the assessment's, "0" before
/// the first save) and `action` ("save" keeps a draft, "submit" transmits).
struct AssessmentForm: Sendable, Equatable {
    /// An answer kept in a draft before a level is chosen, so that its comment is not lost. Never
    /// in a transmitted assessment (every question answered) nor in a score.
    static let unanswered = -1
    static let commentLimit = 2000

    var choices: [UUID: String] = [:]
    var comments: [UUID: String] = [:]
    var version: Int?
    var action = "save"

    var submitting: Bool { action == "submit" }

    static func field(_ id: UUID) -> String { "q_\(id.uuidString)" }
    static func commentField(_ id: UUID) -> String { "c_\(id.uuidString)" }

    init() {}

    /// The posted values for `questions` (anything else ignored, each value bounded).
    init(values: [String: String], questions: [CapQuestion]) {
        for q in questions {
            guard let id = q.id else { continue }
            if let v = values[Self.field(id)] { choices[id] = String(v.trimmingCharacters(in: .whitespaces).prefix(4)) }
            if let c = values[Self.commentField(id)] { comments[id] = String(c.prefix(Self.commentLimit + 1)) }
        }
        version = values["version"].flatMap { Int($0.trimmingCharacters(in: .whitespaces).prefix(9)) }
        action = values["action"] == "submit" ? "submit" : "save"
    }

    /// The stored answers as the form shows them (a level beyond a scale changed since is left empty).
    init(answers: [CapAnswer], questions: [CapQuestion], version: Int) {
        let scale = Dictionary(uniqueKeysWithValues: questions.compactMap { q in q.id.map { ($0, q.scaleMax) } })
        for a in answers {
            let qid = a.$question.id
            guard let top = scale[qid] else { continue }
            switch a.value {
            case nil: choices[qid] = "nc"
            case let v? where (0...top).contains(v): choices[qid] = String(v)
            default: break
            }
            if !a.comment.isEmpty { comments[qid] = a.comment }
        }
        self.version = version
    }

    /// One question's answer once read: the level (nil: « non concerné »; `unanswered` in a draft) and the comment.
    struct Answer: Sendable, Equatable {
        let questionID: UUID
        let value: Int?
        let comment: String
    }

    /// Each question's answer, or its French problem (every one at once). Saving a draft accepts
    /// questions left unanswered; transmitting requires every one.
    func parse(_ questions: [CapQuestion]) -> Result<[Answer], FormRefusal> {
        var errors = FieldErrors()
        var out: [Answer] = []
        for q in questions {
            guard let id = q.id else { continue }
            let field = Self.field(id)
            let comment = (comments[id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if let refusal = MemberFields.controlRefusal(comment, label: "Le commentaire de la question \(q.code)") {
                errors.add(Self.commentField(id), refusal.message)
            } else if comment.count > Self.commentLimit {
                errors.add(Self.commentField(id), "Question \(q.code) : le commentaire ne peut pas dépasser 2 000 caractères.")
            }
            let raw = choices[id] ?? ""
            let value: Int?
            if raw == "nc" {
                value = nil
            } else if raw.isEmpty {
                if submitting { errors.add(field, "Question \(q.code) : choisissez un niveau ou « Non concerné » avant de transmettre.") }
                value = Self.unanswered
            } else if let v = Int(raw), (0...q.scaleMax).contains(v) {
                value = v
            } else {
                errors.add(field, "Question \(q.code) : le niveau doit être compris entre 0 et \(q.scaleMax).")
                continue
            }
            // A draft keeps an unanswered question only when it has a comment.
            if value == Self.unanswered && comment.isEmpty { continue }
            out.append(Answer(questionID: id, value: value, comment: comment))
        }
        guard errors.isEmpty else { return .failure(FormRefusal(errors: errors)) }
        return .success(out)
    }
}
