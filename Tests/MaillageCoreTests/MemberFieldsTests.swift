import Foundation
import MaillageCore
import Testing

/// Every cell of the member file is bounded where it enters, with a French message per problem.
@Suite struct MemberFieldsTests {
    static let header = "siret;nom;types;adresse;code_postal;commune;departement;site_web;statut;date_adhesion"
    static let siret = SIRET.makeValid(siren9: "732829320", nic4: "0001").digits

    static func parse(_ line: String) -> MemberFileParse {
        MemberFile.parse(FrenchCSV.parse(header + "\r\n" + line + "\r\n"))
    }

    @Test func boundedCellsAreRefusedWithAMessage() {
        // setup
        let long = String(repeating: "x", count: MemberFields.nameMax + 1)
        let cases: [(String, String)] = [
            ("\(Self.siret);\(long);AI;;;Nantes;44;;;", "Le nom ne doit pas dépasser 200 caractères."),
            ("\(Self.siret);Relais;AI;\(String(repeating: "r", count: 251));;Nantes;44;;;", "L'adresse ne doit pas dépasser 250 caractères."),
            ("\(Self.siret);Relais;AI;;;\(String(repeating: "c", count: 101));44;;;", "La commune ne doit pas dépasser 100 caractères."),
            ("\(Self.siret);Rel\u{0}ais;AI;;;Nantes;44;;;", "Le nom contient un caractère de contrôle"),
            ("\(Self.siret);Relais;AI;;4400x;Nantes;44;;;", "Code postal invalide"),
            ("\(Self.siret);Relais;AI;;;Nantes;44;javascript:alert(1);;", "Site web « javascript:alert(1) » : Seules les adresses"),
            ("\(Self.siret);Relais;AI;;;Nantes;44;;;01/01/1850", "Date d'adhésion hors limites"),
            ("\(Self.siret);Relais;AI;;;Nantes;44;;;2101-01-01", "entre 1900 et 2100"),
        ]
        for (line, message) in cases {
            // MUT
            let parsed = Self.parse(line)
            // validate
            #expect(parsed.rows.isEmpty, "\(message)")
            #expect(parsed.errors.first?.messages.contains { $0.contains(message) } == true, "\(parsed.errors)")
        }
    }

    @Test func echoedCellsAreCutShort() {
        let parsed = Self.parse("\(Self.siret);Relais;AI;;;Nantes;\(String(repeating: "9", count: 5000));;;")
        let message = parsed.errors.first?.messages.first ?? ""
        #expect(message.hasPrefix("Département inconnu"))
        #expect(message.count < 80)
    }

    @Test func cellsAreNormalised() throws {
        // MUT
        let parsed = Self.parse("\(Self.siret);Relais;AI;\"12 rue X\r\nBât. B\";1000;Bourg;01;www.relais.fr;;1/2/1990")
        // validate
        let row = try #require(parsed.rows.first, "\(parsed.errors)")
        #expect(row.address == "12 rue X\r\nBât. B")
        #expect(row.postalCode == "01000")
        #expect(row.website == "https://www.relais.fr")
        #expect(row.joinedOn == "1990-02-01")
    }

    @Test func limitsAreInclusive() {
        #expect(MemberFields.text(String(repeating: "n", count: 200), label: "Le nom", max: 200) == .success(String(repeating: "n", count: 200)))
        #expect(MemberFields.isInRange(isoDay: "1900-01-01"))
        #expect(MemberFields.isInRange(isoDay: "2100-12-31"))
        #expect(!MemberFields.isInRange(isoDay: "1899-12-31"))
        // one letter with a thousand accents is not one character's worth of storage
        let zalgo = "a" + String(repeating: "\u{301}", count: 1000)
        #expect(MemberFields.text(zalgo, label: "Le nom", max: 200) != .success(zalgo))
    }
}
