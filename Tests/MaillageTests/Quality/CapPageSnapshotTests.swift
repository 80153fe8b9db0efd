import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The CAP pages from page models built by hand (no database): the questionnaires list, the
/// editor (open, and frozen with a refusal), the assessment form (with errors) and read-only, the
/// results with and without the network's median, the action plan.
@Suite("CAP page snapshots", .snapshots(record: PageRenderer.record))
struct CapPageSnapshotTests {
    typealias D = SnapshotData

    static func questionnaire(year: Int = 2026) -> CapQuestionnaire {
        let q = CapQuestionnaire(year: year, title: "Auto-diagnostic CAP RSE \(year)", scaleLabels: CapDefaultQuestions.scaleLabels)
        q.id = D.uuid(300)
        return q
    }

    static func questions() -> [CapQuestion] {
        let specs: [(CapAxis, String, String, String, Int, Int)] = [
            (.identity, "ID-1", "Le projet social et la démarche RSE sont écrits et partagés avec l'équipe.", "Un document daté suffit.", 3, 3),
            (.identity, "ID-2", "La gouvernance associe les salariés aux décisions.", "", 3, 2),
            (.people, "RH-1", "Chaque personne en parcours a un accompagnement formalisé.", "", 4, 2),
            (.environment, "ENV-1", "Les déchets sont triés, réduits et valorisés.", "", 3, 1),
        ]
        return specs.enumerated().map { i, s in
            let q = CapQuestion(questionnaireID: D.uuid(300), axis: s.0, position: i + 1, code: s.1, text: s.2, help: s.3, scaleMax: s.4, weight: s.5)
            q.id = D.uuid(310 + i)
            return q
        }
    }

    @Test("questionnaires list, with the button preparing next year")
    func list() async throws {
        let page = QuestionnairesPage(
            homeHref: "/qualite",
            lines: [.init(year: 2026, title: "Auto-diagnostic CAP RSE 2026", questions: "20 questions", submitted: "0 auto-diagnostic transmis",
                          locked: false, href: "/qualite/cap/questionnaires/2026"),
                    .init(year: 2025, title: "Auto-diagnostic CAP RSE 2025", questions: "20 questions", submitted: "12 auto-diagnostics transmis",
                          locked: true, href: "/qualite/cap/questionnaires/2025")],
            prepareYear: 2027, prepareSource: "Copie du questionnaire 2026", createHref: "/qualite/cap/questionnaires", errors: FieldErrors())
        let html = try await PageRenderer.render("quality/questionnaires", title: "Questionnaires CAP", page, user: D.admin)
        assertSnapshot(of: html, as: .lines, named: "admin")
    }

    @Test("questionnaire editor: open with an error, frozen with a refusal")
    func editor() async throws {
        let q = Self.questionnaire(), qs = Self.questions()
        var values = QuestionnaireInput.values(of: q, questions: qs)
        values["q2_weight"] = "0"
        var errors = FieldErrors()
        errors.add("q2_weight", "Question 2 : le poids est un entier de 1 à 100.")
        let open = QuestionnairePage.make(year: 2026, listHref: "/qualite/cap/questionnaires", action: "/qualite/cap/questionnaires/2026",
                                          form: values, locked: false, errors: errors)
        let html = try await PageRenderer.render("quality/questionnaire", title: open.heading, open, user: D.admin)
        assertSnapshot(of: html, as: .lines, named: "open-errors")

        var frozen = FieldErrors()
        frozen.add("q1_scale", "Question 1 : " + QuestionnaireService.lockedMessage(2026))
        var changed = QuestionnaireInput.values(of: q, questions: qs)
        changed["q1_scale"] = "5"
        let locked = QuestionnairePage.make(year: 2026, listHref: "/qualite/cap/questionnaires", action: "/qualite/cap/questionnaires/2026",
                                            form: changed, locked: true, errors: frozen)
        let html2 = try await PageRenderer.render("quality/questionnaire", title: locked.heading, locked, user: D.admin)
        assertSnapshot(of: html2, as: .lines, named: "locked")
    }

    static func context(assessment: CapAssessment?, canFill: Bool) -> AssessmentPage.Context {
        AssessmentPage.Context(
            structureName: "Relais Emploi Nantes", year: 2026, questionnaire: questionnaire(), questions: questions(), assessment: assessment,
            canFill: canFill, saveHref: "/qualite/structures/\(D.uuid(1))/cap/2026", qualityHref: "/qualite/structures/\(D.uuid(1))",
            resultsHref: "/qualite/structures/\(D.uuid(1))/cap/2026/resultats", actionPlanHref: "/qualite/structures/\(D.uuid(1))/plan-actions")
    }

    @Test("assessment: a draft refused at transmission, and transmitted (read-only)")
    func assessment() async throws {
        let qs = Self.questions()
        let draft = CapAssessment(structureID: D.uuid(1), year: 2026, questionnaireID: D.uuid(300))
        draft.id = D.uuid(320)
        var form = AssessmentForm()
        form.choices = [qs[0].id!: "2", qs[3].id!: "nc"]
        form.comments = [qs[0].id!: "Projet écrit en 2024, à mettre à jour."]
        form.version = 1
        form.action = "submit"
        var errors = FieldErrors()
        errors.add(AssessmentForm.field(qs[1].id!), "Question ID-2 : choisissez un niveau ou « Non concerné » avant de transmettre.")
        errors.add(AssessmentForm.field(qs[2].id!), "Question RH-1 : choisissez un niveau ou « Non concerné » avant de transmettre.")
        let page = AssessmentPage.make(Self.context(assessment: draft, canFill: true), form: form, errors: errors)
        let html = try await PageRenderer.render("quality/assessment", title: page.heading, page, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "draft-errors")

        let sent = CapAssessment(structureID: D.uuid(1), year: 2026, questionnaireID: D.uuid(300))
        sent.id = D.uuid(320)
        sent.status = CapAssessmentStatus.submitted.rawValue
        sent.submittedAt = ISO8601DateFormatter().date(from: "2026-05-20T09:30:00Z")
        sent.version = 3
        var answered = form
        answered.choices = [qs[0].id!: "2", qs[1].id!: "3", qs[2].id!: "1", qs[3].id!: "nc"]
        let read = AssessmentPage.make(Self.context(assessment: sent, canFill: false), form: answered)
        let html2 = try await PageRenderer.render("quality/assessment", title: read.heading, read, user: D.delegate)
        assertSnapshot(of: html2, as: .lines, named: "submitted")
    }

    static func scores(_ values: [(CapAxis?, Int64, Int64)]) -> AssessmentResults.Scores {
        Dictionary(uniqueKeysWithValues: values.map { ($0.0?.rawValue ?? CapScore.overall, CapScoring.Score(points: $0.1, max: $0.2)) })
    }

    static func input(median: Bool) -> AssessmentResultsPage.Input {
        let current = scores([(.identity, 12, 15), (.people, 2, 8), (.environment, 0, 3), (.offer, 6, 9), (.improvement, 0, 0), (nil, 20, 35)])
        let last = scores([(.identity, 9, 15), (.people, 4, 8), (.environment, 1, 3), (.offer, 3, 9), (.improvement, 2, 6), (nil, 19, 41)])
        let medians: [String: Exact?]? = median
            ? [CapAxis.identity.rawValue: Exact(2, 3), CapAxis.people.rawValue: Exact(1, 2), CapAxis.environment.rawValue: Exact(1, 3),
               CapAxis.offer.rawValue: Exact(5, 9), CapAxis.improvement.rawValue: nil, CapScore.overall: Exact(11, 20)]
            : nil
        return AssessmentResultsPage.Input(
            structureName: "Relais Emploi Nantes", year: 2026, submittedAt: ISO8601DateFormatter().date(from: "2026-05-20T09:30:00Z"),
            scores: current, history: [.init(year: 2025, scores: last)],
            network: .init(type: .ai, count: median ? 7 : 4, medians: medians),
            assessmentHref: "/qualite/structures/\(D.uuid(1))/cap/2026", actionPlanHref: "/qualite/structures/\(D.uuid(1))/plan-actions",
            qualityHref: "/qualite/structures/\(D.uuid(1))")
    }

    @Test("results: with the network's median, and without (fewer than k structures)")
    func results() async throws {
        let shown = AssessmentResultsPage.make(Self.input(median: true))
        let html = try await PageRenderer.render("quality/assessment-results", title: shown.heading, shown, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "median")
        let hidden = AssessmentResultsPage.make(Self.input(median: false))
        let html2 = try await PageRenderer.render("quality/assessment-results", title: hidden.heading, hidden, user: D.manager)
        #expect(!html2.contains("Médiane AI") && html2.contains("Médiane du réseau non affichée : moins de 5 structures"))
        assertSnapshot(of: html2, as: .lines, named: "no-median")
    }

    @Test("action plan: carried, late, closed this year, with a form error")
    func actionPlan() async throws {
        func action(_ n: Int, _ axis: CapAxis, _ title: String, due: Day?, status: CapActionStatus, year: Int, done: String? = nil) -> CapAction {
            let a = CapAction(structureID: D.uuid(1), axis: axis, title: title, owner: n == 2 ? "" : "Directrice", dueOn: due, createdYear: year)
            a.id = D.uuid(330 + n)
            a.status = status.rawValue
            a.doneOn = done
            return a
        }
        let actions = [
            action(1, .identity, "Écrire le projet social", due: Day(year: 2026, month: 3, day: 31), status: .inProgress, year: 2025),
            action(2, .environment, "Mesurer les consommations d'énergie", due: nil, status: .planned, year: 2026),
            action(3, .people, "Plan de formation des encadrants", due: Day(year: 2026, month: 4, day: 30), status: .done, year: 2026, done: "2026-05-04"),
        ]
        var errors = FieldErrors()
        errors.add("action_title", "Décrivez l'action.")
        let page = ActionPlanPage.make(
            structureName: "Relais Emploi Nantes", structureID: D.uuid(1), year: 2026, today: Day(year: 2026, month: 6, day: 15)!, actions: actions,
            qualityHref: "/qualite/structures/\(D.uuid(1))", assessmentHref: "/qualite/structures/\(D.uuid(1))/cap/2026",
            form: ["action_axis": "offer", "action_owner": "Chargée de clientèle"], errors: errors, notice: nil)
        let html = try await PageRenderer.render("quality/action-plan", title: page.heading, page, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "manager")
    }
}
