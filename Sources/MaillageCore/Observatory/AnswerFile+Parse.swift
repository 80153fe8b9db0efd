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

        var rows: [AnswerRow] = []
        var errors: [AnswerFileError] = []
        var firstLineOfKey: [String: Int] = [:]
        for record in lines.dropFirst() {
            if isBlank(record) { continue }
            let cells = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var reader = AnswerLineReader(line: record.line, cells: cells, header: header, expectedCampaign: expectedCampaign)
            let row = reader.read()
            var lineErrors = reader.errors
            // Keyed even when other cells are wrong: every repeat of a structure and
            // type is reported, whatever else is wrong on either line.
            if let siret = reader.siret, let type = reader.type {
                let key = siret + "|" + type
                if let earlier = firstLineOfKey[key] {
                    lineErrors.append(AnswerFileError(line: record.line, column: nil,
                                                      message: "Ligne en double : SIRET \(siret), type \(type), déjà ligne \(earlier)."))
                } else {
                    firstLineOfKey[key] = record.line
                }
            }
            if lineErrors.isEmpty, let row {
                rows.append(row)
            } else {
                errors += lineErrors
            }
        }
        return AnswerFileParse(rows: rows, errors: errors)
    }

    private static func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

/// Where each column sits. Titles are matched trimmed and ignoring case
/// ("SIRET", " Turnover_EUR "); columns without a title are allowed (trailing
/// separators) as long as they stay empty.
struct AnswerHeader {
    let campaign: Int
    let siret: Int
    let type: Int
    let indicators: [(index: Int, indicator: Indicator)]
    let untitled: [Int]

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
