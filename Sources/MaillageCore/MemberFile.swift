import Foundation

/// The member import/export file (regional spreadsheets): one structure per
/// line, these columns in this order on export, any order on import.
public enum MemberFile {
    public static let columns = [
        "siret", "nom", "types", "adresse", "code_postal", "commune",
        "departement", "site_web", "statut", "date_adhesion", "siret_ges",
    ]

    /// Columns without which a line cannot become a member.
    static let requiredColumns = ["siret", "nom", "types", "commune", "departement"]

    /// Where each known column sits in the header; unknown columns are ignored
    /// and the first of two identical headers wins.
    static func columnIndexes(header: [String]) -> [String: Int] {
        var indexes: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            if let column = columnByKey[headerKey(title)], indexes[column] == nil { indexes[column] = index }
        }
        return indexes
    }

    /// "Département", " SIRET ", "Code postal" → "departement", "siret", "codepostal":
    /// people retype headers in Excel, with accents, capitals, spaces and apostrophes.
    static func headerKey(_ title: String) -> String {
        String(title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased().unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
            .map(Character.init))
    }

    /// Header keys to columns: each column's own name, and the wordings regional
    /// spreadsheets use for it.
    private static let columnByKey: [String: String] = {
        var table = Dictionary(uniqueKeysWithValues: columns.map { (headerKey($0), $0) })
        let aliases = ["type": "types", "raisonsociale": "nom", "datedadhesion": "date_adhesion",
                       "siretduges": "siret_ges"]
        table.merge(aliases) { own, _ in own }
        return table
    }()

    /// Header then one line per row, in the form `parse` reads back unchanged.
    public static func exportRows(_ rows: [MemberRow]) -> [[String]] {
        [columns] + rows.map { row in
            [
                row.siret.digits,
                row.name,
                row.types.map(\.rawValue).joined(separator: ","),
                row.address ?? "",
                row.postalCode ?? "",
                row.commune,
                row.department,
                row.website ?? "",
                row.status.rawValue,
                row.joinedOn.map(FrenchFormat.date) ?? "",
                row.gesParentSiret?.digits ?? "",
            ]
        }
    }
}

/// What the register accepts in a structure's text fields and dates, checked the same
/// way on the structure form and in the member file, where the value enters.
public enum MemberFields {
    public static let nameMax = 200
    public static let addressMax = 250
    public static let communeMax = 100
    /// Membership dates: a year typed as 0202 or 20225 is a mistake, not history.
    public static let years = 1900...2100

    public struct Refusal: Error, Equatable, Sendable {
        public let message: String
    }

    /// A text as the register keeps it: trimmed; or the French reason it is refused
    /// (`label` is "Le nom", "L'adresse"…): too long, or holding a control character
    /// other than a tab or line break (a NUL, which PostgreSQL cannot even store).
    public static func text(_ raw: String, label: String, max: Int) -> Result<String, Refusal> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let refusal = controlRefusal(text, label: label) { return .failure(refusal) }
        // Scalars too: one letter may carry any number of combining accents.
        guard text.count <= max, text.unicodeScalars.count <= 4 * max else {
            return .failure(.init(message: "\(label) ne doit pas dépasser \(max) caractères."))
        }
        return .success(text)
    }

    /// The refusal of a text holding a control character other than a tab or line break (a NUL,
    /// which PostgreSQL cannot store and SQLite cuts at), nil when clean. For forms that keep
    /// their own length messages and add only this check.
    public static func controlRefusal(_ text: String, label: String) -> Refusal? {
        hasControlCharacter(text) ? .init(message: "\(label) contient un caractère de contrôle (invisible), non permis.") : nil
    }

    /// True when `text` holds a control character other than a tab, CR or LF: a query value
    /// holding one is treated as unknown, never bound into SQL.
    public static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\r" && $0 != "\n" }
    }

    /// True when an ISO day "yyyy-mm-dd" falls within `years`.
    public static func isInRange(isoDay: String) -> Bool {
        Int(isoDay.prefix(4)).map(years.contains) ?? false
    }

    /// A cell quoted in a message, cut short: a pasted paragraph must not fill the preview.
    public static func shown(_ raw: String) -> String {
        raw.count <= 40 ? raw : String(raw.prefix(40)) + "…"
    }
}
