import Foundation
import Testing
@testable import MaillageCore

@Suite("Bank statement CSV")
struct BankCSVTests {
    @Test("a Windows-1252 export with Débit/Crédit columns and lines about the account before the header")
    func windows1252DebitCredit() throws {
        // setup
        let data = try BankingFixtures.data("releve-cp1252.csv")
        #expect(String(data: data, encoding: .utf8) == nil)       // really not UTF-8
        // MUT
        let entries = try BankCSV.parse(data)
        // validate
        #expect(entries.map(\.amount.cents) == [447_407, 45_000, 45_000, 12_000, -3_550])
        #expect(entries.map(\.bookedOn.iso) == ["2026-03-02", "2026-03-12", "2026-03-12", "2026-03-16", "2026-03-31"])
        #expect(entries[3].remittance == "VIR SEPA M. DUPONT; DON")
        #expect(entries[4].remittance == "FRAIS TENUE DE COMPTE – ŒUVRE")
        #expect(entries.allSatisfy { $0.payerName.isEmpty && $0.reference.hasPrefix("h:") })
        // Two identical transfers on one day stay two lines, told apart by their rank.
        #expect(entries[1].reference.hasSuffix("#0") && entries[2].reference.hasSuffix("#1"))
        #expect(try BankCSV.parse(data).map(\.reference) == entries.map(\.reference))
    }

    @Test("a UTF-8 export with one signed Montant column, a payer column and ISO days")
    func utf8Amount() throws {
        // setup
        let text = "\u{FEFF}Date;Libellé;Tiers;Montant (EUR)\n2026-03-02;Cotisation 2026-0001;AI Tremplin;1 234,56 €\n03/03/26;Prélèvement frais;;-12,50\n"
        // MUT
        let entries = try BankCSV.parse(Data(text.utf8))
        // validate
        #expect(entries.map(\.amount.cents) == [123_456, -1_250])
        #expect(entries.map(\.bookedOn.iso) == ["2026-03-02", "2026-03-03"])
        #expect(entries[0].payerName == "AI Tremplin")
        #expect(entries[0].remittance == "Cotisation 2026-0001")
    }

    @Test("a comma-separated export with quoted French amounts and a dotted thousands mark")
    func commaSeparated() throws {
        let text = "Date,Libelle,Debit,Credit\r\n05/03/2026,\"VIR 2026-0002\",,\"1.800,00\"\r\n06/03/2026,FRAIS,\"-3,20\",\r\n"
        let entries = try BankCSV.parse(Data(text.utf8))
        #expect(entries.map(\.amount.cents) == [180_000, -320])
    }

    @Test("no recognisable header, a bad amount or a bad day is refused in French with its line")
    func refusals() {
        #expect(throws: StatementError.self) { try BankCSV.parse(Data("a;b;c\n1;2;3\n".utf8)) }
        do {
            _ = try BankCSV.parse(Data("x;y\n".utf8))
        } catch {
            guard case .notAStatement(let why) = error else { Issue.record("\(error)"); return }
            #expect(why.contains("Date, Libellé"))
        }
        #expect(throws: StatementError.invalid(line: 3, "montant illisible « 12,345 ».")) {
            try BankCSV.parse(Data("Date;Libellé;Montant\n01/03/2026;A;1,00\n02/03/2026;B;12,345\n".utf8))
        }
        #expect(throws: StatementError.invalid(line: 2, "date illisible « 31/02/2026 » (jj/mm/aaaa attendu).")) {
            try BankCSV.parse(Data("Date;Libellé;Montant\n31/02/2026;A;1,00\n".utf8))
        }
        #expect(throws: StatementError.tooLarge) { try BankCSV.parse(Data(repeating: 0x41, count: 5 * 1024 * 1024 + 1)) }
    }
}
