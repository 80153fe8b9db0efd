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
        case .number(let text), .text(let text):
            let value = XMLText.escape(String(text.prefix(maxTextLength)))
            return #"<c r="\#(reference)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(value)</t></is></c>"#
        }
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
