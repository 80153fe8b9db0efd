import Foundation

/// Search text the same way on both databases.
public enum SearchText {
    /// Lowercased, diacritics removed, œ→oe æ→ae, ’→'.
    public static func fold(_ s: String) -> String {
        var folded = FrenchCollation.fold(s)
        if folded.contains(where: { $0 == "’" || $0 == "‘" || $0 == "ʼ" }) {
            folded = String(folded.map { $0 == "’" || $0 == "‘" || $0 == "ʼ" ? "'" : $0 })
        }
        return folded
    }

    /// At most this many terms are kept from a query.
    public static let maxTerms = 12
    /// A term is cut to this many characters.
    public static let maxTermLength = 40

    /// The query's words: folded, split on non-alphanumerics, French stop words and 1-letter words dropped, ≤ 12 terms, each ≤ 40 chars.
    /// Duplicates are dropped; operator words (and, or, not, near) are dropped too, so nothing of the query can be
    /// FTS5 or tsquery syntax: what is left is plain lowercase letters and digits.
    public static func terms(_ query: String) -> [String] {
        var terms: [String] = []
        for word in words(fold(query)) {
            let term = String(word.prefix(maxTermLength))
            guard term.count > 1, !stopWords.contains(term), !terms.contains(term) else { continue }
            terms.append(term)
            if terms.count == maxTerms { break }
        }
        return terms
    }

    /// The runs of letters and digits of `s`.
    static func words(_ s: String) -> [Substring] {
        s.split(whereSeparator: { !isWordCharacter($0) })
    }

    /// A letter or a digit (a combining accent belongs to its letter).
    static func isWordCharacter(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || first.properties.numericType != nil
    }

    /// French stop words (folded), and the query operators of FTS5 and tsquery.
    static let stopWords: Set<String> = [
        "au", "aux", "avec", "ce", "ces", "cet", "cette", "ca", "dans", "de", "des", "du", "elle", "elles", "en",
        "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme",
        "mes", "moi", "mon", "ne", "ni", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
        "qui", "quoi", "dont", "sa", "se", "ses", "son", "sur", "sous", "ta", "te", "tes", "toi", "ton", "tu",
        "un", "une", "vos", "votre", "vous", "est", "sont", "etre", "avoir", "ai", "as", "ont", "sans", "si",
        "donc", "car", "comme", "aussi", "plus", "tres", "tout", "tous", "toute", "toutes", "quel", "quelle",
        "quels", "quelles", "entre", "vers", "chez", "lors", "fait", "peut", "doit", "faut", "cela", "ceci",
        "or", "and", "not", "near",
    ]
}
