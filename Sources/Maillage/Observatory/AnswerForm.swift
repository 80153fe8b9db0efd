import Foundation
import MaillageCore

/// The answer form as typed: one text per indicator code. Parsing reports every field's
/// problem at once, in French, and keeps what was typed so nothing is lost.
struct AnswerForm: Sendable {
    var texts: [String: String]
    var confirmWarnings: Bool
    var action: String

    init(fields: [String: String]) {
        texts = fields.filter { IndicatorCatalogue.byCode[$0.key] != nil }
        confirmWarnings = fields["confirm_warnings"] == "on" || fields["confirm_warnings"] == "1"
        action = fields["action"] ?? "save"
    }

    init(values: [String: Exact]) {
        texts = values.mapValues { AnswerForm.display($0) }
        confirmWarnings = false
        action = "save"
    }

    /// Parsed values of the questions that apply; an empty field is "not answered".
    func parse(_ questions: [Indicator]) -> (values: [String: Exact], errors: FieldErrors) {
        var values: [String: Exact] = [:]
        var errors = FieldErrors()
        for q in questions {
            let raw = (texts[q.code] ?? "").trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else { continue }
            switch AnswerForm.value(raw, unit: q.unit) {
            case .success(let v): values[q.code] = v
            case .failure(let problem): errors.add(q.code, problem.message)
            }
        }
        return (values, errors)
    }

    struct Problem: Error { let message: String }

    /// One typed value: French or point decimals, spaces as thousands separators; counts are
    /// whole numbers, other units at most their number of decimal places.
    static func value(_ raw: String, unit: Indicator.Unit) -> Result<Exact, Problem> {
        guard let v = Exact(decimal: raw) else {
            return .failure(Problem(message: "Saisissez un nombre (par exemple 1 234,5)."))
        }
        // Bounded before any arithmetic: past the maximum is a typing error (catalogue).
        if let reason = unit.outOfRange(v) { return .failure(Problem(message: reason)) }
        var scale: Int128 = 1
        for _ in 0..<unit.places { scale *= 10 }
        if (v * Exact(scale)).denominator != 1 {
            return .failure(Problem(message: unit == .count ? "Saisissez un nombre entier."
                                    : "Au plus \(unit.places) décimale\(unit.places > 1 ? "s" : "")."))
        }
        return .success(v)
    }

    /// A value as the form shows it: French decimal comma, no thousands separator.
    static func display(_ v: Exact) -> String { v.plain.replacingOccurrences(of: ".", with: ",") }
}
