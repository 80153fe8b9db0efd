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
            let key = headerKey(title)
            if columns.contains(key) && indexes[key] == nil { indexes[key] = index }
        }
        return indexes
    }

    /// "Département", " SIRET ", "Code postal" → "departement", "siret", "code_postal":
    /// people retype headers in Excel, with accents, capitals and spaces.
    static func headerKey(_ title: String) -> String {
        title.replacingOccurrences(of: "\u{FEFF}", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased()
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

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
