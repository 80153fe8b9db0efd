import Foundation
import Testing
@testable import MaillageCore

/// The sample statements in Tests/dues/fixtures, shared with the app tests.
enum BankingFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("dues/fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// A camt.053 document around the given Ntry elements.
    static func camt(_ entries: String, version: String = "02") -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.\(version)"><BkToCstmrStmt><Stmt>
        \(entries)
        </Stmt></BkToCstmrStmt></Document>
        """.utf8)
    }
}

@Suite("Bank statement camt.053")
struct Camt053Tests {
    @Test("the five-credit fixture: amounts with their sign, days, references, payers and remittances")
    func fixture() throws {
        // setup
        let data = try BankingFixtures.data("camt053-five-credits.xml")
        // MUT
        let entries = try Camt053.parse(data)
        // validate
        #expect(entries.count == 6)
        #expect(entries.map(\.amount.cents) == [447_407, 180_000, 255_000, 45_000, 12_000, -3_550])
        #expect(entries.map(\.bookedOn.iso) == ["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-12", "2026-03-16", "2026-03-31"])
        #expect(entries[0].reference == "BQ20260302-0001")      // AcctSvcrRef beats NtryRef
        #expect(entries[1].reference == "NREF-02")
        #expect(entries[2].reference.hasPrefix("h:2026-03-09:2550.00:"))
        #expect(entries[0].payerName == "AI TREMPLIN CAEN")
        #expect(entries[0].remittance == "COTISATION 2026-0001 MERCI")
        #expect(entries[1].remittance == "APPEL 2026 - 0002 ACI")
        #expect(entries[2].remittance == "2026-0003")
        #expect(entries[3].payerName == "ASSOC. LE RELAIS")
        #expect(entries[4].remittance == "VIR SEPA M DUPONT JEAN DON")
        #expect(entries[4].payerName == "")
    }

    @Test("reading the same file twice gives the same references, all distinct")
    func stableReferences() throws {
        // setup
        let entry = """
        <Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt>
        <NtryDtls><TxDtls><RmtInf><Ustrd>DON</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        """
        let data = BankingFixtures.camt(entry + entry)
        // MUT
        let first = try Camt053.parse(data), second = try Camt053.parse(data)
        // validate
        #expect(first.map(\.reference) == second.map(\.reference))
        #expect(Set(first.map(\.reference)).count == 2)
        #expect(first[0].reference.hasSuffix("#0") && first[1].reference.hasSuffix("#1"))
        #expect(first[0].reference.dropLast(2) == first[1].reference.dropLast(2))
    }

    @Test("a later version (camt.053.001.08): party names under Pty, DtTm, 5-decimal amounts, pending lines left out")
    func laterVersion() throws {
        // setup
        let data = BankingFixtures.camt("""
        <Ntry><NtryRef>A1</NtryRef><Amt Ccy="EUR">12.50000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
          <BookgDt><DtTm>2026-02-03T09:00:00Z</DtTm></BookgDt>
          <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Le Relais</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>Appel 2026-0042</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        <Ntry><NtryRef>A2</NtryRef><Amt Ccy="EUR">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts>
          <BookgDt><Dt>2026-02-04</Dt></BookgDt></Ntry>
        """, version: "08")
        // MUT
        let entries = try Camt053.parse(data)
        // validate
        #expect(entries == [StatementEntry(reference: "A1", bookedOn: Day(iso: "2026-02-03")!, amount: Money(cents: 1250),
                                           payerName: "Le Relais", remittance: "Appel 2026-0042")])
    }

    @Test("a direct-debit batch credit carries its batch id in the remittance")
    func batchIDs() throws {
        // setup
        let data = BankingFixtures.camt("""
        <Ntry><AcctSvcrRef>B1</AcctSvcrRef><Amt Ccy="EUR">6398.52</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-04-15</Dt></BookgDt>
          <AddtlNtryInf>REMISE PRLV SEPA</AddtlNtryInf>
          <NtryDtls><TxDtls><Refs><MsgId>PRLV-2026-04-15-001</MsgId><PmtInfId>PRLV-2026-04-15-001-FRST</PmtInfId></Refs></TxDtls></NtryDtls></Ntry>
        """)
        // MUT
        let entries = try Camt053.parse(data)
        // validate
        #expect(entries.count == 1)
        #expect(entries[0].remittance.contains("PRLV-2026-04-15-001"))
        #expect(entries[0].remittance.hasPrefix("REMISE PRLV SEPA"))
    }

    @Test("malformed, foreign, entity-laden and huge files are refused with a French message, never a crash")
    func refusals() throws {
        #expect(throws: StatementError.self) { try Camt053.parse(Data("<Document><Ntry>".utf8)) }
        #expect(throws: StatementError.self) { try Camt053.parse(Data("pas du XML du tout".utf8)) }
        #expect(throws: StatementError.self) { try Camt053.parse(Data()) }
        do {
            _ = try Camt053.parse(Data(#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"/>"#.utf8))
            Issue.record("a pain.008 file was read as a statement")
        } catch {
            guard case .notAStatement(let why) = error else { Issue.record("\(error)"); return }
            #expect(why.contains("n'est pas un relevé"))
        }
        let bomb = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol2;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
        """
        #expect(throws: StatementError.notAStatement("Le relevé contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité.")) {
            try Camt053.parse(Data(bomb.utf8))
        }
        #expect(throws: StatementError.tooLarge) { try Camt053.parse(Data(repeating: 0x20, count: 5 * 1024 * 1024 + 1)) }
        let entry = #"<Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>"#
        #expect(throws: StatementError.tooLarge) {
            try Camt053.parse(BankingFixtures.camt(String(repeating: entry + "\n", count: StatementError.maxEntries + 1)))
        }
        #expect(StatementError.tooLarge.localizedDescription.contains("trop volumineux"))
    }

    @Test("every truncation of the fixture is read or refused with a StatementError, never a crash")
    func truncations() throws {
        // setup
        let data = try BankingFixtures.data("camt053-five-credits.xml")
        var refused = 0
        // MUT
        for end in stride(from: 0, to: data.count, by: 37) {
            do {
                _ = try Camt053.parse(data.prefix(end))
            } catch {
                refused += 1
            }
        }
        // validate: a cut document is never a whole statement
        #expect(refused == (data.count + 36) / 37)
    }

    @Test("remittance text in a CDATA section is read")
    func cdata() throws {
        let data = BankingFixtures.camt("""
        <Ntry><Amt>5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt>
        <NtryDtls><TxDtls><RmtInf><Ustrd><![CDATA[Cotisation 2026-0007 & co]]></Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        """)
        #expect(try Camt053.parse(data).first?.remittance == "Cotisation 2026-0007 & co")
    }

    @Test("an unreadable amount, sign or day names its line")
    func invalidLines() {
        let bad = BankingFixtures.camt("""
        <Ntry><Amt>1,00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>
        """)
        #expect(throws: StatementError.invalid(line: 3, "montant illisible « 1,00 ».")) { try Camt053.parse(bad) }
        let noSign = BankingFixtures.camt(#"<Ntry><Amt>1.00</Amt><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>"#)
        #expect(throws: StatementError.self) { try Camt053.parse(noSign) }
        let noDay = BankingFixtures.camt(#"<Ntry><Amt>1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>"#)
        #expect(throws: StatementError.self) { try Camt053.parse(noDay) }
    }
}
