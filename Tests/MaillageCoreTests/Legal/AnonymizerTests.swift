import Foundation
import Testing
@testable import MaillageCore

@Suite("Anonymizer")
struct AnonymizerTests {
    @Test("a structure's name goes in any case and with or without accents")
    func structures() {
        let text = "Emploi Solidaire 44 a écrit. EMPLOI SOLIDAIRE 44 confirme ; emploi  solidaire 44 aussi. Émploi Solidaire 440 non."
        let result = Anonymizer.anonymize(text, structures: ["Emploi Solidaire 44"], names: [])
        #expect(result.text == "[structure] a écrit. [structure] confirme ; [structure] aussi. Émploi Solidaire 440 non.")
        #expect(result.removals == [.init(original: "Emploi Solidaire 44", replacement: "[structure]", count: 3)])
        let accented = Anonymizer.anonymize("L'association Régie de Quartier Nantes Est a…", structures: ["regie de quartier nantes est"], names: [])
        #expect(accented.text == "L'association [structure] a…")
    }

    @Test("SIRET and SIREN, with or without spaces")
    func siret() {
        let text = "SIRET 123 456 789 00012, ou 12345678900012 ; SIREN 123456789 et 987 654 321. Pas 1234567890 ni 12 345."
        let result = Anonymizer.anonymize(text, structures: [], names: [])
        #expect(result.text == "SIRET [SIRET], ou [SIRET] ; SIREN [SIRET] et [SIRET]. Pas 1234567890 ni 12 345.")
        #expect(result.removals.map(\.original) == ["123 456 789 00012", "12345678900012", "123456789", "987 654 321"])
        #expect(result.removals.allSatisfy { $0.replacement == "[SIRET]" && $0.count == 1 })
    }

    @Test("persons: first and last name, the last name alone, not a word that contains it")
    func persons() {
        let text = "Jean Martin a signé. M. MARTIN part en Martinique ; jean martin revient. Martine reste."
        let result = Anonymizer.anonymize(text, structures: [], names: ["Jean Martin"])
        #expect(result.text == "[personne] a signé. M. [personne] part en Martinique ; [personne] revient. Martine reste.")
        #expect(result.removals == [
            .init(original: "Jean Martin", replacement: "[personne]", count: 2),
            .init(original: "Martin", replacement: "[personne]", count: 1),
        ])
        let alone = Anonymizer.anonymize("Mme Lefèvre et Mme LEFEVRE.", structures: [], names: ["Lefèvre"])
        #expect(alone.text == "Mme [personne] et Mme [personne].")
        #expect(alone.removals == [.init(original: "Lefèvre", replacement: "[personne]", count: 2)])
    }

    @Test("e-mail addresses and French phone numbers")
    func contacts() {
        let text = "Écrire à jean.martin@emploi-solidaire44.fr ou appeler le 02 40 12 34 56, le +33 2 40 12 34 56 ou le 06.12.34.56.78."
        let result = Anonymizer.anonymize(text, structures: [], names: ["Jean Martin"])
        #expect(result.text == "Écrire à [adresse e-mail] ou appeler le [téléphone], le [téléphone] ou le [téléphone].")
        #expect(result.removals.map(\.replacement) == ["[adresse e-mail]", "[téléphone]", "[téléphone]", "[téléphone]"])
        #expect(result.removals.first?.original == "jean.martin@emploi-solidaire44.fr")
    }

    @Test("everything at once, listed in order of first appearance; nothing to remove leaves the text alone")
    func together() {
        let text = "Bonjour Mme Durand, Emploi Solidaire 44 (SIRET 12345678900012) : voir durand@example.org. Mme Durand."
        let result = Anonymizer.anonymize(text, structures: ["Emploi Solidaire 44"], names: ["Durand"])
        #expect(result.text == "Bonjour Mme [personne], [structure] (SIRET [SIRET]) : voir [adresse e-mail]. Mme [personne].")
        #expect(result.removals.map(\.original) == ["Durand", "Emploi Solidaire 44", "12345678900012", "durand@example.org"])
        #expect(result.removals.first?.count == 2)
        let plain = Anonymizer.anonymize("Rien à retirer ici.", structures: ["  ", ""], names: [""])
        #expect(plain == Anonymization(text: "Rien à retirer ici.", removals: []))
    }
}
