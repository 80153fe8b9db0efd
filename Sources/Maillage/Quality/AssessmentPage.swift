import Foundation
import MaillageCore

/// `/qualite/structures/:s/cap/:year`: the questionnaire by axis, each question a radio group from
/// 0 to its top level (named by the scale's labels) plus « Non concerné », with an optional
/// comment; or, once transmitted (or for someone who does not fill it), the answers read-only.
struct AssessmentPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable { let value: String; let id: String; let label: String; let checked: Bool }
    struct Question: Encodable, Sendable {
        let field: String
        let code: String
        let text: String
        let help: String?
        let choices: [Choice]
        let commentField: String
        let comment: String
        /// The answer as read (« 2 — Avancé », « Non concerné », « — »).
        let display: String
        let error: String?
        let commentError: String?
        let describedBy: String?
    }
    struct Axis: Encodable, Sendable {
        let id: String
        let legend: String
        let questions: [Question]
    }

    let heading: String
    let year: Int
    let structureName: String
    let qualityHref: String?
    let status: String
    let statusLabel: String
    let progress: String
    let canEdit: Bool
    /// Why the answers are read-only, when they are.
    let readOnlyNote: String?
    /// A refusal said above the form (a stale form).
    let notice: String?
    let saveHref: String
    let version: String
    let resultsHref: String?
    let actionPlanHref: String?
    let axes: [Axis]
    let errors: FieldErrors

    struct Context: Sendable {
        let structureName: String
        let year: Int
        let questionnaire: CapQuestionnaire
        let questions: [CapQuestion]
        let assessment: CapAssessment?
        let canFill: Bool
        let saveHref: String
        let qualityHref: String?
        let resultsHref: String?
        let actionPlanHref: String?
    }

    static func levelLabel(_ level: Int, labels: [String]) -> String {
        labels.indices.contains(level) ? "\(level) — \(labels[level])" : String(level)
    }

    static func make(_ ctx: Context, form: AssessmentForm, errors: FieldErrors = FieldErrors(), notice: String? = nil) -> AssessmentPage {
        let status = ctx.assessment?.statusValue
        let submitted = status == .submitted
        let labels = ctx.questionnaire.scaleLabelList
        let canEdit = ctx.canFill && !submitted
        var axes: [Axis] = []
        for axis in CapAxis.allCases {
            let qs = ctx.questions.filter { $0.axisValue == axis }
            guard !qs.isEmpty else { continue }
            axes.append(Axis(id: "axis-\(axis.rawValue)", legend: axis.label, questions: qs.map { q in
                let id = q.id!
                let field = AssessmentForm.field(id), commentField = AssessmentForm.commentField(id)
                let chosen = form.choices[id] ?? ""
                var choices = (0...max(q.scaleMax, 0)).map { level in
                    // The first radio carries the field's id: the error summary links to it.
                    Choice(value: String(level), id: level == 0 ? field : "\(field)-\(level)",
                           label: levelLabel(level, labels: labels), checked: chosen == String(level))
                }
                choices.append(Choice(value: "nc", id: "\(field)-nc", label: "Non concerné", checked: chosen == "nc"))
                let display = chosen == "nc" ? "Non concerné" : Int(chosen).map { levelLabel($0, labels: labels) } ?? "—"
                let help = q.help.isEmpty ? nil : q.help
                let error = errors[field], commentError = errors[commentField]
                let described = [help.map { _ in "\(field)-help" }, error.map { _ in "\(field)-error" }].compactMap { $0 }
                return Question(field: field, code: q.code, text: q.text, help: help, choices: choices, commentField: commentField,
                                comment: form.comments[id] ?? "", display: display, error: error, commentError: commentError,
                                describedBy: described.isEmpty ? nil : described.joined(separator: " "))
            }))
        }
        let answered = ctx.questions.filter { q in !(form.choices[q.id!] ?? "").isEmpty }.count
        let readOnly: String? = if submitted {
            "Auto-diagnostic transmis" + (ctx.assessment?.submittedAt.map { " le " + FrenchFormat.dateTime($0).prefix(10) } ?? "")
                + " : il n'est plus modifiable."
        } else if !ctx.canFill {
            "Seuls les responsables de la structure remplissent son auto-diagnostic : vous le consultez."
        } else { nil }
        return AssessmentPage(
            heading: "Auto-diagnostic CAP \(ctx.year) — \(ctx.structureName)", year: ctx.year, structureName: ctx.structureName,
            qualityHref: ctx.qualityHref, status: status?.rawValue ?? "not_started", statusLabel: status?.label ?? "Non commencé",
            progress: "\(FrenchFormat.plural(answered, "question répondue", "questions répondues")) sur \(FrenchFormat.integer(ctx.questions.count))",
            canEdit: canEdit, readOnlyNote: readOnly, notice: notice, saveHref: ctx.saveHref,
            version: String(form.version ?? ctx.assessment?.version ?? 0),
            resultsHref: submitted ? ctx.resultsHref : nil, actionPlanHref: ctx.actionPlanHref, axes: axes, errors: errors)
    }
}
