import Foundation
@testable import MaillageCore
import Testing

@Suite struct IBANTests {
    @Test(arguments: [
        "FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "fr76 3000 6000 0112 3456 7890 189",
        "DE89 3704 0044 0532 0130 00", "BE68 5390 0754 7034", "GB29 NWBK 6016 1331 9268 19", "NO93 8601 1117 947",
        "MT84 MALT 0110 0001 2345 MTLC AST0 01S", "CH93 0076 2011 6238 5295 7",
    ])
    func acceptsValid(text: String) {
        #expect(IBAN(text) != nil)
    }

    @Test(arguments: [
        "FR76 3000 6000 0112 3456 7890 188",   // key wrong
        "FR67 3000 6000 0112 3456 7890 189",   // check digits swapped
        "FR76 3000 6000 0112 3456 7890 18",    // too short for FR
        "FR76 3000 6000 0112 3456 7890 1890",  // too long
        "US64 SVBK US6S 3300 9673 8637",       // not a SEPA country
        "FR76-3000-6000-0112-3456-7890-189", "", "FR", "FR76", "7630006000011234567890189FR",
        "FR76 3000 6000 0112 3456 7890 18é",
    ])
    func rejectsInvalid(text: String) {
        #expect(IBAN(text) == nil)
    }

    @Test func forms() throws {
        let iban = try #require(IBAN(" fr7630006000011234567890189 "))
        #expect(iban.electronic == "FR7630006000011234567890189")
        #expect(iban.printed == "FR76 3000 6000 0112 3456 7890 189")
        #expect(iban.countryCode == "FR")
        #expect(try JSONDecoder().decode(IBAN.self, from: JSONEncoder().encode(iban)) == iban)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IBAN.self, from: Data(#""FR7630006000011234567890188""#.utf8))
        }
    }

    @Test(arguments: ["BNPAFRPP", "BNPAFRPPXXX", "bnpa fr pp xxx", "AGRIFRPP882", "DEUTDEFF500", "CEPAFRPP1A1"])
    func acceptsBIC(text: String) throws {
        let bic = try #require(BIC(text))
        #expect(bic.code == text.filter { !$0.isWhitespace }.uppercased())
    }

    @Test(arguments: ["", "BNPAFRP", "BNPAFRPPXX", "BNPAFRPPXXXX", "BNP1FRPP", "BNPAF1PP", "BNPAFRP_", "BNPAFRPPXX-",
                      /* test and passive codes the SEPA schemas refuse */ "BNPAFR0P", "BNPAFR1P", "BNPAFRPO"])
    func rejectsBIC(text: String) {
        #expect(BIC(text) == nil)
    }

    @Test func bicCountry() throws {
        #expect(try #require(BIC("DEUTDEFF")).countryCode == "DE")
    }

    /// FR72ZZZ123456 is the example ICS of French banks' documentation, and it checks:
    /// 123456 F(15) R(27) 72 → 123456152772 mod 97 = 1. The business code does not count.
    @Test(arguments: ["FR72ZZZ123456", "fr72 zzz 123456", "FR72ABC123456", "FR22ZZZABC123", "DE98ZZZ09999999999"])
    func acceptsCreditorIdentifier(text: String) {
        #expect(CreditorIdentifier(text) != nil)
    }

    @Test(arguments: ["FR73ZZZ123456", "FR72ZZZ123457", "FR72ZZZ12345", "FR72ZZZ1234567", "", "FR72", "FRXXZZZ123456",
                      "FR72ZZ-123456"])
    func rejectsCreditorIdentifier(text: String) {
        #expect(CreditorIdentifier(text) == nil)
    }

    @Test func creditorIdentifierParts() throws {
        let ics = try #require(CreditorIdentifier("fr72 zzz 123456"))
        #expect(ics.value == "FR72ZZZ123456")
        #expect(ics.countryCode == "FR")
        #expect(ics.businessCode == "ZZZ")
        #expect(ics.nationalID == "123456")
    }
}
