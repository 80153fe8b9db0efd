extension MemberFile {
    /// Reads a member file: the first record is the header. Each line is checked
    /// completely and all its problems reported at once; a line with any problem
    /// is left out of `rows`. Lines whose cells are all blank are ignored (Excel
    /// leaves ";;;;" lines behind).
    public static func parse(_ records: [CSVRecord]) -> MemberFileParse {
        guard let header = records.first else {
            return MemberFileParse(rows: [], errors: [], fileErrors: ["Le fichier est vide."])
        }
        let indexes = columnIndexes(header: header.fields)
        let missing = requiredColumns.filter { indexes[$0] == nil }
        guard missing.isEmpty else {
            return MemberFileParse(rows: [], errors: [],
                                   fileErrors: missing.map { "Colonne obligatoire absente : \($0)" })
        }

        var rows: [MemberRow] = []
        var errors: [LineError] = []
        var firstLineOfSiret: [SIRET: Int] = [:]
        for record in records.dropFirst() {
            let cells = MemberLineCells(record: record, indexes: indexes)
            if cells.isBlank { continue }
            var reader = MemberLineReader(cells: cells)
            let row = reader.read()
            var messages = reader.messages
            if let siret = reader.siret {
                if let first = firstLineOfSiret[siret] {
                    messages.append("SIRET en double dans le fichier (déjà ligne \(first)).")
                } else {
                    firstLineOfSiret[siret] = record.line
                }
            }
            if messages.isEmpty, let row {
                rows.append(row)
            } else {
                errors.append(LineError(line: record.line, messages: messages))
            }
        }
        return MemberFileParse(rows: rows, errors: errors, fileErrors: [])
    }
}

/// The trimmed cells of one line, by column name; a short line reads as empty cells.
/// The quote our exports put before `=`, `+`, `-`, `@` (see `FrenchCSV.protected`) is
/// taken off, so an exported file re-imports unchanged.
struct MemberLineCells {
    let line: Int
    /// Every cell of the line is blank, unknown columns included.
    let isBlank: Bool
    private let values: [String: String]

    init(record: CSVRecord, indexes: [String: Int]) {
        line = record.line
        isBlank = record.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        values = indexes.compactMapValues { index in
            index < record.fields.count
                ? FrenchCSV.unprotected(record.fields[index]).trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }
    }

    subscript(column: String) -> String { values[column] ?? "" }

    /// The cell, or nil when empty: optional columns store nil, not "".
    func optional(_ column: String) -> String? {
        let value = self[column]
        return value.isEmpty ? nil : value
    }
}
