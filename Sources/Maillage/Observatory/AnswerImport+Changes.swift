import Foundation
import MaillageCore

/// What an answers line changes, indicator by indicator, as the preview shows it. Values
/// the member has transmitted (or a delegate validated) are sensitive: they are the
/// structure's word, and the import would overwrite them.
extension AnswerImporter {
    static func changes(_ old: SurveyAnswer?, _ merged: [String: Exact], to status: AnswerStatus) -> [FieldChange] {
        guard let old else { return [] }
        let overwrites = old.answerStatus == .submitted || old.answerStatus == .validated
        let known = IndicatorCatalogue.all.map(\.code)
        let others = Set(old.values.keys).union(merged.keys).subtracting(known).sorted()
        var fields: [FieldChange] = (known + others).compactMap { code in
            let before = old.values[code], after = merged[code]
            guard before != after else { return nil }
            return FieldChange(field: code, label: IndicatorCatalogue.byCode[code]?.label ?? code,
                               old: before.map { display($0, code: code) }, new: after.map { display($0, code: code) },
                               sensitive: overwrites)
        }
        if old.answerStatus != status {
            fields.append(FieldChange(field: "status", label: "Statut de la réponse", old: old.answerStatus.label, new: status.label))
        }
        return fields
    }

    /// "250 000,50 €", "12,5 %", "40": the value with its indicator's places, grouped digits
    /// and a decimal comma, as the answer page shows it.
    static func display(_ value: Exact, code: String) -> String {
        let unit = IndicatorCatalogue.byCode[code]?.unit
        let plain = value.rounded(places: unit?.places ?? 2)
        let negative = plain.hasPrefix("-")
        let parts = plain.drop { $0 == "-" }.split(separator: ".", maxSplits: 1)
        let whole = Int(parts.first ?? "0").map(FrenchFormat.integer) ?? String(parts.first ?? "")
        let number = (negative ? "-" : "") + whole + (parts.count > 1 ? "," + parts[1] : "")
        return switch unit {
        case .euros: number + " €"
        case .percent: number + " %"
        case .hours: number + " h"
        case .etp: number + " ETP"
        case .count, nil: number
        }
    }
}
