import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An ISO 20022 bank-to-customer statement, `camt.053.001.0x` (any version): its booked
/// entries (Ntry) with amount and sign, booking day, the bank's reference, the payer's name
/// and the remittance text. Entity declarations are refused before parsing (no expansion
/// bomb, no external file), and the size is bounded.
public enum Camt053 {
    public static func parse(_ data: Data) throws(StatementError) -> [StatementEntry] {
        guard data.count <= StatementError.maxBytes else { throw .tooLarge }
        try refuseUnsafe(data)
        let reader = CamtReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let ok = parser.parse()
        if let error = reader.error { throw error }
        // Linux's XMLParser may report success for a cut document: the root must have closed.
        guard ok, reader.closedDocument else {
            throw .notAStatement("Fichier XML illisible (ligne \(parser.lineNumber)) : ce n'est pas un relevé camt.053.")
        }
        guard reader.sawDocument else {
            throw .notAStatement("Ce fichier XML n'est pas un relevé bancaire camt.053.")
        }
        var entries = reader.entries
        StatementReference.fill(&entries)
        return entries
    }

    static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."

    /// A statement has no business with a DOCTYPE or entities; UTF-16 would hide them from this check.
    private static func refuseUnsafe(_ data: Data) throws(StatementError) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.contains(0) {
            throw .notAStatement("Encodage non pris en charge : le relevé doit être en UTF-8.")
        }
        for marker in ["<!DOCTYPE", "<!ENTITY"] where contains(bytes, Array(marker.utf8)) {
            throw .notAStatement("Le relevé contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité.")
        }
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        let upper = needle.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        outer: for i in 0...(bytes.count - needle.count) {
            for j in 0..<needle.count {
                let b = bytes[i + j]
                if (b >= 0x61 && b <= 0x7A ? b - 0x20 : b) != upper[j] { continue outer }
            }
            return true
        }
        return false
    }
}

/// The SAX side of `Camt053.parse`: collects one `RawEntry` per Ntry element.
private final class CamtReader: NSObject, XMLParserDelegate {
    var entries: [StatementEntry] = []
    var error: StatementError?
    var sawDocument = false
    var closedDocument = false

    private var path: [String] = []
    private var text = ""
    private var entry: RawEntry?
    private var entryDepth = 0

    /// What an Ntry says, before it becomes a `StatementEntry`.
    struct RawEntry {
        var line = 0
        var amount = "", sign = "", status = "", booked = "", valued = ""
        var accountServicerRef = "", entryRef = "", additional = ""
        var transactionRefs: [String] = [], batchRefs: [String] = []
        var debtorNames: [String] = [], creditorNames: [String] = []
        var unstructured: [String] = [], structured: [String] = [], additionalTx: [String] = []
        var transactionCount = 0
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard error == nil else { return }
        if path.isEmpty {
            guard name == "Document", let ns = namespaceURI, ns.hasPrefix(Camt053.namespacePrefix) else {
                return fail(parser, .notAStatement("Ce fichier XML n'est pas un relevé bancaire camt.053 (espace de noms \(namespaceURI ?? "absent"))."))
            }
            sawDocument = true
        }
        path.append(name)
        text = ""
        if name == "Ntry", entry == nil {
            guard entries.count < StatementError.maxEntries else { return fail(parser, .tooLarge) }
            entry = RawEntry(line: parser.lineNumber)
            entryDepth = path.count
        }
        if name == "TxDtls", entry != nil { entry?.transactionCount += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard text.utf8.count < 100_000 else { return }
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard text.utf8.count < 100_000 else { return }
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            if !path.isEmpty { path.removeLast() }
            text = ""
        }
        if path.count == 1, error == nil { closedDocument = true }
        guard error == nil, entry != nil else { return }
        if path.count == entryDepth {
            finishEntry(parser)
            return
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { return }
        record(Array(path[entryDepth...]), value)
    }

    /// One leaf of the entry, by its path below Ntry.
    private func record(_ p: [String], _ value: String) {
        switch p {
        case ["Amt"]: entry?.amount = value
        case ["CdtDbtInd"]: entry?.sign = value
        case ["Sts"], ["Sts", "Cd"]: entry?.status = value
        case ["BookgDt", "Dt"], ["BookgDt", "DtTm"]: entry?.booked = value
        case ["ValDt", "Dt"], ["ValDt", "DtTm"]: entry?.valued = value
        case ["AcctSvcrRef"]: entry?.accountServicerRef = value
        case ["NtryRef"]: entry?.entryRef = value
        case ["AddtlNtryInf"]: entry?.additional = value
        default: recordTransaction(p, value)
        }
    }

    private func recordTransaction(_ p: [String], _ value: String) {
        guard p.count >= 3, p[0] == "NtryDtls", p[1] == "TxDtls" else { return }
        let rest = Array(p[2...])
        switch rest {
        case ["Refs", "AcctSvcrRef"]: entry?.transactionRefs.append(value)
        case ["Refs", "MsgId"], ["Refs", "PmtInfId"]: entry?.batchRefs.append(value)
        case ["RltdPties", "Dbtr", "Nm"], ["RltdPties", "Dbtr", "Pty", "Nm"],
             ["RltdPties", "UltmtDbtr", "Nm"], ["RltdPties", "UltmtDbtr", "Pty", "Nm"]:
            entry?.debtorNames.append(value)
        case ["RltdPties", "Cdtr", "Nm"], ["RltdPties", "Cdtr", "Pty", "Nm"]: entry?.creditorNames.append(value)
        case ["RmtInf", "Ustrd"]: entry?.unstructured.append(value)
        case ["RmtInf", "Strd", "CdtrRefInf", "Ref"]: entry?.structured.append(value)
        case ["AddtlTxInf"]: entry?.additionalTx.append(value)
        default: break
        }
    }

    private func finishEntry(_ parser: XMLParser) {
        guard let raw = entry else { return }
        entry = nil
        // Only booked lines: a pending one may still change or vanish.
        if raw.status.uppercased() == "PDNG" || raw.status.uppercased() == "INFO" { return }
        guard let magnitude = Self.amount(raw.amount) else {
            return fail(parser, .invalid(line: raw.line, "montant illisible « \(raw.amount) »."))
        }
        let sign: Int64
        switch raw.sign.uppercased() {
        case "CRDT": sign = 1
        case "DBIT": sign = -1
        default: return fail(parser, .invalid(line: raw.line, "sens de l'opération inconnu « \(raw.sign) » (CRDT ou DBIT attendu)."))
        }
        let dateText = raw.booked.isEmpty ? raw.valued : raw.booked
        guard let day = Day(iso: String(dateText.prefix(10))) else {
            return fail(parser, .invalid(line: raw.line, "date de comptabilisation illisible « \(dateText) »."))
        }
        let names = sign > 0 ? raw.debtorNames : raw.creditorNames
        let reference = [raw.accountServicerRef, raw.entryRef, raw.transactionCount == 1 ? raw.transactionRefs.first ?? "" : ""]
            .first { !$0.isEmpty } ?? ""
        entries.append(StatementEntry(reference: reference, bookedOn: day, amount: Money(cents: sign * magnitude),
                                      payerName: names.first ?? "", remittance: Self.remittance(raw)))
    }

    /// Ustrd lines joined, else the structured creditor references, else the bank's free text;
    /// the batch ids (MsgId, PmtInfId) follow, so a direct-debit batch can be recognised.
    private static func remittance(_ raw: RawEntry) -> String {
        var parts = [raw.unstructured, raw.structured, raw.additionalTx, [raw.additional]]
            .first { !$0.allSatisfy(\.isEmpty) }?.filter { !$0.isEmpty } ?? []
        for id in raw.batchRefs where !parts.contains(where: { $0.contains(id) }) && !parts.contains(id) {
            parts.append(id)
        }
        return parts.joined(separator: " ")
    }

    /// "450.00", "450", "450.5", "450.00000" (the schema allows 5 decimals; beyond the cent they must be zeros).
    static func amount(_ s: String) -> Int64? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int64(whole) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count > 2, fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= 2 else { return nil }
        let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        return units * 100 + cents
    }

    // Entities are refused before parsing; these are the belt to those braces.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, .notAStatement("Le relevé contient une déclaration ENTITY, refusée par sécurité."))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, .notAStatement("Le relevé contient une déclaration ENTITY, refusée par sécurité."))
    }

    private func fail(_ parser: XMLParser, _ e: StatementError) {
        if error == nil { error = e }
        parser.abortParsing()
    }
}
