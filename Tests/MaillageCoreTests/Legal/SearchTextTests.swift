import Foundation
import Testing
@testable import MaillageCore

private func stem(_ word: String) -> String { FrenchStemmer.stem(SearchText.fold(word)) }

@Suite("Search text, French stemmer and highlighting")
struct SearchTextTests {
    @Test("folding: case, accents, ligatures, typographic apostrophe")
    func fold() {
        #expect(SearchText.fold("Réglementation") == "reglementation")
        #expect(SearchText.fold("ŒUVRE Æther") == "oeuvre aether")
        #expect(SearchText.fold("L’employeur") == "l'employeur")
        #expect(SearchText.fold("Ça") == "ca")
    }

    @Test("the forms of one word share a stem", arguments: [
        ["licenciements", "licenciement", "Licenciement"],
        ["réglementation", "Réglementation", "reglementation", "réglementations", "RÉGLEMENTATIONS"],
        ["travaux", "travail", "Travail"],
        ["salariés", "salarié", "salariée", "salariées", "SALARIÉ"],
        ["conventionnelle", "conventionnel", "conventionnels"],
        ["bureaux", "bureau"],
    ])
    func sameStem(forms: [String]) {
        let stems = Set(forms.map(stem))
        #expect(stems.count == 1, "\(forms) → \(stems)")
    }

    @Test("different words keep different stems")
    func differentStems() {
        #expect(stem("licenciement") != stem("licence"))
        #expect(stem("travail") != stem("travailleur"))
        #expect(stem("salarié") != stem("salaire"))
        #expect(stem("le") == "le")
    }

    @Test("query terms: folded, stop words and 1-letter words dropped, no duplicates")
    func terms() {
        #expect(SearchText.terms("Le licenciement des salariés pour faute") == ["licenciement", "salaries", "faute"])
        #expect(SearchText.terms("l'employeur d'un CDDI à temps partiel") == ["employeur", "cddi", "temps", "partiel"])
        #expect(SearchText.terms("travail travail TRAVAIL") == ["travail"])
        #expect(SearchText.terms("le la les de des pour") == [])
        #expect(SearchText.terms("") == [])
    }

    @Test("a 1,000-word query gives at most 12 terms of at most 40 characters")
    func boundedTerms() {
        let query = (0..<1000).map { "mot\($0)" }.joined(separator: " ")
        let terms = SearchText.terms(query)
        #expect(terms.count == 12)
        #expect(terms.first == "mot0")
        let long = String(repeating: "a", count: 500)
        #expect(SearchText.terms(long) == [String(repeating: "a", count: 40)])
    }

    @Test("nothing of FTS5 or tsquery syntax survives")
    func noSyntax() {
        let query = #"licenciement" OR "faute" AND NOT salari* & (contrat | avenant) NEAR(a b) : ! <-> 'x' -- ; ^ + - ~"#
        let terms = SearchText.terms(query)
        #expect(terms == ["licenciement", "faute", "salari", "contrat", "avenant"])
        for term in terms {
            #expect(term.allSatisfy { $0.isLetter || $0.isNumber }, "\(term)")
            #expect(term == term.lowercased())
        }
        #expect(SearchText.terms("or and not near OR AND NOT NEAR") == [])
    }

    @Test("highlighting marks every form of the term")
    func highlight() {
        let segments = Highlighter.segments("Licenciements et licenciement économique", terms: ["licenciement"], maxLength: 0)
        #expect(segments == [
            Highlight(text: "Licenciements", mark: true),
            Highlight(text: " et ", mark: false),
            Highlight(text: "licenciement", mark: true),
            Highlight(text: " économique", mark: false),
        ])
        let accents = Highlighter.segments("La réglementation IAE", terms: ["reglementations"], maxLength: 100)
        #expect(accents.filter(\.mark).map(\.text) == ["réglementation"])
    }

    @Test("a long text is cut around the first match with « … »")
    func cut() {
        let before = (1...60).map { "avant\($0)" }.joined(separator: " ")
        let after = (1...60).map { "après\($0)" }.joined(separator: " ")
        let text = before + " les Licenciements collectifs " + after
        let segments = Highlighter.segments(text, terms: ["licenciement"], maxLength: 80)
        let joined = segments.map(\.text).joined()
        #expect(joined.hasPrefix("… "))
        #expect(joined.hasSuffix(" …"))
        #expect(segments.contains(Highlight(text: "Licenciements", mark: true)))
        #expect(joined.count <= 80 + 4)
        #expect(joined.count >= 40)
        // Cut on spaces: every word shown is a whole word of the text.
        let inner = joined.dropFirst(2).dropLast(2)
        #expect(text.contains(inner))
        #expect(inner.split(separator: " ").allSatisfy { text.split(separator: " ").contains($0) })
    }

    @Test("no match: the beginning of the text")
    func noMatch() {
        let text = (1...100).map { "mot\($0)" }.joined(separator: " ")
        let segments = Highlighter.segments(text, terms: ["absent"], maxLength: 50)
        #expect(segments.allSatisfy { !$0.mark })
        let joined = segments.map(\.text).joined()
        #expect(joined.hasPrefix("mot1 mot2"))
        #expect(joined.hasSuffix(" …"))
        #expect(Highlighter.segments("court", terms: [], maxLength: 50) == [Highlight(text: "court", mark: false)])
        #expect(Highlighter.segments("", terms: ["x"], maxLength: 50) == [])
    }

    @Test("cuts never split a character, even without spaces")
    func characters() {
        // Flags (two scalars each) and e + combining acute: Characters of several scalars.
        let text = String(repeating: "🇫🇷e\u{301}", count: 200) + " salarié " + String(repeating: "👩‍⚖️", count: 200)
        let segments = Highlighter.segments(text, terms: ["salariee"], maxLength: 60)
        #expect(segments.contains(Highlight(text: "salarié", mark: true)))
        for segment in segments {
            let trimmed = segment.text.replacingOccurrences(of: "… ", with: "").replacingOccurrences(of: " …", with: "")
            #expect(text.contains(trimmed))
            #expect(trimmed.unicodeScalars.first?.properties.generalCategory != .nonspacingMark)
            #expect(trimmed.unicodeScalars.last != "\u{200D}")
        }
        let first = segments.first!.text.dropFirst(2)
        #expect(first.first == "🇫🇷" || first.first == "e\u{301}")
    }
}
