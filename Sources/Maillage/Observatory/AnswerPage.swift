import Foundation
import MaillageCore

/// The answer page: the questionnaire grouped by theme, last year's value beside each field
/// (a change of more than half flagged), every problem next to its field and once in the
/// summary; or, once transmitted, the answer read-only with the delegate's actions.
struct AnswerPage: Encodable, Sendable {
    struct Question: Encodable, Sendable {
        let code: String
        let label: String
        /// Help meant for the member filling the form; nil for the delegate and the admins.
        let help: String?
        /// The unit after the label, nil when the label already says it ("Clientèle : particuliers (%)").
        let unit: String?
        let inputMode: String
        let value: String
        /// The value as read ("21 840 h"), "—" when not answered.
        let display: String
        /// Last year's value as read ("21 840 h").
        let previous: String?
        /// « Écart de plus de 50 % avec 2024 », when the value moved that much.
        let change: String?
        let error: String?
        let warning: String?
        /// Ids of the help, error, warning and change notes read with the field.
        let describedBy: String?
    }
    struct Theme: Encodable, Sendable {
        let id: String
        let legend: String
        let questions: [Question]
    }

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
    /// The person fills the answer of their own structure (the member's lead and help).
    let isMember: Bool
    /// The campaign is closed: « Campagne clôturée : la réponse n'est plus modifiable ».
    let campaignClosed: Bool
    /// The form shows typed values that are not saved (a refused save, last year's values taken up).
    let unsaved: Bool
    /// « Reprendre les valeurs de l'an dernier »: an editable answer with last year's answer.
    let canPrefill: Bool
    /// What taking up last year's values did, once done.
    let prefillNote: String?
    /// The delegate's forms (validate; return with a comment).
    let showValidation: Bool
    let showReopen: Bool
    let saveHref: String
    let validateHref: String
    let returnHref: String
    let reopenHref: String
    let benchmarkHref: String?
    let previousYear: Int?
    let themes: [Theme]
    /// Every problem once, field by field in the form's order (`partials/error-summary`).
    let errorSummary: FieldErrors
    let warnings: [String]?
    let confirmWarnings: Bool
    let confirmError: String?
    let answerError: String?
    let comment: String
    let commentError: String?

    /// `errors`: each typed value's problem, and the blocking problems that are not checks
    /// (warnings not confirmed, an empty answer, the return comment); the checks' errors are
    /// read from `checks`, shown next to each of their fields and in the summary once, on
    /// their first field.
    init(_ ctx: AnswerContext, form: AnswerForm, errors: FieldErrors, checks: [AnswerCheck],
         previous: (year: Int, values: [String: Exact])?, comment: String?, unsaved: Bool = false, prefilled: Int? = nil) {
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
        isMember = ctx.parties.contains(.manager)
        campaignClosed = !ctx.campaign.isOpen
        self.unsaved = unsaved
        showValidation = actions.contains(.validate)
        showReopen = actions.contains(.reopen)
        saveHref = SiteURL.answer(y, sid, ctx.type).path
        validateHref = SiteURL.validateAnswer(y, sid, ctx.type).path
        returnHref = SiteURL.returnAnswer(y, sid, ctx.type).path
        reopenHref = SiteURL.reopenAnswer(y, sid, ctx.type).path
        benchmarkHref = status.counts ? SiteURL.benchmark(y, sid).path : nil
        previousYear = previous?.year
        let lastYear = previous?.values ?? [:]
        canPrefill = canEdit && ctx.questions.contains { lastYear[$0.code] != nil }
        prefillNote = prefilled.map { n in
            n == 0 ? "Aucune question vide n'avait de valeur en \(previous?.year ?? y - 1) : rien n'a été repris."
                : "Valeurs \(previous?.year ?? y - 1) reprises dans \(FrenchFormat.plural(n, "question vide", "questions vides")) : "
                    + "rien n'est enregistré tant que vous n'enregistrez pas."
        }

        var warningByField: [String: String] = [:]
        for c in checks where c.severity == .warning { for f in c.fields { warningByField[f] = c.message } }
        let checkErrors = checks.filter { $0.severity == .error }
        var summary = FieldErrors()
        let showHelp = isMember
        themes = Indicator.Theme.allCases.compactMap { theme in
            let qs = ctx.questions.filter { $0.theme == theme }
            guard !qs.isEmpty else { return nil }
            return Theme(id: theme.rawValue, legend: theme.label, questions: qs.map { q in
                let text = form.texts[q.code] ?? ""
                // Next to the field: its own problem, then every check it is part of.
                var mine = FieldErrors()
                if let e = errors[q.code] { mine.add(q.code, e); summary.add(q.code, e) }
                for c in checkErrors where c.fields.contains(q.code) {
                    mine.add(q.code, c.message)
                    // In the summary a check is one line, on its first field.
                    if c.fields.first == q.code { summary.add(q.code, c.message) }
                }
                let error = mine[q.code], warning = warningByField[q.code]
                let current = AnswerPage.parsed(text, q.unit)
                let last = lastYear[q.code]
                let change: String? = if let last, let current, Indicator.changedByMoreThanHalf(from: last, to: current) {
                    "Écart de plus de 50\u{202F}% avec \(previous!.year)"
                } else { nil }
                let help = showHelp && !q.help.isEmpty ? q.help : nil
                let described = [help.map { _ in "\(q.code)-help" }, error.map { _ in "\(q.code)-error" },
                                 warning.map { _ in "\(q.code)-warning" }, change.map { _ in "\(q.code)-change" }].compactMap { $0 }
                return Question(
                    code: q.code, label: q.label, help: help, unit: AnswerPage.unitHint(q),
                    inputMode: q.unit == .count ? "numeric" : "decimal", value: text,
                    display: text.isEmpty ? "—" : AnswerPage.valueText(text, q.unit),
                    previous: last.map { AnswerPage.valueText(AnswerForm.display($0), q.unit) }, change: change,
                    error: error, warning: warning, describedBy: described.isEmpty ? nil : described.joined(separator: " "))
            })
        }
        for field in ["confirm_warnings", "answer", "comment"] {
            if let e = errors[field] { summary.add(field == "answer" ? "answer-form" : field, e) }
        }
        errorSummary = summary
        let warnings = Array(Set(checks.filter { $0.severity == .warning }.map(\.message))).sorted()
        self.warnings = warnings.isEmpty ? nil : warnings
        confirmWarnings = form.confirmWarnings || (ctx.answer?.warningsConfirmed ?? false)
        confirmError = errors["confirm_warnings"]
        answerError = errors["answer"]
        self.comment = comment ?? ""
        commentError = errors["comment"]
    }

    /// The unit after a question's label, unless the label already names it.
    static func unitHint(_ q: Indicator) -> String? {
        let unit = switch q.unit {
        case .count: "nombre"
        case .hours: "heures"
        case .etp: "ETP"
        case .euros: "€"
        case .percent: "%"
        }
        let named = q.label.contains("(\(unit))") || (q.unit == .etp && q.label.contains("ETP"))
            || (q.unit == .count && q.label.contains("(effectif)"))
        return named ? nil : unit
    }

    /// A typed value as it reads, with its unit: "21840" → "21 840 h", "12,5" → "12,5 %".
    static func valueText(_ text: String, _ unit: Indicator.Unit) -> String {
        let number = grouped(text)
        return switch unit {
        case .count: number
        case .hours: number + "\u{202F}h"
        case .etp: number + "\u{202F}ETP"
        case .euros: number + "\u{202F}€"
        case .percent: number + "\u{202F}%"
        }
    }

    /// The value of a typed text, nil when empty or not a valid answer.
    static func parsed(_ text: String, _ unit: Indicator.Unit) -> Exact? {
        let raw = text.trimmingCharacters(in: .whitespaces)
        guard !raw.isEmpty, case .success(let v) = AnswerForm.value(raw, unit: unit) else { return nil }
        return v
    }

    /// "1234567,5" → "1 234 567,5" (narrow no-break spaces, as French typography does).
    static func grouped(_ text: String) -> String {
        let parts = text.split(separator: ",", maxSplits: 1).map(String.init)
        guard let whole = parts.first else { return text }
        let negative = whole.hasPrefix("-")
        let digits = Array(negative ? whole.dropFirst() : Substring(whole))
        guard digits.allSatisfy(\.isASCIIDigit) else { return text }
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(d)
        }
        return (negative ? "-" : "") + out + (parts.count > 1 ? "," + parts[1] : "")
    }
}
