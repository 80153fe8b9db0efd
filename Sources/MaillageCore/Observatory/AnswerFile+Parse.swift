import Foundation

extension AnswerFile {
    /// Reads the header, then every line: each line is checked completely and
    /// all its problems reported at once. Lines whose cells are all blank are
    /// ignored (Excel leaves ";;;;" lines and formatted empty rows behind), and
    /// so are blank rows above the header.
    static func parse(lines: [CSVRecord], expectedCampaign: Int) -> AnswerFileParse {
        let lines = lines.drop(while: isBlank)
        guard let first = lines.first else {
            return AnswerFileParse(rows: [], errors: [AnswerFileError(line: nil, column: nil, message: "Le fichier est vide.")])
        }
        let header: AnswerHeader
        switch AnswerHeader.read(first.fields) {
        case .success(let read): header = read
        case .failure(let problems): return AnswerFileParse(rows: [], errors: problems.errors)
        }

        let body = Array(lines.dropFirst())
        let checked = checkLines(body, header: header, expectedCampaign: expectedCampaign)
        var rows: [AnswerRow] = []
        var errors: [AnswerFileError] = []
        struct Key: Hashable { let siret, type: String }  // both short: no allocation, unlike a joined string
        var firstLineOfKey: [Key: Int] = [:]
        firstLineOfKey.reserveCapacity(body.count)
        for (record, line) in zip(body, checked) {
            guard let line else { continue }
            var lineErrors = line.errors
            // Keyed even when other cells are wrong: every repeat of a structure and
            // type is reported, whatever else is wrong on either line.
            if let siret = line.siret, let type = line.type {
                let key = Key(siret: siret, type: type)
                if let earlier = firstLineOfKey[key] {
                    lineErrors.append(AnswerFileError(line: record.line, column: nil,
                                                      message: "Ligne en double : SIRET \(siret), type \(type), déjà ligne \(earlier)."))
                } else {
                    firstLineOfKey[key] = record.line
                }
            }
            if lineErrors.isEmpty, let row = line.row {
                rows.append(row)
            } else {
                errors += lineErrors
            }
        }
        return AnswerFileParse(rows: rows, errors: errors)
    }

    /// One line on its own: its row, its problems, and its key for the duplicate check.
    private struct CheckedLine: Sendable {
        let row: AnswerRow?
        let errors: [AnswerFileError]
        let siret: String?
        let type: String?
    }

    /// Every line checked on its own (nil for a blank line), in order. Lines do not depend on
    /// one another until the duplicate check, so a big file is cut into one block per core,
    /// as DuckDB's CSV reader does; a small one is read on the calling thread.
    private static func checkLines(_ body: [CSVRecord], header: AnswerHeader, expectedCampaign: Int) -> [CheckedLine?] {
        let blocks = min(ProcessInfo.processInfo.activeProcessorCount, 8, body.count / 2_000)
        guard blocks > 1 else { return body.map { check($0, header: header, expectedCampaign: expectedCampaign) } }
        var checked = [CheckedLine?](repeating: nil, count: body.count)
        checked.withUnsafeMutableBufferPointer { buffer in
            // Each block writes its own indices only, and all are done when concurrentPerform returns.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                for i in (body.count * block / blocks)..<(body.count * (block + 1) / blocks) {
                    out[i] = check(body[i], header: header, expectedCampaign: expectedCampaign)
                }
            }
        }
        return checked
    }

    private static func check(_ record: CSVRecord, header: AnswerHeader, expectedCampaign: Int) -> CheckedLine? {
        if isBlank(record) { return nil }
        var reader = AnswerLineReader(line: record.line, cells: record.fields.map(FrenchCSV.trimmed),
                                      header: header, expectedCampaign: expectedCampaign)
        let row = reader.read()
        return CheckedLine(row: row, errors: reader.errors, siret: reader.siret, type: reader.type)
    }

    private static func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy(FrenchCSV.isBlank)
    }
}

/// Where each column sits. Titles are matched trimmed and ignoring case
/// ("SIRET", " Turnover_EUR "); columns without a title are allowed (trailing
/// separators) as long as they stay empty.
struct AnswerHeader: Sendable {
    let campaign: Int
    let siret: Int
    let type: Int
    let indicators: [(index: Int, indicator: Indicator)]
    let untitled: [Int]
    /// What each line reads of `indicators[j]`, without copying the indicator on every cell.
    let columns: [Column]
    /// Per type code, whether `indicators[j]` applies to it.
    let applies: [String: [Bool]]

    struct Column: Sendable {
        let index: Int
        let code: String
        let unit: Indicator.Unit
    }

    init(campaign: Int, siret: Int, type: Int, indicators: [(index: Int, indicator: Indicator)], untitled: [Int]) {
        self.campaign = campaign
        self.siret = siret
        self.type = type
        self.indicators = indicators
        self.untitled = untitled
        columns = indicators.map { Column(index: $0.index, code: $0.indicator.code, unit: $0.indicator.unit) }
        applies = Dictionary(uniqueKeysWithValues: StructureType.allCases.map { type in
            (type.rawValue, indicators.map { $0.indicator.applies(to: type.rawValue) })
        })
    }

    struct Problems: Error {
        let errors: [AnswerFileError]
    }

    static func read(_ titles: [String]) -> Result<AnswerHeader, Problems> {
        var keys: [String: Int] = [:]
        var indicators: [(index: Int, indicator: Indicator)] = []
        var untitled: [Int] = []
        var errors: [AnswerFileError] = []
        var seen = Set<String>()
        for (index, raw) in titles.enumerated() {
            let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let key = title.lowercased()
            if key.isEmpty {
                untitled.append(index)
                continue
            }
            guard seen.insert(key).inserted else {
                errors.append(fileError(title, "Colonne en double : « \(title) »."))
                continue
            }
            if AnswerFile.keyColumns.contains(key) {
                keys[key] = index
            } else if let indicator = IndicatorCatalogue.byCode[key] {
                indicators.append((index, indicator))
            } else {
                errors.append(fileError(title, "Colonne inconnue : « \(title) » (ni campaign, siret ou type, ni un code d'indicateur)."))
            }
        }
        for column in AnswerFile.keyColumns where keys[column] == nil {
            errors.append(fileError(column, "Colonne obligatoire absente : \(column)."))
        }
        guard errors.isEmpty, let campaign = keys["campaign"], let siret = keys["siret"], let type = keys["type"] else {
            return .failure(Problems(errors: errors))
        }
        return .success(AnswerHeader(campaign: campaign, siret: siret, type: type, indicators: indicators, untitled: untitled))
    }

    private static func fileError(_ column: String, _ message: String) -> AnswerFileError {
        AnswerFileError(line: nil, column: column, message: message)
    }
}
