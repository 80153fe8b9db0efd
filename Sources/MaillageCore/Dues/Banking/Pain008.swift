import Foundation

/// A SEPA Core direct-debit file, ISO 20022 `pain.008.001.02`, as French banks take it:
/// one payment block (PmtInf) per sequence type present (FRST first, then RCUR), the count
/// and the control sum in the group header and in each block, amounts "1234.56" written
/// from cents, texts in the SEPA character set and cut to the schema's maxima.
public enum Pain008 {
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"

    /// The file's text (UTF-8). Throws `DirectDebitError` when there is nothing to
    /// collect, an amount is not positive, or a total does not fit.
    public static func document(_ b: DirectDebitBatch) throws -> String {
        guard !b.transactions.isEmpty else { throw DirectDebitError.empty }
        for t in b.transactions where t.amount.cents <= 0 {
            throw DirectDebitError.nonPositiveAmount(endToEndID: t.endToEndID)
        }
        let total = try sum(b.transactions)
        var x = BankXMLWriter()
        x.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        x.open("Document", attributes: #" xmlns="\#(namespace)" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#)
        x.open("CstmrDrctDbtInitn")
        x.open("GrpHdr")
        x.leaf("MsgId", SEPAText.identifier(b.messageID))
        x.leaf("CreDtTm", dateTime(b.createdAt))
        x.leaf("NbOfTxs", String(b.transactions.count))
        x.leaf("CtrlSum", total.plain)
        x.open("InitgPty")
        x.leaf("Nm", SEPAText.clean(b.creditorName, maxLength: 70))
        x.close("InitgPty")
        x.close("GrpHdr")
        for sequence in SequenceType.allCases {
            let transactions = b.transactions.filter { $0.sequence == sequence }
            guard !transactions.isEmpty else { continue }
            try paymentInformation(&x, b, sequence, transactions)
        }
        x.close("CstmrDrctDbtInitn")
        x.close("Document")
        return x.text
    }

    private static func paymentInformation(_ x: inout BankXMLWriter, _ b: DirectDebitBatch, _ sequence: SequenceType,
                                           _ transactions: [DirectDebitTransaction]) throws {
        x.open("PmtInf")
        // "-FRST"/"-RCUR" keeps the two blocks' ids distinct within 35 characters.
        x.leaf("PmtInfId", SEPAText.identifier(b.messageID, maxLength: 30) + "-" + sequence.rawValue)
        x.leaf("PmtMtd", "DD")
        x.leaf("BtchBookg", "true")
        x.leaf("NbOfTxs", String(transactions.count))
        x.leaf("CtrlSum", try sum(transactions).plain)
        x.open("PmtTpInf")
        x.open("SvcLvl"); x.leaf("Cd", "SEPA"); x.close("SvcLvl")
        x.open("LclInstrm"); x.leaf("Cd", "CORE"); x.close("LclInstrm")
        x.leaf("SeqTp", sequence.rawValue)
        x.close("PmtTpInf")
        x.leaf("ReqdColltnDt", b.collectionDate.iso)
        x.open("Cdtr"); x.leaf("Nm", SEPAText.clean(b.creditorName, maxLength: 70)); x.close("Cdtr")
        x.open("CdtrAcct"); x.open("Id"); x.leaf("IBAN", b.creditorIBAN.electronic); x.close("Id"); x.close("CdtrAcct")
        x.open("CdtrAgt"); x.open("FinInstnId"); x.leaf("BIC", text(of: b.creditorBIC)); x.close("FinInstnId"); x.close("CdtrAgt")
        x.leaf("ChrgBr", "SLEV")
        x.open("CdtrSchmeId"); x.open("Id"); x.open("PrvtId"); x.open("Othr")
        x.leaf("Id", text(of: b.creditorID))
        x.open("SchmeNm"); x.leaf("Prtry", "SEPA"); x.close("SchmeNm")
        x.close("Othr"); x.close("PrvtId"); x.close("Id"); x.close("CdtrSchmeId")
        for t in transactions { transaction(&x, t) }
        x.close("PmtInf")
    }

    private static func transaction(_ x: inout BankXMLWriter, _ t: DirectDebitTransaction) {
        x.open("DrctDbtTxInf")
        x.open("PmtId"); x.leaf("EndToEndId", nonEmpty(SEPAText.identifier(t.endToEndID))); x.close("PmtId")
        x.leaf("InstdAmt", t.amount.plain, attributes: #" Ccy="EUR""#)
        x.open("DrctDbtTx"); x.open("MndtRltdInf")
        x.leaf("MndtId", nonEmpty(SEPAText.identifier(t.mandateReference)))
        x.leaf("DtOfSgntr", t.mandateSignedOn.iso)
        x.close("MndtRltdInf"); x.close("DrctDbtTx")
        x.open("DbtrAgt"); x.open("FinInstnId")
        if let bic = t.debtorBIC {
            x.leaf("BIC", text(of: bic))
        } else {
            x.open("Othr"); x.leaf("Id", "NOTPROVIDED"); x.close("Othr")
        }
        x.close("FinInstnId"); x.close("DbtrAgt")
        x.open("Dbtr"); x.leaf("Nm", nonEmpty(SEPAText.clean(t.debtorName, maxLength: 70))); x.close("Dbtr")
        x.open("DbtrAcct"); x.open("Id"); x.leaf("IBAN", t.debtorIBAN.electronic); x.close("Id"); x.close("DbtrAcct")
        let remittance = SEPAText.clean(t.remittance, maxLength: 140)
        if !remittance.isEmpty {
            x.open("RmtInf"); x.leaf("Ustrd", remittance); x.close("RmtInf")
        }
        x.close("DrctDbtTxInf")
    }

    /// The schema wants at least one character; a blank is a caller's bug, made visible.
    private static func nonEmpty(_ s: String) -> String { s.isEmpty ? "NOTPROVIDED" : s }

    private static func sum(_ transactions: [DirectDebitTransaction]) throws -> Money {
        var total: Int64 = 0
        for t in transactions {
            let (next, overflow) = total.addingReportingOverflow(t.amount.cents)
            guard !overflow else { throw DirectDebitError.overflow }
            total = next
        }
        return Money(cents: total)
    }

    /// Paris local time without a zone, "2026-12-06T08:14:42", as the French banks' guides show it.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FrenchFormat.paris
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    private static func text(of bic: BIC) -> String { bic.code }
    private static func text(of id: CreditorIdentifier) -> String { id.value }
}

/// Indented XML, element by element; every text goes through `XMLText.escape`.
struct BankXMLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ s: String) {
        text += String(repeating: "  ", count: depth) + s + "\n"
    }

    mutating func open(_ name: String, attributes: String = "") {
        line("<\(name)\(attributes)>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func leaf(_ name: String, _ value: String, attributes: String = "") {
        line("<\(name)\(attributes)>\(XMLText.escape(value))</\(name)>")
    }
}
