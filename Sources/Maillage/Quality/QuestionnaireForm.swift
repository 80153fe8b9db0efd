import Foundation
import MaillageCore

/// The questionnaire editor as typed: a title, the scale's labels, and one row per question
/// (`q<n>_id`, `q<n>_axis`, `q<n>_code`, `q<n>_text`, `q<n>_help`, `q<n>_scale`, `q<n>_weight`,
/// `q<n>_remove`), the last row empty to add a question. Every problem at once, in French.
struct QuestionnaireInput: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        /// The row's number in the form (1…), which names its fields.
        let index: Int
        /// The stored question the row edits; nil for a question added.
        let id: UUID?
        let axis: CapAxis
        let code: String
        let text: String
        let help: String
        let scaleMax: Int
        let weight: Int
        let remove: Bool
    }

    let title: String
    let scaleLabels: String
    let rows: [Row]

    static let maxRows = 100
    static let titleLimit = 200
    static let textLimit = 500
    static let helpLimit = 2000

    static func field(_ n: Int, _ name: String) -> String { "q\(n)_\(name)" }

    /// The typed values of the form, each cut to a bounded length (nothing larger is ever kept).
    static func values(from all: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        let rows = min(Int(all["rows"] ?? "") ?? 0, maxRows + 1)
        out["rows"] = String(max(rows, 0))
        for key in ["title", "scale_labels"] { out[key] = all[key].map { String($0.prefix(600)) } }
        if rows > 0 {
            for n in 1...rows {
                for name in ["id", "axis", "code", "text", "help", "scale", "weight", "remove"] {
                    out[field(n, name)] = all[field(n, name)].map { String($0.prefix(helpLimit + 1)) }
                }
            }
        }
        return out
    }

    /// The form's values for a stored questionnaire, plus one empty row to add a question.
    static func values(of q: CapQuestionnaire, questions: [CapQuestion]) -> [String: String] {
        var out = ["title": q.title, "scale_labels": q.scaleLabels, "rows": String(questions.count + 1)]
        for (i, question) in questions.enumerated() {
            let n = i + 1
            out[field(n, "id")] = question.id?.uuidString ?? ""
            out[field(n, "axis")] = question.axis
            out[field(n, "code")] = question.code
            out[field(n, "text")] = question.text
            out[field(n, "help")] = question.help
            out[field(n, "scale")] = String(question.scaleMax)
            out[field(n, "weight")] = String(question.weight)
        }
        let last = questions.count + 1
        out[field(last, "axis")] = CapAxis.identity.rawValue
        out[field(last, "scale")] = "3"
        out[field(last, "weight")] = "1"
        return out
    }

    static func parse(_ values: [String: String]) -> Result<QuestionnaireInput, FormRefusal> {
        var errors = FieldErrors()
        func text(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func check(_ key: String, _ value: String, label: String, limit: Int, required: Bool) {
            if let refusal = MemberFields.controlRefusal(value, label: label) { errors.add(key, refusal.message) }
            else if required && value.isEmpty { errors.add(key, "\(label) est obligatoire.") }
            else if value.count > limit { errors.add(key, "\(label) ne peut pas dépasser \(FrenchFormat.integer(limit)) caractères.") }
        }
        let title = text("title")
        check("title", title, label: "Le titre", limit: titleLimit, required: true)
        let labels = text("scale_labels").split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        check("scale_labels", text("scale_labels"), label: "L'échelle", limit: 600, required: true)
        if errors["scale_labels"] == nil, labels.count < 2 || labels.count > 11 || labels.contains(where: { $0.isEmpty || $0.count > 60 }) {
            errors.add("scale_labels", "Donnez de 2 à 11 niveaux séparés par « | », chacun de 60 caractères au plus.")
        }

        let count = Int(values["rows"] ?? "") ?? 0
        var rows: [Row] = []
        var codes: [String: Int] = [:]
        for n in stride(from: 1, through: min(count, maxRows + 1), by: 1) {
            let idText = text(field(n, "id"))
            let code = text(field(n, "code")).uppercased(), body = text(field(n, "text")), help = text(field(n, "help"))
            let remove = ["1", "on"].contains(text(field(n, "remove")))
            // An empty new row is the « add a question » row left blank.
            if idText.isEmpty && code.isEmpty && body.isEmpty && help.isEmpty { continue }
            let label = "Question \(n)"
            var id: UUID? = nil
            if !idText.isEmpty {
                guard let parsed = UUID(uuidString: idText) else { errors.add(field(n, "code"), "\(label) : question inconnue."); continue }
                id = parsed
            }
            if remove {
                rows.append(Row(index: n, id: id, axis: .identity, code: code, text: body, help: help, scaleMax: 1, weight: 1, remove: true))
                continue
            }
            let axis = CapAxis(rawValue: text(field(n, "axis")))
            if axis == nil { errors.add(field(n, "axis"), "\(label) : choisissez un axe.") }
            if code.isEmpty { errors.add(field(n, "code"), "\(label) : le code est obligatoire.") }
            else if code.count > 20 || !code.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" }) {
                errors.add(field(n, "code"), "\(label) : le code a 20 caractères au plus (lettres sans accent, chiffres, tirets).")
            } else if let first = codes[code] {
                errors.add(field(n, "code"), "\(label) : le code \(code) est déjà celui de la question \(first).")
            } else { codes[code] = n }
            check(field(n, "text"), body, label: "\(label) : l'intitulé", limit: textLimit, required: true)
            check(field(n, "help"), help, label: "\(label) : l'aide", limit: helpLimit, required: false)
            let scale = Int(text(field(n, "scale")))
            if scale == nil || !(1...10).contains(scale!) { errors.add(field(n, "scale"), "\(label) : le niveau maximal est un entier de 1 à 10.") }
            let weight = Int(text(field(n, "weight")))
            if weight == nil || !(1...100).contains(weight!) { errors.add(field(n, "weight"), "\(label) : le poids est un entier de 1 à 100.") }
            if let axis, let scale, let weight {
                rows.append(Row(index: n, id: id, axis: axis, code: code, text: body, help: help, scaleMax: scale, weight: weight, remove: false))
            }
        }
        if count > maxRows + 1 || rows.filter({ !$0.remove }).count > maxRows {
            errors.add("questions", "Un questionnaire compte \(maxRows) questions au plus.")
        }
        if errors.isEmpty && !rows.contains(where: { !$0.remove }) {
            errors.add("questions", "Le questionnaire doit garder au moins une question.")
        }
        guard errors.isEmpty else { return .failure(FormRefusal(errors: errors)) }
        return .success(QuestionnaireInput(title: title, scaleLabels: labels.joined(separator: "|"), rows: rows))
    }
}
