import MaillageCore
import Testing

@Suite struct MemberFileParseTests {
    static let header = "SIRET;Nom;Types;Adresse;Code postal;Commune;Département;Site web;Statut;Date d'adhésion;SIRET GES"

    static func parse(_ lines: String...) -> MemberFileParse {
        MemberFile.parse(FrenchCSV.parse(([header] + lines).joined(separator: "\r\n")))
    }

    @Test func readsAValidLine() throws {
        // MUT
        let result = Self.parse("732 829 320 00074; Le Relais ;ACI & AI;;44000;Nantes;44;;Associé;1/2/2024;35600000000048")
        // validate
        #expect(result.errors.isEmpty && result.fileErrors.isEmpty)
        let row = try #require(result.rows.first)
        #expect(row == MemberRow(line: 2, siret: SIRET("73282932000074")!, name: "Le Relais", types: [.ai, .aci],
                                 postalCode: "44000", commune: "Nantes", department: "44", status: .associate,
                                 joinedOn: "2024-02-01", gesParentSiret: SIRET("35600000000048")))
        #expect(row.address == nil && row.website == nil)
    }

    @Test func columnsInAnyOrderAndShortLines() {
        let records = FrenchCSV.parse("commune;departement;nom;types;siret;remarque\nBrest;29;Ti Ar Vro;EI;73282932000074")
        let result = MemberFile.parse(records)
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.department) == ["29"])
        #expect(result.rows.first?.status == .active)
    }

    @Test func missingRequiredColumnsAreFileErrors() {
        let result = MemberFile.parse(FrenchCSV.parse("siret;nom;types;commune;adresse\n73282932000074;A;AI;Caen;"))
        #expect(result.fileErrors == ["Colonne obligatoire absente : departement"])
        #expect(result.rows.isEmpty && result.errors.isEmpty)
        #expect(MemberFile.parse([]).fileErrors == ["Le fichier est vide."])
    }

    @Test func reportsEveryProblemOfALineTogether() {
        let result = Self.parse(";;XYZ, AI et Foo;;;;99;;x;31/02/2024;123")
        #expect(result.rows.isEmpty)
        #expect(result.errors == [LineError(line: 2, messages: [
            "SIRET manquant.",
            "Nom manquant.",
            "Type inconnu : « XYZ ».",
            "Type inconnu : « Foo ».",
            "Département inconnu : « 99 ».",
            "Commune manquante.",
            "Statut inconnu : « x » (attendu : actif ou associé).",
            "Date d'adhésion invalide : « 31/02/2024 » (attendu : JJ/MM/AAAA).",
            "SIRET du GES invalide : « 123 ».",
        ])])
    }

    @Test func invalidSiretAndMissingValues() {
        let result = Self.parse("1234;A;;;;Lyon;", "73282932000075;B;AI;;;Lyon;69")
        #expect(result.errors == [
            LineError(line: 2, messages: ["SIRET « 1234 » : Le SIRET doit compter 14 chiffres.",
                                          "Aucun type indiqué.", "Département manquant."]),
            LineError(line: 3, messages: ["SIRET « 73282932000075 » : Le SIRET n'est pas valide (clé de contrôle incorrecte)."]),
        ])
    }

    @Test func duplicateSiretIsReportedOnTheLaterLine() {
        let result = Self.parse("73282932000074;A;AI;;;Lyon;69", ";;;;;;", "", "732 829 320 00074;B;EI;;;Lyon;69")
        #expect(result.rows.map(\.name) == ["A"])
        #expect(result.errors == [LineError(line: 5, messages: ["SIRET en double dans le fichier (déjà ligne 2)."])])
    }

    @Test func lineNumbersFollowQuotedNewlines() {
        let result = Self.parse("73282932000074;\"Deux\nlignes\";AI;;;Lyon;69", "1;B;AI;;;Lyon;69")
        #expect(result.rows.first?.name == "Deux\nlignes")
        #expect(result.errors.map(\.line) == [4])
    }
}
