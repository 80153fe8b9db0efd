import Foundation

extension StructureType {
    /// Reads a type as people type it in regional spreadsheets: the code in any
    /// case, with `-`, `_` or a space ("ETT-ESS", "ett_ess"), the short or the long
    /// label ("Proxim'Services"). Returns nil for anything else.
    public static func parse(_ s: String) -> StructureType? {
        let key = matchKey(s)
        return key.isEmpty ? nil : byKey[key]
    }

    /// Splits a cell such as "AI & ACI" or "AI, ACI et EI" into its types,
    /// deduplicated and sorted; tokens that are no type come back in `unknown`,
    /// trimmed, in order of appearance.
    public static func parseList(_ s: String) -> (types: [StructureType], unknown: [String]) {
        var types = Set<StructureType>()
        var unknown: [String] = []
        var seenUnknown = Set<String>() // `unknown.contains` made a cell of many distinct tokens quadratic
        for piece in s.split(whereSeparator: { ",+|/&".contains($0) }) {
            let piece = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            if piece.isEmpty { continue }
            // Try the whole piece first: the ACI label itself contains " et ".
            if let type = parse(piece) {
                types.insert(type)
                continue
            }
            for token in splitOnEt(piece) {
                if let type = parse(token) {
                    types.insert(type)
                } else if seenUnknown.insert(token).inserted {
                    unknown.append(token)
                }
            }
        }
        return (types.sorted(), unknown)
    }

    /// Uppercased, accent-free, letters and digits only, so "ETT-ESS", "ett_ess"
    /// and "ETT ESS" all give "ETTESS".
    private static func matchKey(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.uppercased().unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    private static let byKey: [String: StructureType] = {
        var table: [String: StructureType] = [:]
        for type in allCases {
            for name in [type.rawValue, type.shortLabel, type.label] {
                table[matchKey(name)] = type
            }
        }
        return table
    }()

    /// Splits on the word "et" in any case ("AI et ACI", "AI ET ACI").
    private static func splitOnEt(_ piece: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(piece)
        while let range = rest.range(of: " et ", options: .caseInsensitive) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
