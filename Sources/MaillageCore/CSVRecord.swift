/// One record of a CSV file, with the physical line it starts on so import
/// errors can point the user at the right spreadsheet row.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts.
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
