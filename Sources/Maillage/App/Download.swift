import Foundation
import Vapor

/// A file to save (CSV for French Excel, XLSX), never shown in the browser.
enum Download {
    static let csvType = "text/csv; charset=utf-8"
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func response(_ data: Data, type: String, name: String) -> Response {
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: type)
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return res
    }
}
