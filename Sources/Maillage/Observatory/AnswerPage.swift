import Foundation
import MaillageCore

/// The answer page: the questionnaire grouped by theme, last year's value beside each field,
/// every problem next to its field; or, once transmitted, the answer read-only with the
/// delegate's actions.
struct AnswerPage: Encodable, Sendable {
    struct Question: Encodable, Sendable {
        let code: String
        let label: String
        let help: String?
        let unit: String
        let inputMode: String
        let value: String
        let display: String
        let previous: String?
        let error: String?
        let warning: String?
        /// Ids of the help, error and warning texts read with the field.
        let describedBy: String?
    }
    struct Theme: Encodable, Sendable {
        let id: String
        let legend: String
        let questions: [Question]
    }
    struct Problem: Encodable, Sendable { let field: String; let message: String }

    let heading: String
    let structureName: String
    let structureHref: String
    let typeLabel: String
    let year: Int
    let status: String
    let statusLabel: String
    let returnComment: String?
    /// The questionnaire form (save a draft, transmit).
    let canEdit: Bool
    /// The delegate's forms (validate, return with a comment).
    let showValidation: Bool
    let showReopen: Bool
    let saveHref: String
    let validateHref: String
    let returnHref: String
    let reopenHref: String
    let benchmarkHref: String?
    let previousYear: Int?
    let themes: [Theme]
    /// nil when empty (Leaf treats an empty array as true).
    let problems: [Problem]?
    let warnings: [String]?
    let confirmWarnings: Bool
    let confirmError: String?
    let answerError: String?
    let comment: String
    let commentError: String?

    init(_ ctx: AnswerContext, form: AnswerForm, errors: FieldErrors, checks: [AnswerCheck],
         previous: (year: Int, values: [String: Exact])?, comment: String?) {
        let status = ctx.answer?.answerStatus ?? .draft
        let sid = ctx.structure.id!
        let y = ctx.campaign.year
        heading = "Observatoire \(y) — \(ctx.structure.name) (\(ctx.typeLabel))"
        structureName = ctx.structure.name
        structureHref = SiteURL.structure(sid).path
        typeLabel = StructureType(rawValue: ctx.type).map { "\($0.shortLabel) — \($0.label)" } ?? ctx.type
        year = y
        self.status = ctx.answer == nil ? "not_started" : status.rawValue
        statusLabel = ctx.answer == nil ? "Non commencée" : status.label
        returnComment = status == .returned ? ctx.answer?.returnComment : nil
        // The forms this person may use from the answer's state, as the workflow's table says.
        let actions = ctx.actions
        canEdit = actions.contains(.submit)
        showValidation = actions.contains(.validate)
        showReopen = actions.contains(.reopen)
        saveHref = SiteURL.answer(y, sid, ctx.type).path
        validateHref = SiteURL.validateAnswer(y, sid, ctx.type).path
        returnHref = SiteURL.returnAnswer(y, sid, ctx.type).path
        reopenHref = SiteURL.reopenAnswer(y, sid, ctx.type).path
        benchmarkHref = status.counts ? SiteURL.benchmark(y, sid).path : nil
        previousYear = previous?.year
        var warningByField: [String: String] = [:]
        for c in checks where c.severity == .warning { for f in c.fields { warningByField[f] = c.message } }
        var checkByField: [String: String] = [:]
        if errors.isEmpty {
            // A draft is saved with its inconsistencies: show them, they block only the submission.
            for c in checks where c.severity == .error { for f in c.fields where checkByField[f] == nil { checkByField[f] = c.message } }
        }
        themes = Indicator.Theme.allCases.compactMap { theme in
            let qs = ctx.questions.filter { $0.theme == theme }
            guard !qs.isEmpty else { return nil }
            return Theme(id: theme.rawValue, legend: theme.label, questions: qs.map { q in
                let text = form.texts[q.code] ?? ""
                let error = errors[q.code] ?? checkByField[q.code], warning = warningByField[q.code]
                let described = [q.help.isEmpty ? nil : "\(q.code)-help", error.map { _ in "\(q.code)-error" },
                                 warning.map { _ in "\(q.code)-warning" }].compactMap { $0 }
                return Question(
                    code: q.code, label: q.label, help: q.help.isEmpty ? nil : q.help, unit: AnswerPage.unitLabel(q.unit),
                    inputMode: q.unit == .count ? "numeric" : "decimal", value: text,
                    display: text.isEmpty ? "—" : AnswerPage.grouped(text),
                    previous: previous.flatMap { $0.values[q.code] }.map { AnswerPage.grouped(AnswerForm.display($0)) },
                    error: error, warning: warning, describedBy: described.isEmpty ? nil : described.joined(separator: " "))
            })
        }
        var problems = errors.summary.map { Problem(field: $0.field == "answer" ? "answer-form" : $0.field, message: $0.message) }
        if errors.isEmpty {
            let seen = Set(problems.map(\.message))
            problems += checks.filter { $0.severity == .error && !seen.contains($0.message) }
                .map { Problem(field: $0.fields.first ?? "answer-form", message: $0.message) }
        }
        self.problems = problems.isEmpty ? nil : problems
        let warnings = Array(Set(checks.filter { $0.severity == .warning }.map(\.message))).sorted()
        self.warnings = warnings.isEmpty ? nil : warnings
        confirmWarnings = form.confirmWarnings || (ctx.answer?.warningsConfirmed ?? false)
        confirmError = errors["confirm_warnings"]
        answerError = errors["answer"]
        self.comment = comment ?? ""
        commentError = errors["comment"]
    }

    static func unitLabel(_ unit: Indicator.Unit) -> String {
        switch unit {
        case .count: "nombre"
        case .hours: "heures"
        case .etp: "ETP"
        case .euros: "€"
        case .percent: "%"
        }
    }

    /// "1234567,5" → "1 234 567,5" (narrow no-break spaces, as French typography does).
    static func grouped(_ text: String) -> String {
        let parts = text.split(separator: ",", maxSplits: 1).map(String.init)
        guard let whole = parts.first else { return text }
        let negative = whole.hasPrefix("-")
        let digits = Array(negative ? whole.dropFirst() : Substring(whole))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(d)
        }
        return (negative ? "-" : "") + out + (parts.count > 1 ? "," + parts[1] : "")
    }
}
