import Fluent
import Foundation
import MaillageCore

/// Why saving a self-assessment was refused; the controller shows it with the form (422/409).
enum AssessmentRefusal: Error, Sendable {
    case form(FieldErrors)
    /// The form's version is not the assessment's any more: saved meanwhile elsewhere.
    case stale
    /// Transmitted: read-only.
    case submitted

    var message: String {
        switch self {
        case .form: "Le formulaire contient des erreurs."
        case .stale: "Cet auto-diagnostic a été enregistré entre-temps (une autre fenêtre, une autre personne) : "
            + "vos changements ne sont pas enregistrés. Voici l'auto-diagnostic tel qu'il est."
        case .submitted: "Cet auto-diagnostic est transmis : il n'est plus modifiable."
        }
    }
}

/// Writes a structure's self-assessment for a year, in one transaction: the assessment row
/// locked and re-read, its version checked, its answers replaced, and on transmission its scores
/// computed by `CapScoring` and stored (`CapScore`, per axis and overall), so that a later edit of
/// any questionnaire never changes them; the journal entry (`cap.assessment.save` / `.submit`).
enum AssessmentService {
    struct Subject: Sendable {
        let structure: Structure
        let questionnaire: CapQuestionnaire
        let questions: [CapQuestion]
        var year: Int { questionnaire.year }
    }

    static func save(_ subject: Subject, answers: [AssessmentForm.Answer], version: Int?, submit: Bool, by actor: CurrentUser,
                     now: Date, on db: any Database) async throws -> Result<CapAssessment, AssessmentRefusal> {
        let sid = try subject.structure.requireID(), qid = try subject.questionnaire.requireID()
        let existingID = try await find(structure: sid, year: subject.year, on: db)?.id
        return try await db.writeTransaction { tx in
            // The structure's row first: two first saves of the year would otherwise both insert (unique key, a 500).
            try await RowLock.lock(Structure.schema, sid, on: tx)
            if let existingID { try await RowLock.lock(CapAssessment.schema, existingID, on: tx) }
            let existing = try await find(structure: sid, year: subject.year, on: tx)
            // "0" (or nothing) is the form of an assessment not yet begun.
            guard (version ?? 0) == (existing?.version ?? 0) else { return .failure(.stale) }
            if existing?.statusValue == .submitted { return .failure(.submitted) }
            var scores: CapScoring.Result? = nil
            if submit {
                let byQuestion = Dictionary(answers.map { ($0.questionID, $0.value) }, uniquingKeysWith: { a, _ in a })
                let values = subject.questions.map { q in byQuestion[q.id!] ?? AssessmentForm.unanswered }
                var errors = FieldErrors()
                for (q, v) in zip(subject.questions, values) where v == AssessmentForm.unanswered {
                    errors.add(AssessmentForm.field(q.id!), "Question \(q.code) : choisissez un niveau ou « Non concerné » avant de transmettre.")
                }
                guard errors.isEmpty else { return .failure(.form(errors)) }
                do throws(CapScoring.Problem) {
                    scores = try CapScoring.score(questions: subject.questions.map { .init(axis: $0.axisValue, scaleMax: $0.scaleMax, weight: $0.weight) },
                                                  answers: values)
                } catch {
                    return .failure(.form(problem(error, subject.questions)))
                }
            }
            let assessment = existing ?? CapAssessment(structureID: sid, year: subject.year, questionnaireID: qid)
            let before = existing.map { snapshot($0, answered: 0, scores: nil) }
            if existing == nil { assessment.version = 0 }
            assessment.version += 1
            if submit {
                assessment.status = CapAssessmentStatus.submitted.rawValue
                assessment.submittedAt = now
                assessment.$submittedBy.id = actor.id
            }
            try await assessment.save(on: tx)
            let aid = try assessment.requireID()
            try await CapAnswer.query(on: tx).filter(\.$assessment.$id == aid).delete()
            for a in answers { try await CapAnswer(assessmentID: aid, questionID: a.questionID, value: a.value, comment: a.comment).create(on: tx) }
            if let scores {
                try await CapScore.query(on: tx).filter(\.$assessment.$id == aid).delete()
                for axis in CapAxis.allCases {
                    let s = scores.axes[axis]!
                    try await CapScore(assessmentID: aid, axis: axis.rawValue, points: s.points, maxPoints: s.max).create(on: tx)
                }
                try await CapScore(assessmentID: aid, axis: CapScore.overall, points: scores.overall.points, maxPoints: scores.overall.max).create(on: tx)
            }
            let answered = answers.filter { $0.value != AssessmentForm.unanswered }.count
            let label = "\(subject.structure.name) (\(subject.year))"
            try await Audit.record(existing == nil ? .create : .update, submit ? "cap.assessment.submit" : "cap.assessment.save", id: aid.uuidString,
                                   summary: submit ? "Auto-diagnostic CAP transmis : \(label)" : "Brouillon d'auto-diagnostic CAP enregistré : \(label)",
                                   before: before, after: snapshot(assessment, answered: answered, scores: scores), actor: actor, on: tx)
            return .success(assessment)
        }
    }

    static func find(structure: UUID, year: Int, on db: any Database) async throws -> CapAssessment? {
        try await CapAssessment.query(on: db).filter(\.$structure.$id == structure).filter(\.$year == year).first()
    }

    /// A question the scoring refused (a scale or weight out of bounds in the stored questionnaire).
    private static func problem(_ p: CapScoring.Problem, _ questions: [CapQuestion]) -> FieldErrors {
        var errors = FieldErrors()
        switch p {
        case .valueOutOfScale(let i), .badQuestion(let i):
            errors.add(AssessmentForm.field(questions[i].id!), "Question \(questions[i].code) : la réponse ne correspond pas à l'échelle de la question.")
        case .countMismatch:
            errors.add("assessment", "Le questionnaire a changé : rechargez la page.")
        }
        return errors
    }

    /// The journal's snapshot: structure, year, state, how many answers and, once transmitted, the scores.
    static func snapshot(_ a: CapAssessment, answered: Int, scores: CapScoring.Result?) -> [String: String] {
        var out = ["structure": a.$structure.id.uuidString, "annee": String(a.year), "statut": a.status, "version": String(a.version)]
        if answered > 0 { out["reponses"] = String(answered) }
        if let scores {
            for axis in CapAxis.allCases { out["score_" + axis.rawValue] = scores.axes[axis]!.percentText() }
            out["score_global"] = scores.overall.percentText()
        }
        return out
    }
}
