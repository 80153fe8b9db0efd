import Foundation

/// The CSV export of a French bank's online account: `;` or `,` separated, UTF-8 or
/// Windows-1252, maybe a few lines about the account before the header. The header has a
/// Date and a Libellé column, then either Montant or Débit and Crédit; an optional column
/// names the payer (Tiers, Nom, Émetteur…). Amounts "1 234,56", "-12,50", "1.234,56 €";
/// days "dd/mm/yyyy", "dd/mm/yy" or "yyyy-mm-dd". Lines without a day (balances) are skipped.
/// A CSV line has no bank id: every reference is the stable hash of the line.
public enum BankCSV {
    public static func parse(_ data: Data) throws(StatementError) -> [StatementEntry] {
        guard data.count <= StatementError.maxBytes else { throw .tooLarge }
        let text = FrenchCSV.decode(data)
        let separator: Character = firstLine(containing: "libell", in: text).map { line in
            line.filter { $0 == ";" }.count >= line.filter { $0 == "," }.count ? ";" : ","
        } ?? ";"
        let records = BankCSVReader.records(text, separator: separator)
        guard let headerIndex = records.firstIndex(where: { Columns($0.fields) != nil }),
              let columns = Columns(records[headerIndex].fields) else {
            throw .notAStatement("Relevé CSV non reconnu : il faut une ligne d'en-tête avec les colonnes Date, Libellé et Montant (ou Débit et Crédit).")
        }
        var entries: [StatementEntry] = []
        for record in records[(headerIndex + 1)...] {
            guard let entry = try columns.entry(record) else { continue }
            guard entries.count < StatementError.maxEntries else { throw .tooLarge }
            entries.append(entry)
        }
        StatementReference.fill(&entries)
        return entries
    }

    private static func firstLine(containing word: String, in text: String) -> Substring? {
        text.split(whereSeparator: \.isNewline).prefix(50).first { FrenchCollation.fold(String($0)).contains(word) }
    }

    /// Where each column is, found from the header's folded names.
    struct Columns {
        var date: Int, labels: [Int], amount: Int?, debit: Int?, credit: Int?, payer: Int?

        init?(_ header: [String]) {
            let keys = header.map { FrenchCollation.key($0) }
            func first(_ test: (String) -> Bool) -> Int? { keys.firstIndex(where: test) }
            guard let date = first({ $0.hasPrefix("date") && !$0.contains("valeur") }) ?? first({ $0.hasPrefix("date") }) else { return nil }
            let labels = keys.indices.filter { keys[$0].hasPrefix("libelle") }
            guard !labels.isEmpty else { return nil }
            self.date = date
            self.labels = labels
            amount = first { $0.hasPrefix("montant") }
            debit = first { $0.hasPrefix("debit") }
            credit = first { $0.hasPrefix("credit") }
            guard amount != nil || debit != nil || credit != nil else { return nil }
            payer = first { ["tiers", "nom", "emetteur", "donneur d ordre", "contrepartie", "beneficiaire"].contains($0) }
        }

        /// Nil for a line that is no operation (blank, balance, total).
        func entry(_ record: CSVRecord) throws(StatementError) -> StatementEntry? {
            func cell(_ i: Int?) -> String {
                guard let i, i < record.fields.count else { return "" }
                return record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let dateText = cell(date)
            let label = labels.map { cell($0) }.filter { !$0.isEmpty }.joined(separator: " ")
            let amountCells = [cell(amount), cell(debit), cell(credit)]
            if dateText.isEmpty || amountCells.allSatisfy(\.isEmpty) { return nil }
            guard let day = BankCSV.day(dateText) else {
                let folded = FrenchCollation.key(dateText + " " + label)
                if folded.hasPrefix("solde") || folded.hasPrefix("total") { return nil }
                throw .invalid(line: record.line, "date illisible « \(dateText) » (jj/mm/aaaa attendu).")
            }
            var cents: Int64 = 0
            if amount != nil, !cell(amount).isEmpty {
                guard let m = BankCSV.amount(cell(amount)) else { throw .invalid(line: record.line, "montant illisible « \(cell(amount)) ».") }
                cents = m.cents
            } else {
                // A debit is money out whatever its written sign; a credit is money in.
                if !cell(debit).isEmpty {
                    guard let m = BankCSV.amount(cell(debit)) else { throw .invalid(line: record.line, "débit illisible « \(cell(debit)) ».") }
                    cents -= Int64(m.cents.magnitude)
                }
                if !cell(credit).isEmpty {
                    guard let m = BankCSV.amount(cell(credit)) else { throw .invalid(line: record.line, "crédit illisible « \(cell(credit)) ».") }
                    cents += Int64(m.cents.magnitude)
                }
            }
            return StatementEntry(reference: "", bookedOn: day, amount: Money(cents: cents), payerName: cell(payer), remittance: label)
        }
    }

    /// "1 234,56", "-12,50", "+12,50 €", "1.234,56", "1,234.56": the last of `,` and `.` is the decimal mark.
    static func amount(_ s: String) -> Money? {
        var text = s
        if let comma = text.lastIndex(of: ","), let dot = text.lastIndex(of: ".") {
            let thousands: Character = comma < dot ? "," : "."
            text.removeAll { $0 == thousands }
        }
        text.removeAll { $0 == "'" }
        if text.hasSuffix("EUR") { text.removeLast(3) }
        return Money.parse(text)
    }

    /// "23/11/2026", "23/11/26", "2026-11-23".
    static func day(_ s: String) -> Day? {
        if let day = Day(typed: s) { return day }
        let parts = s.split(separator: "/")
        guard parts.count == 3, parts[2].count == 2, let yy = Int(parts[2]), let m = Int(parts[1]), let d = Int(parts[0]) else { return nil }
        return Day(year: 2000 + yy, month: m, day: d)
    }
}

/// RFC 4180 records with a chosen separator (FrenchCSV reads `;` only): quoted fields may
/// hold the separator and line breaks, `""` is a quote.
enum BankCSVReader {
    static func records(_ text: String, separator: Character) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false, fieldStarted = false, lineHasContent = false
        var line = 1, recordLine = 1
        var chars = text.makeIterator()
        var pending: Character?
        func endRecord() {
            if lineHasContent {
                fields.append(field)
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []; field = ""; fieldStarted = false; lineHasContent = false
        }
        while let c = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = chars.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if c.isNewline { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\r\n", "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case separator:
                fields.append(field); field = ""; fieldStarted = false; lineHasContent = true
            case "\"" where !fieldStarted:
                inQuotes = true; fieldStarted = true; lineHasContent = true
            default:
                field.append(c); fieldStarted = true; lineHasContent = true
            }
        }
        endRecord()
        return records
    }
}
