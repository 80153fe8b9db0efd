/// How one cell is written in a worksheet.
enum XLSXCellXML {
    /// Excel refuses cells longer than this.
    static let maxTextLength = 32_767

    static func xml(_ cell: XLSXCell, reference: String, bold: Bool) -> String {
        let style = bold ? #" s="1""# : ""
        switch cell {
        case .empty:
            return ""
        case .integer(let n):
            return #"<c r="\#(reference)"\#(style)><v>\#(n)</v></c>"#
        case .number(let decimal) where isDecimal(decimal):
            return #"<c r="\#(reference)"\#(style)><v>\#(decimal)</v></c>"#
        case .date(let day):
            return #"<c r="\#(reference)" s="\#(bold ? 3 : 2)"><v>\#(serial(day))</v></c>"#
        case .number(let text), .text(let text):
            let value = XMLText.escape(String(text.prefix(maxTextLength)))
            return #"<c r="\#(reference)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(value)</t></is></c>"#
        }
    }

    /// Days since 30 December 1899, the spreadsheet's date serial (1900 date system).
    static func serial(_ day: Day) -> Int {
        // Days from the civil date (Howard Hinnant's algorithm), then shifted to Excel's epoch.
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let unixDays = era * 146_097 + doe - 719_468
        return unixDays + 25_569
    }

    /// "A", "B", … "Z", "AA", … for a 0-based column index.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// "-12", "1234.56": what a `<v>` may hold; a malformed number would make
    /// Excel reject the whole file, so it falls back to text.
    static func isDecimal(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}
