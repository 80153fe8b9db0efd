import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MaillageCore

@Suite("SEPA direct-debit file (pain.008.001.02)")
struct Pain008Tests {
    /// Two first debits and one recurring one, with accents, a long name and spaced IBAN input.
    static func sampleBatch() throws -> DirectDebitBatch {
        func debit(_ id: String, _ cents: Int64, _ seq: SequenceType, _ name: String, _ iban: String, _ bic: String?) throws -> DirectDebitTransaction {
            DirectDebitTransaction(
                endToEndID: id, amount: Money(cents: cents), mandateReference: "RUM-\(id)",
                mandateSignedOn: try #require(Day(iso: "2025-11-03")), sequence: seq, debtorName: name,
                debtorIBAN: try #require(IBAN(iban)), debtorBIC: try bic.map { try #require(BIC($0)) },
                remittance: "Cotisation \(id) – « Fédération » & Cie")
        }
        return DirectDebitBatch(
            messageID: "PRLV-2026-04-15-001", createdAt: Date(timeIntervalSince1970: 1_775_000_000),
            creditorName: "Fédération des Entreprises d'Insertion Île-de-France",
            creditorIBAN: try #require(IBAN("FR76 3000 6000 0112 3456 7890 189")), creditorBIC: try #require(BIC("BNPAFRPPXXX")),
            creditorID: try #require(CreditorIdentifier("FR72ZZZ123456")), collectionDate: try #require(Day(iso: "2026-04-15")),
            transactions: [
                try debit("2026-0001", 447_407, .first, "Œuvre Sociale Saint-Étienne du Rouvray Ça Va Bien Association Très Longue Dénomination Complète", "FR14 2004 1010 0505 0001 3M02 606", "PSSTFRPPCAE"),
                try debit("2026-0002", 180_000, .recurring, "ACI Les Jardins d'Ève", "DE89370400440532013000", nil),
                try debit("2026-0003", 12_345, .first, "EI <Normandie> & Recyclage", "FR7610107001011234567890129", "BREDFRPP"),
            ])
    }

    static func xml(_ text: String) throws -> XMLDocument {
        try XMLDocument(data: Data(text.utf8), options: [])
    }

    static func values(_ doc: XMLDocument, _ path: String) throws -> [String] {
        let xpath = path.split(separator: "/").map { "*[local-name()='\($0)']" }.joined(separator: "/")
        return try doc.nodes(forXPath: "/" + xpath).map { $0.stringValue ?? "" }
    }

    @Test("2 FRST + 1 RCUR: two payment blocks, counts and control sums in the header and each block")
    func blocksAndSums() throws {
        // setup
        let batch = try Self.sampleBatch()
        // MUT
        let doc = try Self.xml(try Pain008.document(batch))
        // validate
        let root = "Document/CstmrDrctDbtInitn"
        #expect(try Self.values(doc, "\(root)/GrpHdr/NbOfTxs") == ["3"])
        #expect(try Self.values(doc, "\(root)/GrpHdr/CtrlSum") == ["6397.52"])
        #expect(try Self.values(doc, "\(root)/PmtInf/PmtTpInf/SeqTp") == ["FRST", "RCUR"])
        #expect(try Self.values(doc, "\(root)/PmtInf/NbOfTxs") == ["2", "1"])
        #expect(try Self.values(doc, "\(root)/PmtInf/CtrlSum") == ["4597.52", "1800.00"])
        #expect(try Self.values(doc, "\(root)/PmtInf/PmtInfId") == ["PRLV-2026-04-15-001-FRST", "PRLV-2026-04-15-001-RCUR"])
        #expect(try Self.values(doc, "\(root)/PmtInf/DrctDbtTxInf/InstdAmt") == ["4474.07", "123.45", "1800.00"])
        #expect(try Self.values(doc, "\(root)/PmtInf/PmtTpInf/LclInstrm/Cd") == ["CORE", "CORE"])
        #expect(try Self.values(doc, "\(root)/PmtInf/ChrgBr") == ["SLEV", "SLEV"])
        #expect(try Self.values(doc, "\(root)/PmtInf/ReqdColltnDt") == ["2026-04-15", "2026-04-15"])
        #expect(try Self.values(doc, "\(root)/PmtInf/CdtrSchmeId/Id/PrvtId/Othr/Id") == ["FR72ZZZ123456", "FR72ZZZ123456"])
        #expect(try Self.values(doc, "\(root)/PmtInf/CdtrSchmeId/Id/PrvtId/Othr/SchmeNm/Prtry") == ["SEPA", "SEPA"])
        #expect(try Self.values(doc, "\(root)/PmtInf/DrctDbtTxInf/DrctDbtTx/MndtRltdInf/MndtId") == ["RUM-2026-0001", "RUM-2026-0003", "RUM-2026-0002"])
        #expect(try Self.values(doc, "\(root)/PmtInf/DrctDbtTxInf/DrctDbtTx/MndtRltdInf/DtOfSgntr").allSatisfy { $0 == "2025-11-03" })
        #expect(try doc.nodes(forXPath: "//*[local-name()='InstdAmt'][@Ccy='EUR']").count == 3)
        #expect(doc.rootElement()?.uri == Pain008.namespace)
    }

    @Test("IBANs are written without spaces; a missing debtor BIC is NOTPROVIDED")
    func accountsAndAgents() throws {
        // MUT
        let doc = try Self.xml(try Pain008.document(try Self.sampleBatch()))
        // validate
        let tx = "Document/CstmrDrctDbtInitn/PmtInf/DrctDbtTxInf"
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/CdtrAcct/Id/IBAN") == ["FR7630006000011234567890189", "FR7630006000011234567890189"])
        #expect(try Self.values(doc, "\(tx)/DbtrAcct/Id/IBAN") == ["FR1420041010050500013M02606", "FR7610107001011234567890129", "DE89370400440532013000"])
        #expect(try Self.values(doc, "\(tx)/DbtrAgt/FinInstnId/BIC") == ["PSSTFRPPCAE", "BREDFRPP"])
        #expect(try Self.values(doc, "\(tx)/DbtrAgt/FinInstnId/Othr/Id") == ["NOTPROVIDED"])
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/CdtrAgt/FinInstnId/BIC") == ["BNPAFRPPXXX", "BNPAFRPPXXX"])
    }

    @Test("texts are in the SEPA character set: accents spelled out, others to spaces, cut to the maxima")
    func characterSet() throws {
        // MUT
        let text = try Pain008.document(try Self.sampleBatch())
        let doc = try Self.xml(text)
        // validate
        let names = try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/DrctDbtTxInf/Dbtr/Nm")
        #expect(names[0] == String("Oeuvre Sociale Saint-Etienne du Rouvray Ca Va Bien Association Tres Longue Denomination Complete".prefix(70)))
        #expect(names[0].count == 70)
        #expect(names[1] == "EI Normandie + Recyclage")
        #expect(names[2] == "ACI Les Jardins d'Eve")
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/GrpHdr/InitgPty/Nm") == ["Federation des Entreprises d'Insertion Ile-de-France"])
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/DrctDbtTxInf/RmtInf/Ustrd")[0] == "Cotisation 2026-0001 - ' Federation ' + Cie")
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")
        for node in try doc.nodes(forXPath: "//*[not(*)]") {
            #expect((node.stringValue ?? "").allSatisfy { allowed.contains($0) }, "\(node.name ?? "") = \(node.stringValue ?? "")")
        }
        #expect(!text.contains("é") && !text.contains("&amp;") && !text.contains("&lt;"))
    }

    @Test("helper cuts: Ustrd 140, identifiers 35 without leading, trailing or double slash")
    func cuts() {
        #expect(SEPAText.clean(String(repeating: "é", count: 200), maxLength: 140) == String(repeating: "e", count: 140))
        #expect(SEPAText.identifier("/" + String(repeating: "A", count: 40) + "/") == String(repeating: "A", count: 35))
        #expect(SEPAText.identifier("RUM//2026 ") == "RUM/2026")
        #expect(SEPAText.clean("Ça  coûte\t5 €", maxLength: 70) == "Ca coute 5")
    }

    @Test("an empty batch or an amount of zero or less is refused")
    func refusals() throws {
        // setup
        var empty = try Self.sampleBatch()
        empty.transactions = []
        var zero = try Self.sampleBatch()
        zero.transactions[1].amount = .zero
        var negative = try Self.sampleBatch()
        negative.transactions[2].amount = Money(cents: -1)
        // MUT + validate
        #expect(throws: DirectDebitError.empty) { try Pain008.document(empty) }
        #expect(throws: DirectDebitError.nonPositiveAmount(endToEndID: "2026-0002")) { try Pain008.document(zero) }
        #expect(throws: DirectDebitError.nonPositiveAmount(endToEndID: "2026-0003")) { try Pain008.document(negative) }
        #expect(DirectDebitError.empty.localizedDescription.contains("Aucun prélèvement"))
    }

    @Test("only recurring debits: one block, RCUR")
    func singleSequence() throws {
        // setup
        var batch = try Self.sampleBatch()
        batch.transactions = batch.transactions.map { var t = $0; t.sequence = .recurring; return t }
        // MUT
        let doc = try Self.xml(try Pain008.document(batch))
        // validate
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/PmtTpInf/SeqTp") == ["RCUR"])
        #expect(try Self.values(doc, "Document/CstmrDrctDbtInitn/PmtInf/CtrlSum") == ["6397.52"])
    }

    /// Tests/dues/test_pain008_xsd.py runs this with PAIN008_OUT set, then validates the
    /// file against the official XSD; without the variable it only checks the text is written.
    @Test("the sample document is written where PAIN008_OUT says (for the XSD check)")
    func writeSampleForXSD() throws {
        let text = try Pain008.document(try Self.sampleBatch())
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        if let path = ProcessInfo.processInfo.environment["PAIN008_OUT"], !path.isEmpty {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
