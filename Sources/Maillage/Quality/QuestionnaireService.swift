import Fluent
import Foundation
import MaillageCore

/// Writes the CAP questionnaires, one per year. A new year copies the previous questionnaire (or
/// the built-in set, `CapDefaultQuestions`). Once an assessment of the year is transmitted, its
/// scores are frozen and the scoring must stay comparable within the year: axis, scale, weight,
/// additions and removals are refused (edit next year's questionnaire); wording and help still change.
enum QuestionnaireService {
    /// Said next to every refused field of a questionnaire already answered.
    static func lockedMessage(_ year: Int) -> String {
        "Un auto-diagnostic \(year) est déjà transmis : seuls l'intitulé, le code et l'aide peuvent encore changer. "
            + "Modifiez le questionnaire \(year + 1)."
    }

    /// The year « Préparer le questionnaire » offers: this year if it has none, else next year if
    /// it has none; nil when both exist.
    static func nextYear(existing: Set<Int>, current: Int) -> Int? {
        [current, current + 1].first { !existing.contains($0) }
    }

    /// The questions of a questionnaire, in their order.
    static func questions(of id: UUID, on db: any Database) async throws -> [CapQuestion] {
        try await CapQuestion.query(on: db).filter(\.$questionnaire.$id == id).sort(\.$position).sort(\.$code).all()
    }

    /// Whether an assessment answering this questionnaire has been transmitted.
    static func isLocked(_ id: UUID, on db: any Database) async throws -> Bool {
        try await CapAssessment.query(on: db).filter(\.$questionnaire.$id == id)
            .filter(\.$status == CapAssessmentStatus.submitted.rawValue).count() > 0
    }

    /// Prepares the questionnaire of `year` (2000…next year) as a copy of the latest earlier one.
    static func create(year: Int, current: Int, by actor: CurrentUser, on db: any Database) async throws -> Result<CapQuestionnaire, FormRefusal> {
        guard (2000...current + 1).contains(year) else {
            return .failure(.init("year", "L'année doit être comprise entre 2000 et \(current + 1)."))
        }
        do {
            return try await prepare(year: year, by: actor, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Prepared at the same moment by another admin: the unique key refused this one, nothing is written.
            return .failure(.init("year", "Le questionnaire \(year) existe déjà."))
        }
    }

    private static func prepare(year: Int, by actor: CurrentUser, on db: any Database) async throws -> Result<CapQuestionnaire, FormRefusal> {
        try await db.writeTransaction { tx in
            if try await CapQuestionnaire.query(on: tx).filter(\.$year == year).count() > 0 {
                return .failure(.init("year", "Le questionnaire \(year) existe déjà."))
            }
            let previous = try await CapQuestionnaire.query(on: tx).filter(\.$year < year).sort(\.$year, .descending).first()
            let q = CapQuestionnaire(year: year, title: CapDefaultQuestions.title(year), scaleLabels: CapDefaultQuestions.scaleLabels)
            if let previous {
                q.title = previous.title.replacingOccurrences(of: String(previous.year), with: String(year))
                q.scaleLabels = previous.scaleLabels
            }
            try await q.create(on: tx)
            let qid = try q.requireID()
            if let previous {
                for (i, old) in try await questions(of: previous.requireID(), on: tx).enumerated() {
                    try await CapQuestion(questionnaireID: qid, axis: old.axisValue, position: i + 1, code: old.code, text: old.text,
                                          help: old.help, scaleMax: old.scaleMax, weight: old.weight).create(on: tx)
                }
            } else {
                for (i, d) in CapDefaultQuestions.questions.enumerated() {
                    try await CapQuestion(questionnaireID: qid, axis: d.axis, position: i + 1, code: d.code, text: d.text, help: d.help,
                                          scaleMax: d.scaleMax, weight: d.weight).create(on: tx)
                }
            }
            let source = previous.map { "copie du questionnaire \($0.year)" } ?? "questionnaire proposé par défaut"
            try await Audit.record(.create, "cap.questionnaire.create", id: qid.uuidString,
                                   summary: "Questionnaire CAP \(year) préparé (\(source))",
                                   after: snapshot(q, try await questions(of: qid, on: tx)), actor: actor, on: tx)
            return .success(q)
        }
    }

    /// Saves an edit. Rows of another questionnaire are refused; once the year is answered, a
    /// change of axis, scale or weight, an addition or a removal is refused next to its field.
    static func update(year: Int, _ input: QuestionnaireInput, by actor: CurrentUser, on db: any Database) async throws -> Result<CapQuestionnaire, FormRefusal> {
        try await db.writeTransaction { tx in
            guard let q = try await CapQuestionnaire.query(on: tx).filter(\.$year == year).first() else {
                return .failure(.init("title", "Ce questionnaire n'existe plus."))
            }
            let qid = try q.requireID()
            try await RowLock.lock(CapQuestionnaire.schema, qid, on: tx)
            let stored = try await questions(of: qid, on: tx)
            let byID = Dictionary(uniqueKeysWithValues: stored.compactMap { s in s.id.map { ($0, s) } })
            let locked = try await isLocked(qid, on: tx)
            var errors = FieldErrors()
            let message = lockedMessage(year)
            var seen: Set<UUID> = []
            for row in input.rows {
                let f = { (name: String) in QuestionnaireInput.field(row.index, name) }
                // One row per stored question: a forged form naming one twice would delete and save it at once.
                if let id = row.id, !seen.insert(id).inserted {
                    errors.add(f("code"), "Question \(row.index) : cette question figure déjà plus haut dans le formulaire.")
                    continue
                }
                guard let id = row.id else {
                    if locked && !row.remove { errors.add(f("code"), "Question \(row.index) : " + message) }
                    continue
                }
                guard let old = byID[id] else { errors.add(f("code"), "Question \(row.index) : cette question n'est pas celle du questionnaire \(year)."); continue }
                guard locked else { continue }
                if row.remove { errors.add(f("remove"), "Question \(row.index) : " + message); continue }
                if row.axis.rawValue != old.axis { errors.add(f("axis"), "Question \(row.index) : " + message) }
                if row.scaleMax != old.scaleMax { errors.add(f("scale"), "Question \(row.index) : " + message) }
                if row.weight != old.weight { errors.add(f("weight"), "Question \(row.index) : " + message) }
            }
            // A stored question missing from the form would be a silent removal.
            let posted = Set(input.rows.compactMap(\.id))
            if byID.keys.contains(where: { !posted.contains($0) }) {
                errors.add("questions", "Le formulaire ne contient pas toutes les questions : rechargez la page.")
            }
            guard errors.isEmpty else { return .failure(FormRefusal(errors: errors)) }

            let before = snapshot(q, stored)
            q.title = input.title
            q.scaleLabels = input.scaleLabels
            try await q.save(on: tx)
            // Codes are unique per questionnaire: clear the kept ones first so that two questions may swap codes.
            for s in stored { s.code = "~" + (s.id?.uuidString ?? UUID().uuidString); try await s.save(on: tx) }
            var position = 0
            for row in input.rows {
                if row.remove {
                    if let id = row.id, let old = byID[id] {
                        // Only drafts can hold answers here (a transmitted year refuses removals).
                        try await CapAnswer.query(on: tx).filter(\.$question.$id == id).delete()
                        try await old.delete(on: tx)
                    }
                    continue
                }
                position += 1
                let question = row.id.flatMap { byID[$0] } ?? CapQuestion()
                if question.id == nil { question.$questionnaire.id = qid }
                question.axis = row.axis.rawValue
                question.position = position
                question.code = row.code
                question.text = row.text
                question.help = row.help
                question.scaleMax = row.scaleMax
                question.weight = row.weight
                try await question.save(on: tx)
            }
            try await Audit.record(.update, "cap.questionnaire.update", id: qid.uuidString, summary: "Questionnaire CAP \(year) modifié",
                                   before: before, after: snapshot(q, try await questions(of: qid, on: tx)), actor: actor, on: tx)
            return .success(q)
        }
    }

    /// The journal's snapshot: the settings and one line per question (code, axis, scale, weight, wording).
    static func snapshot(_ q: CapQuestionnaire, _ questions: [CapQuestion]) -> [String: String] {
        ["annee": String(q.year), "titre": q.title, "echelle": q.scaleLabels, "nombre_questions": String(questions.count),
         "questions": questions.map { "\($0.code) [\($0.axisValue.shortLabel), 0–\($0.scaleMax), poids \($0.weight)] \($0.text)" }
            .joined(separator: "\n")]
    }
}
