import Foundation
@testable import MaillageCore
import Testing

@Suite struct FrenchCollationTests {
    @Test("the issue's examples: Château-Gontier before Cherbourg, Évry before Vesoul, Île-de-France among the I")
    func issueExamples() {
        // setup
        let communes = ["Vesoul", "Cherbourg", "Évry", "Île-de-France", "Château-Gontier", "Ivry", "Igny", "Zèbre", "Amiens"]
        // MUT
        let sorted = FrenchCollation.sorted(communes)
        // validate
        #expect(sorted == ["Amiens", "Château-Gontier", "Cherbourg", "Évry", "Igny", "Île-de-France", "Ivry", "Vesoul", "Zèbre"])
        // A byte order (SQLite's default) puts every accented capital after Z.
        #expect(communes.sorted().last == "Île-de-France")
    }

    @Test("accents, case, ligatures and separators are folded in the key")
    func folding() {
        #expect(FrenchCollation.key("Château-Gontier") == "chateau gontier")
        #expect(FrenchCollation.key("ÉVRY") == "evry")
        #expect(FrenchCollation.key("Œuvre d’Æsope") == "oeuvre d aesope")
        #expect(FrenchCollation.key("  Saint--Denis  ") == "saint denis")
        #expect(FrenchCollation.key("L'Haÿ-les-Roses") == "l hay les roses")
        #expect(FrenchCollation.key("Straße") == "strasse")
    }

    @Test("fold keeps separators and numbers as they are")
    func fold() {
        #expect(FrenchCollation.fold("Œuvre-Évry 02") == "oeuvre-evry 02")
    }

    @Test("words before longer words: Saint-Denis and Saint Étienne before Saintes")
    func wordByWord() {
        #expect(FrenchCollation.sorted(["Saintes", "Saint-Étienne", "Saint Denis"]) == ["Saint Denis", "Saint-Étienne", "Saintes"])
    }

    @Test("digits compare as numbers, leading zeros aside")
    func numbers() {
        #expect(FrenchCollation.sorted(["Lot 10", "Lot 2", "Lot 1", "Lot 02b"]) == ["Lot 1", "Lot 2", "Lot 02b", "Lot 10"])
        #expect(FrenchCollation.sorted(["Arrondissement 9", "Arrondissement 12345678901234"]).first == "Arrondissement 9")
    }

    @Test("ties are broken by the exact text: a total order, the same from any starting order")
    func totalAndStable() {
        // setup
        let words = ["cote", "Côte", "côte", "coté", "Cote", "côté", "COTE"]
        // MUT
        let orders = [words, words.reversed(), words.shuffled(), words.shuffled()].map(FrenchCollation.sorted)
        // validate
        #expect(Set(orders.map { $0.joined(separator: "|") }).count == 1)
        #expect(Set(words.map(FrenchCollation.key)) == ["cote"])
        for (a, b) in zip(orders[0], orders[0].dropFirst()) {
            #expect(FrenchCollation.areInIncreasingOrder(a, b))
            #expect(!FrenchCollation.areInIncreasingOrder(b, a))
        }
        #expect(!FrenchCollation.areInIncreasingOrder("Évry", "Évry"))
    }

    @Test("text Unicode writes two ways (é composed or e + accent) sorts together")
    func normalization() {
        #expect(FrenchCollation.key("E\u{301}vry") == FrenchCollation.key("\u{C9}vry"))
    }
}
