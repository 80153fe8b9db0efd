import Foundation

/// Matches a statement line to an open call: by the call number in the remittance text
/// first; otherwise, when exactly one open call is owed exactly this amount by a payer of
/// the same name, a match is proposed for a person to confirm; otherwise nothing.
public enum StatementMatcher {
    public static func match(_ e: StatementEntry, calls: [OpenCall], knownBatchIDs: Set<String>) -> StatementMatch {
        guard e.amount.cents > 0 else { return .ignored("Opération au débit : sans rapport avec l'encaissement des cotisations.") }
        let haystack = (e.remittance + " " + e.reference).uppercased()
        if let batch = knownBatchIDs.sorted().first(where: { !$0.isEmpty && haystack.contains($0.uppercased()) }) {
            return .ignored("Remise de prélèvements \(batch) déjà enregistrée.")
        }
        let byNumber = Dictionary(calls.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for number in callNumbers(in: e.remittance) {
            if let call = byNumber[number] { return .byNumber(callID: call.id, number: call.number) }
        }
        // A CSV export has no payer column: the bank's label (« VIR SEPA ASSOC LE RELAIS ») holds the name.
        let payer = NameMatcher.words(e.payerName.isEmpty ? e.remittance : e.payerName)
        var found: [(OpenCall, String)] = []
        for call in calls where call.outstanding == e.amount {
            if let name = call.payerNames.first(where: { NameMatcher.same(payer, NameMatcher.words($0)) }) {
                found.append((call, name))
            }
        }
        guard found.count == 1, let (call, name) = found.first else { return .unknown }
        return .proposed(callID: call.id, number: call.number,
                         reason: "même montant (\(e.amount.french)) et même nom (\(name))")
    }

    /// Every "2026-0001" in the text, normalised: 19xx or 20xx, a dash (spaces around it
    /// allowed), 4 digits or more; not glued to other digits.
    public static func callNumbers(in text: String) -> [String] {
        let chars = Array(text)
        var found: [String] = []
        func isDigit(_ i: Int) -> Bool { i < chars.count && chars[i].isASCII && chars[i].isNumber }
        var i = 0
        while i + 3 < chars.count {
            defer { i += 1 }
            guard (i == 0 || !isDigit(i - 1)), isDigit(i), isDigit(i + 1), isDigit(i + 2), isDigit(i + 3),
                  (chars[i] == "1" && chars[i + 1] == "9") || (chars[i] == "2" && chars[i + 1] == "0") else { continue }
            var j = i + 4
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == "-" else { continue }
            j += 1
            while j < chars.count, chars[j] == " " { j += 1 }
            let start = j
            while isDigit(j) { j += 1 }
            guard j - start >= 4 else { continue }
            found.append(String(chars[i..<(i + 4)]) + "-" + String(chars[start..<j]))
        }
        return found
    }
}

/// Payer names as banks write them (« ASSOC LE RELAIS », « SARL Jardins d'Ève ») compared
/// with the register's: accents, case and punctuation folded, legal forms dropped; two names
/// are the same when the words of one are all among the words of the other.
enum NameMatcher {
    static func words(_ name: String) -> Set<String> {
        Set(FrenchCollation.key(name).split(separator: " ").map(String.init).filter { !legalForms.contains($0) })
    }

    static func same(_ a: Set<String>, _ b: Set<String>) -> Bool {
        !a.isEmpty && !b.isEmpty && (a.isSubset(of: b) || b.isSubset(of: a))
    }

    static func same(_ a: String, _ b: String) -> Bool { same(words(a), words(b)) }

    /// Legal forms and their bank abbreviations, folded.
    static let legalForms: Set<String> = [
        "association", "asso", "assoc", "ass", "sas", "sasu", "sarl", "eurl", "sa", "sci", "scop", "scic", "sem",
        "gie", "eirl", "ei", "ste", "societe", "cooperative", "fondation",
    ]
}
