import Foundation

/// A light French stemmer (plural/feminine endings: licenciements → licenciement, travaux → travail,
/// réglementation/reglementation → same stem). Used for the SQLite index and for highlighting.
///
/// It only has to give the same stem to the forms of one word, not a dictionary word: the index
/// and the query go through the same function. Words of three letters or fewer are left alone.
public enum FrenchStemmer {
    /// The stem of a folded word (see `SearchText.fold`): lowercase, no accents.
    public static func stem(_ foldedWord: String) -> String {
        var w = foldedWord
        guard w.count > 3 else { return w }
        // Plurals: bureaux → bureau, travaux/chevaux → traval/cheval, licenciements → licenciement.
        if w.hasSuffix("eaux") {
            w.removeLast()
        } else if w.hasSuffix("aux"), w.count > 4 {
            w.removeLast(3)
            w += "al"
        } else if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 3 {
            w.removeLast()
        }
        // Feminine forms: salariee → salarie, conventionnelle → conventionnel, collective → collectif.
        for (ending, replacement) in feminine where w.hasSuffix(ending) && w.count > ending.count + 2 {
            w.removeLast(ending.count)
            w += replacement
            break
        }
        // travail and travaux meet at "traval", as cheval/chevaux and detail/details do.
        if w.hasSuffix("ail"), w.count > 4 {
            w.removeLast(3)
            w += "al"
        }
        return w
    }

    /// Feminine endings and their masculine form, longest first.
    private static let feminine: [(String, String)] = [
        ("elle", "el"), ("enne", "en"), ("euse", "eur"), ("trice", "teur"), ("ive", "if"), ("ee", "e"),
    ]
}
