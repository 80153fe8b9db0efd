extension FrenchCSV {
    /// Records of a `;`-separated text, RFC 4180 quoting (`""` inside quotes),
    /// quoted fields may span lines; CRLF, LF and CR all end a line. Empty lines
    /// are skipped but still counted, so `line` matches what the user sees.
    /// Lenient on malformed quoting: a stray quote is kept as text.
    public static func parse(_ text: String) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var atFieldStart = true
        var lineIsEmpty = true
        var previousWasCR = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            atFieldStart = true
        }
        func endRecord() {
            if !lineIsEmpty {
                endField()
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = String.UnicodeScalarView()
            atFieldStart = true
            lineIsEmpty = true
        }

        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? scalars.next() {
            pending = nil
            // The LF of a CRLF was already counted with its CR.
            if c == "\n" && previousWasCR {
                previousWasCR = false
                if !inQuotes { continue }
                field.append(c)
                continue
            }
            previousWasCR = c == "\r"
            if inQuotes {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if c == "\r" || c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\r", "\n":
                endRecord()
                line += 1
                recordLine = line
            case ";":
                lineIsEmpty = false
                endField()
            case "\"" where atFieldStart:
                lineIsEmpty = false
                inQuotes = true
                atFieldStart = false
            default:
                lineIsEmpty = false
                atFieldStart = false
                field.append(c)
            }
        }
        endRecord()
        return records
    }
}
