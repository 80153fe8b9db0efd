import Foundation
import MaillageCore

// What every import preview page shows the same way: the table of lines (effect, each
// changed field old → new, the sensitive ones to confirm) and the French sentences of the
// summary and of the flash once applied.

/// How an importer names what its lines are: « structure », « structures »; « réponse »…
struct ImportNoun: Sendable {
    let singular: String
    let plural: String
    let feminine: Bool

    static let structure = ImportNoun(singular: "structure", plural: "structures", feminine: true)
    static let answer = ImportNoun(singular: "réponse", plural: "réponses", feminine: true)

    /// A past participle agreed with `n` of these: `agreed(2, "créé", "créée")` → « créées ».
    func agreed(_ n: Int, _ masculine: String, _ feminine: String) -> String {
        let word = self.feminine ? feminine : masculine
        guard n.magnitude > 1 else { return word }
        // « mis à jour » → « mises à jour »: the participle is the first word.
        let parts = word.split(separator: " ", maxSplits: 1)
        let first = parts[0].hasSuffix("s") ? String(parts[0]) : parts[0] + "s"
        return parts.count == 2 ? first + " " + parts[1] : first
    }
}

/// One line of a preview table, as the templates lay it out.
struct ImportPreviewRow: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        let label: String
        let old: String
        let new: String
        let sensitive: Bool
    }

    let line: Int
    /// What the line is about: a structure's name and SIRET, an answer's structure and type.
    let subject: String
    /// « création », « mise à jour », « inchangée ».
    let effect: String
    let fields: [Field]
    let hasFields: Bool
    let warnings: [String]
    /// The line waits for its box (`confirm` = `line`) to be ticked.
    let confirm: Bool
}

extension ImportPreview {
    /// The table of the preview: every planned line in file order.
    func rows(subject: (PlannedLine<Change>) -> String) -> [ImportPreviewRow] {
        planned.sorted { $0.line < $1.line }.map { line in
            let fields = line.fields.map {
                ImportPreviewRow.Field(label: $0.label, old: $0.old ?? "—", new: $0.new ?? "—", sensitive: $0.sensitive)
            }
            let effect = switch line.effect {
            case .create: "création"
            case .update: "mise à jour"
            case .unchanged: "inchangée"
            }
            return ImportPreviewRow(line: line.line, subject: subject(line), effect: effect, fields: fields,
                                    hasFields: !fields.isEmpty, warnings: line.warnings, confirm: line.needsConfirmation)
        }
    }

    /// « 3 structures à créer, 1 à mettre à jour, 2 inchangées, 1 modification sensible à confirmer ».
    func summary(_ noun: ImportNoun) -> String {
        var parts = [FrenchFormat.plural(created, noun.singular, noun.plural) + " à créer", FrenchFormat.integer(updated) + " à mettre à jour"]
        if unchanged > 0 { parts.append(FrenchFormat.integer(unchanged) + " " + noun.agreed(unchanged, "inchangé", "inchangée")) }
        if sensitive > 0 {
            parts.append(FrenchFormat.plural(sensitive, "modification sensible", "modifications sensibles") + " à confirmer")
        }
        return parts.joined(separator: ", ")
    }

    /// The flash once applied: « Import appliqué : 3 structures créées, 1 mise à jour, 2 inchangées. »
    /// then the lines left out and why.
    func appliedMessage(_ noun: ImportNoun) -> String {
        var text = "Import appliqué : " + FrenchFormat.plural(created, noun.singular, noun.plural) + " "
            + noun.agreed(created, "créé", "créée") + ", " + FrenchFormat.integer(updated) + " " + noun.agreed(updated, "mis à jour", "mise à jour")
            + ", " + FrenchFormat.integer(unchanged) + " " + noun.agreed(unchanged, "inchangé", "inchangée") + "."
        let unconfirmed = skipped.filter { $0.reason == .unconfirmed }.map(\.line)
        if !unconfirmed.isEmpty {
            text += " " + FrenchFormat.plural(unconfirmed.count, "ligne non appliquée", "lignes non appliquées") + " : "
                + (unconfirmed.count > 1 ? "modifications sensibles non confirmées" : "modification sensible non confirmée")
                + " (" + Self.lineList(unconfirmed) + ")."
        }
        let later = skipped.filter { $0.reason == .creationsOnly }.map(\.line)
        if !later.isEmpty {
            text += " " + FrenchFormat.plural(later.count, "mise à jour non appliquée", "mises à jour non appliquées")
                + " : import des créations seulement (" + Self.lineList(later) + ")."
        }
        return text
    }

    /// « ligne 4 », « lignes 4, 7 et 9 »; past ten lines, the first ten and how many in all.
    static func lineList(_ lines: [Int]) -> String {
        guard lines.count > 1 else { return "ligne \(lines.first ?? 0)" }
        if lines.count > 10 {
            return "lignes " + lines.prefix(10).map(String.init).joined(separator: ", ") + "… \(lines.count) en tout"
        }
        return "lignes " + lines.dropLast().map(String.init).joined(separator: ", ") + " et \(lines.last!)"
    }
}
