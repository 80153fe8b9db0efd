/// French alphabetical order, the same whatever the database: « Château-Gontier » before
/// « Cherbourg », « Évry » before « Vesoul », « Île-de-France » among the I.
///
/// The primary key folds what a French reader does not see as a difference in order:
/// accents and case (É = e), ligatures (œ = oe, æ = ae, ß = ss), and the separators between
/// words (hyphens, apostrophes, spaces and other punctuation all count as one space, so
/// « Saint-Denis » and « Saint Denis » are neighbours and come before « Saintes »). Runs of
/// digits compare as numbers (« Lot 2 » before « Lot 10 »). Two strings with the same primary
/// key are ordered by their exact text, so the order is total and two sorts agree.
///
/// Lists sort in Swift with this key rather than with SQL `ORDER BY`: SQLite compares bytes
/// and PostgreSQL follows the server's locale, so neither gives this order on both.
public enum FrenchCollation {
    /// The primary key: folded, lowercased, one space between words, numbers zero-padded.
    public static func key(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var digits = String.UnicodeScalarView()
        var pendingSpace = false

        func flushDigits() {
            guard !digits.isEmpty else { return }
            // Leading zeros do not count; 20 places hold any number a list shows (a SIRET has 14).
            let significant = digits.drop { $0 == "0" }
            let pad = max(0, 20 - significant.count)
            out.append(contentsOf: repeatElement(Unicode.Scalar(0x30), count: pad))
            out.append(contentsOf: significant)
            digits = String.UnicodeScalarView()
        }
        func append(_ text: String) {
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(contentsOf: text.unicodeScalars)
        }

        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark { continue }
            if ("0"..."9").contains(scalar) {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                digits.append(scalar)
                continue
            }
            flushDigits()
            if properties.isAlphabetic || properties.numericType != nil {
                append(ligatures[scalar] ?? properties.lowercaseMapping)
            } else {
                // Spaces, hyphens, apostrophes, punctuation: a word boundary.
                pendingSpace = true
            }
        }
        flushDigits()
        return String(out)
    }

    /// Accents, case and ligatures folded, nothing else: « Œuvre-Évry 2 » → "oeuvre-evry 2".
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            out.append(contentsOf: (ligatures[scalar] ?? scalar.properties.lowercaseMapping).unicodeScalars)
        }
        return String(out)
    }

    /// The order itself: primary key, then the exact text.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        FrenchSortKey(a) < FrenchSortKey(b)
    }

    /// Strings in French order.
    public static func sorted(_ strings: some Sequence<String>) -> [String] {
        strings.map(FrenchSortKey.init).sorted().map(\.text)
    }

    /// Letters that fold to two (the decomposition leaves them whole).
    private static let ligatures: [Unicode.Scalar: String] = [
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss",
    ]
}

/// A string with its French primary key computed once: sort many rows by keeping one per row.
public struct FrenchSortKey: Comparable, Hashable, Sendable {
    public let primary: String
    public let text: String

    public init(_ text: String) {
        self.primary = FrenchCollation.key(text)
        self.text = text
    }

    public static func < (a: FrenchSortKey, b: FrenchSortKey) -> Bool {
        if a.primary != b.primary { return a.primary.unicodeScalars.lexicographicallyPrecedes(b.primary.unicodeScalars) }
        return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars)
    }
}
