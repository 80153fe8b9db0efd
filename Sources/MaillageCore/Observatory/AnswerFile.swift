import Foundation

/// One line of a survey answers file: a structure's answer for one of its types.
public struct AnswerRow: Sendable, Equatable {
    /// The line in the file (the header is line 1), for messages.
    public let line: Int
    /// 14 digits, key checked.
    public let siret: String
    /// A type code (SPEC §8), e.g. "AI".
    public let type: String
    /// Answered indicators only: an empty cell is "not answered", not zero.
    public let values: [String: Exact]

    public init(line: Int, siret: String, type: String, values: [String: Exact]) {
        self.line = line
        self.siret = siret
        self.type = type
        self.values = values
    }
}

/// A problem of the file (`line` nil) or of one cell or line, in French.
public struct AnswerFileError: Sendable, Equatable, Error {
    public let line: Int?
    /// The column header, when the problem is one cell's.
    public let column: String?
    public let message: String

    public init(line: Int?, column: String?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// The readable lines, and every problem found. A line with any problem is
/// left out of `rows`; a file-level problem (header) leaves `rows` empty.
public struct AnswerFileParse: Sendable {
    public let rows: [AnswerRow]
    public let errors: [AnswerFileError]

    public init(rows: [AnswerRow], errors: [AnswerFileError]) {
        self.rows = rows
        self.errors = errors
    }
}

/// The survey answers file (SPEC §8), imported and exported by the regional
/// delegations: `campaign;siret;type;<indicator code>;…`, one line per
/// structure and type, any subset of indicator columns in any order.
public enum AnswerFile {
    /// The columns every file has, before the indicators.
    public static let keyColumns = ["campaign", "siret", "type"]

    /// A French-Excel CSV: UTF-8 with or without BOM, or Windows-1252.
    public static func parse(csv data: Data, expectedCampaign: Int) -> AnswerFileParse {
        parse(lines: FrenchCSV.parse(FrenchCSV.decode(data)), expectedCampaign: expectedCampaign)
    }

    /// The first worksheet of an .xlsx workbook; an unreadable workbook gives one
    /// file-level error rather than a throw, so the import page shows it like any other.
    public static func parse(xlsx data: Data, expectedCampaign: Int) -> AnswerFileParse {
        do throws(XLSXReadError) {
            return parse(records: try XLSXReader.firstSheet(data), expectedCampaign: expectedCampaign)
        } catch {
            return AnswerFileParse(rows: [], errors: [AnswerFileError(line: nil, column: nil, message: error.message)])
        }
    }

    /// Rows of cells, the first being the header: row `i` is line `i + 1`.
    public static func parse(records: [[String]], expectedCampaign: Int) -> AnswerFileParse {
        parse(lines: records.enumerated().map { CSVRecord(line: $0.offset + 1, fields: $0.element) },
              expectedCampaign: expectedCampaign)
    }
}
