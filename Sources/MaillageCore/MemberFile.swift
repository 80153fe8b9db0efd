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
