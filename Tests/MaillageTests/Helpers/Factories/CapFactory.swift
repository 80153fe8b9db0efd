import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// CAP self-assessment records for app tests, written straight to the database with defaults, so
/// that a test states only what matters. Steps under test go through the CAP services.
enum CapFactory {
    /// One question as a test writes it: axis, code, scale top, weight.
    struct Spec: Sendable {
        let axis: CapAxis
        let code: String
        let scaleMax: Int
        let weight: Int
        init(_ axis: CapAxis, _ code: String, scale: Int = 3, weight: Int = 1) {
            (self.axis, self.code, self.scaleMax, self.weight) = (axis, code, scale, weight)
        }
    }

    /// One question per axis, scale 0–3, weight 1 (codes ID-1, RH-1, ENV-1, OFF-1, AME-1).
    static let fivePerAxis: [Spec] = [Spec(.identity, "ID-1"), Spec(.people, "RH-1"), Spec(.environment, "ENV-1"),
                                      Spec(.offer, "OFF-1"), Spec(.improvement, "AME-1")]

    /// The questionnaire of `year` with `questions` (default: the built-in set).
    @discardableResult
    static func makeQuestionnaire(on db: any Database, year: Int, questions: [Spec]? = nil,
                                  scaleLabels: String = CapDefaultQuestions.scaleLabels) async throws -> (CapQuestionnaire, [CapQuestion]) {
        let q = CapQuestionnaire(year: year, title: CapDefaultQuestions.title(year), scaleLabels: scaleLabels)
        try await q.create(on: db)
        let specs = questions ?? CapDefaultQuestions.questions.map { Spec($0.axis, $0.code, scale: $0.scaleMax, weight: $0.weight) }
        var out: [CapQuestion] = []
        for (i, s) in specs.enumerated() {
            let question = CapQuestion(questionnaireID: try q.requireID(), axis: s.axis, position: i + 1, code: s.code,
                                       text: "Question \(s.code) de l'axe \(s.axis.shortLabel).", scaleMax: s.scaleMax, weight: s.weight)
            try await question.create(on: db)
            out.append(question)
        }
        return (q, out)
    }

    /// An assessment of `structure` answering `questions` with `values` (nil: « non concerné »).
    /// Transmitted (`submitted: true`), its scores are computed by `CapScoring` and stored, as the service does.
    @discardableResult
    static func makeAssessment(on db: any Database, structure: Structure, questionnaire: CapQuestionnaire, questions: [CapQuestion],
                               values: [Int?], submitted: Bool = true) async throws -> CapAssessment {
        let a = CapAssessment(structureID: try structure.requireID(), year: questionnaire.year, questionnaireID: try questionnaire.requireID())
        if submitted {
            a.status = CapAssessmentStatus.submitted.rawValue
            a.submittedAt = Date(timeIntervalSince1970: 1_700_000_000)
        }
        try await a.create(on: db)
        let aid = try a.requireID()
        for (q, v) in zip(questions, values) { try await CapAnswer(assessmentID: aid, questionID: try q.requireID(), value: v).create(on: db) }
        if submitted {
            let r = try CapScoring.score(questions: questions.map { .init(axis: $0.axisValue, scaleMax: $0.scaleMax, weight: $0.weight) },
                                         answers: Array(values.prefix(questions.count)))
            for axis in CapAxis.allCases {
                try await CapScore(assessmentID: aid, axis: axis.rawValue, points: r.axes[axis]!.points, maxPoints: r.axes[axis]!.max).create(on: db)
            }
            try await CapScore(assessmentID: aid, axis: CapScore.overall, points: r.overall.points, maxPoints: r.overall.max).create(on: db)
        }
        return a
    }

    @discardableResult
    static func makeAction(on db: any Database, structure: Structure, axis: CapAxis = .environment, title: String = "Trier les déchets de l'atelier",
                           owner: String = "Responsable technique", due: Day? = nil, status: CapActionStatus = .planned,
                           createdYear: Int, doneOn: Day? = nil) async throws -> CapAction {
        let a = CapAction(structureID: try structure.requireID(), axis: axis, title: title, owner: owner, dueOn: due, createdYear: createdYear)
        a.status = status.rawValue
        a.doneOn = doneOn?.iso
        try await a.create(on: db)
        return a
    }

    /// A member structure of `type` (its own SIREN from `n`), to fill a network for medians.
    static func makeStructure(on db: any Database, n: Int, type: StructureType, department: String = "44") async throws -> Structure {
        try await MembersFactory.makeStructure(on: db, name: "Structure CAP \(n)", siren: String(200_000_000 + n), types: [type],
                                               department: department, commune: "Nantes")
    }
}

// Test helpers of the CAP tests: a fixed « today » and the forms as a browser posts them.
extension CapFactory {
    /// 15 June 2026, 10:00 UTC: the CAP tests' « today » (current year 2026).
    static let today = ISO8601DateFormatter().date(from: "2026-06-15T10:00:00Z")!

    /// `text` as a page shows it (Leaf escapes the apostrophe).
    static func html(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "&#39;") }

    /// Fixes the application's clock (before its first request).
    static func fixClock(_ app: Application, at date: Date = today) {
        app.services = AppServices(config: app.config, clock: FixedClock(date))
    }

    /// The assessment form: each question's level ("0"…, "nc"; nil: left empty), a version, an action.
    static func assessmentForm(_ questions: [CapQuestion], _ values: [String?], version: Int = 0, action: String = "save",
                               comments: [String: String] = [:]) -> [(String, String)] {
        var form: [(String, String)] = []
        for (q, v) in zip(questions, values) {
            if let v { form.append((AssessmentForm.field(q.id!), v)) }
            if let c = comments[q.code] { form.append((AssessmentForm.commentField(q.id!), c)) }
        }
        form.append(("version", String(version)))
        form.append(("action", action))
        return form
    }

    /// The questionnaire editor's form for stored questions, each changed by `change` (by code).
    static func questionnaireForm(_ q: CapQuestionnaire, _ questions: [CapQuestion],
                                  change: [String: [String: String]] = [:], extra: [(String, String)] = []) -> [(String, String)] {
        var values = QuestionnaireInput.values(of: q, questions: questions)
        for (i, question) in questions.enumerated() {
            for (name, value) in change[question.code] ?? [:] { values[QuestionnaireInput.field(i + 1, name)] = value }
        }
        for (key, value) in extra { values[key] = value }
        return values.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
    }
}
