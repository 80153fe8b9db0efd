import Foundation
import MaillageCore
import Testing

@Suite struct SIRETTests {
    @Test func acceptsAValidSiretWrittenAnyWay() throws {
        let siret = try #require(SIRET("732 829 320\u{00A0}000.74"))
        #expect(siret.digits == "73282932000074")
        #expect(SIRET("732-829-320\u{202F}00074") == siret)
        #expect(siret.siren == "732829320")
        #expect(siret.formatted == "732 829 320 00074")
        #expect(siret.description == "73282932000074")
    }

    @Test func rejectsABadKeyOrLength() {
        #expect(SIRET("73282932000075") == nil)
        #expect(SIRET("7328293200007") == nil)
        #expect(SIRET("7328293200007A") == nil)
        // Arabic-Indic digits are digits to Swift but not to INSEE.
        #expect(SIRET("٧٣٢٨٢٩٣٢٠٠٠٠٧٤") == nil)
    }

    @Test func laPosteEstablishmentsUseTheirOwnRule() {
        #expect(SIRET("35600000000048") != nil) // head office, Luhn-valid
        #expect(SIRET("35600000049837") != nil) // digit sum 45, not Luhn-valid
        #expect(SIRET("35600000049838") == nil)
        // The digit-sum rule applies to La Poste's SIREN only: digit sum 25, bad Luhn.
        #expect(SIRET("35600010004902") == nil)
    }

    @Test func problemMessages() {
        #expect(SIRET.problem("73282932000074") == nil)
        #expect(SIRET.problem("  ") == "Le SIRET est obligatoire.")
        #expect(SIRET.problem("1234") == "Le SIRET doit compter 14 chiffres.")
        #expect(SIRET.problem("ABCDEFGHIJKLMN") == "Le SIRET doit compter 14 chiffres.")
        #expect(SIRET.problem("73282932000075") == "Le SIRET n'est pas valide (clé de contrôle incorrecte).")
    }

    @Test func makeValidCompletesTheKey() {
        for n in 0..<50 {
            let nic = String(1000 + n * 37)
            let siret = SIRET.makeValid(siren9: "123456789", nic4: nic)
            #expect(siret.digits.hasPrefix("123456789" + nic))
            #expect(SIRET(siret.digits) == siret)
        }
    }

    @Test func codableAsASingleString() throws {
        // setup
        let siret = try #require(SIRET("73282932000074"))
        // MUT
        let json = try JSONEncoder().encode([siret])
        let back = try JSONDecoder().decode([SIRET].self, from: json)
        // validate
        #expect(String(decoding: json, as: UTF8.self) == #"["73282932000074"]"#)
        #expect(back == [siret])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([SIRET].self, from: Data(#"["73282932000075"]"#.utf8))
        }
    }
}
