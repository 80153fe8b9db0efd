import Foundation

extension MemberFile {
    /// The first worksheet of an .xlsx workbook, read like a CSV with the same columns (row
    /// `i` of the sheet is line `i`). An unreadable workbook is one file-level problem.
    public static func parse(xlsx data: Data) -> MemberFileParse {
        let rows: [[String]]
        do throws(XLSXReadError) {
            rows = try XLSXReader.firstSheet(data)
        } catch {
            return MemberFileParse(rows: [], errors: [], fileErrors: [error.message])
        }
        let dateColumn = rows.first.flatMap { columnIndexes(header: $0)["date_adhesion"] }
        return parse(rows.enumerated().map { index, cells in
            var fields = cells
            // A date typed in Excel is a number of days: 45306 is 15/01/2024.
            if index > 0, let c = dateColumn, c < fields.count, let day = excelDay(fields[c]) { fields[c] = day }
            return CSVRecord(line: index + 1, fields: fields)
        })
    }

    /// "45306" (or "45306.5", a date with a time) → "15/01/2024": Excel's serial day numbers
    /// count from 30 December 1899. Nil for anything else.
    static func excelDay(_ cell: String) -> String? {
        let whole = cell.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = whole.first, (1...6).contains(first.count), first.allSatisfy(\.isASCII),
              whole.count == 1 || whole[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let serial = Int(first), serial > 0 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: Double(serial - 25_569) * 86_400)
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return "\(FrenchFormat.pad(d))/\(FrenchFormat.pad(m))/\(y)"
    }
}
