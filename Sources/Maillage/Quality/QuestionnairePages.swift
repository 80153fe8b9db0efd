import Foundation
import MaillageCore

/// `/qualite/cap/questionnaires`: the questionnaires by year, and the button preparing the next one.
struct QuestionnairesPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let year: Int
        let title: String
        let questions: String
        let submitted: String
        let locked: Bool
        let href: String
    }

    let homeHref: String?
    let lines: [Line]
    /// « Préparer le questionnaire 2026 », nil when this year and next year both exist.
    let prepareYear: Int?
    let prepareSource: String?
    let createHref: String
    let errors: FieldErrors
}

/// `/qualite/cap/questionnaires/:year`: each question's axis, code, wording, help, scale and weight,
/// an empty row to add one, a box to remove one; once answered, the frozen fields are read-only.
struct QuestionnairePage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Row: Encodable, Sendable {
        let n: Int
        let legend: String
        let isNew: Bool
        let id: String
        let axes: [Option]
        let axisLabel: String
        let code: String
        let text: String
        let help: String
        let scale: String
        let weight: String
        let remove: Bool
        let errors: [String: String]
    }

    let heading: String
    let year: Int
    let listHref: String
    let action: String
    let title: String
    let scaleLabels: String
    /// « Un auto-diagnostic 2025 est déjà transmis… »: axis, scale, weight, additions and removals refused.
    let lockedNotice: String?
    let locked: Bool
    let rowCount: Int
    let rows: [Row]
    let errors: FieldErrors

    static func make(year: Int, listHref: String, action: String, form: [String: String], locked: Bool, errors: FieldErrors) -> QuestionnairePage {
        let count = min(Int(form["rows"] ?? "") ?? 0, QuestionnaireInput.maxRows + 1)
        var rows: [Row] = []
        for n in stride(from: 1, through: count, by: 1) {
            func v(_ name: String) -> String { form[QuestionnaireInput.field(n, name)] ?? "" }
            let isNew = v("id").isEmpty
            // Once answered, no row is added: the empty row is left out.
            if locked && isNew && v("code").isEmpty && v("text").isEmpty { continue }
            var mine: [String: String] = [:]
            for name in ["axis", "code", "text", "help", "scale", "weight", "remove"] {
                if let e = errors[QuestionnaireInput.field(n, name)] { mine[name] = e }
            }
            let axis = v("axis")
            rows.append(Row(
                n: n, legend: isNew ? "Nouvelle question" : "Question \(n)", isNew: isNew, id: v("id"),
                axes: CapAxis.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == axis) },
                axisLabel: CapAxis(rawValue: axis)?.label ?? axis, code: v("code"), text: v("text"), help: v("help"),
                scale: v("scale"), weight: v("weight"), remove: ["1", "on"].contains(v("remove")), errors: mine))
        }
        return QuestionnairePage(
            heading: "Questionnaire CAP \(year)", year: year, listHref: listHref, action: action,
            title: form["title"] ?? "", scaleLabels: form["scale_labels"] ?? "",
            lockedNotice: locked ? QuestionnaireService.lockedMessage(year) : nil, locked: locked, rowCount: count, rows: rows, errors: errors)
    }
}
