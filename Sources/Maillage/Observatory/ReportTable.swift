import Foundation
import MaillageCore

/// One table of a report: shown beside its chart, and downloadable as CSV (French Excel)
/// and XLSX from `/observatoire/<année>/tableaux/<périmètre>/<id>.csv|.xlsx`.
struct ReportTable: Encodable, Sendable {
    struct Cell: Encodable, Sendable {
        /// As a reader sees it ("1 234,56 €", "secret statistique", "—").
        let text: String
        let secret: Bool
        /// Not published: nobody answered, or hidden so that a secret cannot be recovered by difference.
        var missing: Bool = false
        let numeric: Bool
        /// The value for a spreadsheet: a decimal with a point, nil when there is none.
        let sheet: String?
        /// Integers go to XLSX as integers.
        let integer: Bool
        /// A statistic of the answers (what secrecy may hide), as opposed to a label, a count of
        /// members from the register or a number of structures counted.
        var figure: Bool = true

        static func label(_ text: String) -> Cell { Cell(text: text, secret: false, numeric: false, sheet: nil, integer: false, figure: false) }

        static func published(_ p: Published, _ kind: ReportFormat.Kind) -> Cell {
            switch p {
            case .value(let v, _):
                Cell(text: ReportFormat.text(v, kind), secret: false, numeric: true,
                     sheet: ReportFormat.xlsx(v, kind), integer: kind == .count)
            case .secret: Cell(text: ReportTable.secretText, secret: true, numeric: true, sheet: nil, integer: false)
            case .absent: Cell(text: ReportTable.missingText, secret: false, missing: true, numeric: true, sheet: nil, integer: false)
            case .notApplicable: Cell(text: "sans objet", secret: false, numeric: true, sheet: nil, integer: false, figure: false)
            }
        }

        /// Structures counted (n), shown even when the value is secret.
        static func n(_ p: Published) -> Cell {
            guard let n = p.n else { var cell = published(.absent, .count); cell.figure = false; return cell }
            return count(n)
        }

        static func count(_ n: Int) -> Cell {
            Cell(text: ReportFormat.number(String(n), places: 0), secret: false, numeric: true, sheet: String(n), integer: true, figure: false)
        }
    }

    struct Row: Encodable, Sendable {
        let label: String
        let cells: [Cell]
        /// A total line, set in bold.
        var total: Bool = false
    }

    static let secretText = "secret statistique"
    static let missingText = "n.d."

    let id: String
    let caption: String
    /// Headers: the first names the row labels, the others the value columns.
    let columns: [String]
    var rows: [Row]
    var note: String? = nil
    var csvHref: String = ""
    var xlsxHref: String = ""

    /// The download links of the table in a report scope ("national", "PDL", "portrait-AI").
    func linked(year: Int, scope: String) -> ReportTable {
        var t = self
        t.csvHref = SiteURL.reportTable(year, scope, id + ".csv").path
        t.xlsxHref = SiteURL.reportTable(year, scope, id + ".xlsx").path
        return t
    }

    // MARK: downloads

    /// Rows of the French CSV: decimals with a comma, no grouping, secrets spelled out.
    var csvRows: [[String]] {
        [columns] + rows.map { row in
            [row.label] + row.cells.map { cell in
                if cell.secret { return Self.secretText }
                if let sheet = cell.sheet { return sheet.replacingOccurrences(of: ".", with: ",") }
                return cell.text
            }
        }
    }

    var xlsxSheet: XLSXSheet {
        let body: [[XLSXCell]] = rows.map { row in
            [.text(row.label)] + row.cells.map { cell in
                if cell.secret { return .text(Self.secretText) }
                if let sheet = cell.sheet { return cell.integer ? (Int(sheet).map { .integer($0) } ?? .number(sheet)) : .number(sheet) }
                return .text(cell.text)
            }
        }
        // Excel allows 31 characters in a sheet name.
        return XLSXSheet(name: String(caption.prefix(31)), rows: [columns.map { .text($0) }] + body)
    }
}
