import Fluent
import Foundation
import MaillageCore
import Vapor

/// Member file upload (preview, then apply) and exports (CSV for French Excel, XLSX).
enum ImportExportController {
    struct ErrorLine: Encodable, Sendable {
        let line: Int
        let messages: [String]
    }
    struct ImportPage: Encodable, Sendable {
        var uploadError: String? = nil
        /// Said above the form, e.g. that the batch was already applied.
        var notice: String? = nil
        var preview: Preview? = nil
        let columns: String
    }
    struct Preview: Encodable, Sendable {
        let filename: String
        let lines: Int
        let created: Int
        let updated: Int
        let unchanged: Int
        let fileErrors: [String]
        let errors: [ErrorLine]
        let errorCount: String
        let applyHref: String?
    }

    static let maxUpload: ByteCount = "5mb"

    static func show(_ req: Request) async throws -> Response {
        try await req.renderPage("members/import", title: "Importer des adhérents", ImportPage(columns: columns))
    }

    static func upload(_ req: Request) async throws -> Response {
        try await MemberImporter(actor: try req.requireUser()).upload(req)
    }

    static func apply(_ req: Request) async throws -> Response {
        try await MemberImporter(actor: try req.requireUser()).apply(req)
    }

    fileprivate static var columns: String { MemberFile.columns.joined(separator: ";") }

    // MARK: export

    static func exportCSV(_ req: Request) async throws -> Response {
        let rows = try await exportRows(req)
        return Download.response(FrenchCSV.exportData(rows), type: Download.csvType, name: "adherents.csv")
    }

    static func exportXLSX(_ req: Request) async throws -> Response {
        let rows = try await exportRows(req)
        let cells = rows.map { $0.map { XLSXCell.text($0) } }
        return Download.response(XLSX.workbook([XLSXSheet(name: "Adhérents", rows: cells)]),
                        type: Download.xlsxType, name: "adherents.xlsx")
    }

    /// The directory's current filters, within the person's scope, every page.
    private static func exportRows(_ req: Request) async throws -> [[String]] {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, _) = DirectoryFilters.parse(try req.query.decode([String: String].self), map: map)
        let rows = try await DirectoryQuery.all(filters, scope: .of(user, map: map), map: map, on: req.db)
        return try await MemberExport.rows(rows, on: req.db)
    }
}

/// The member import's pages (`BatchImporter`): the file is kept as decoded text.
extension MemberImporter {
    var missingFile: String { "Choisissez un fichier CSV à importer." }

    func parse(_ data: Data, filename: String) -> MemberFileParse { Self.read(FrenchCSV.decode(data)) }

    func batch(_ data: Data, filename: String, by user: CurrentUser) throws -> ImportBatch {
        ImportBatch(userID: user.id, filename: filename, content: FrenchCSV.decode(data))
    }

    func parse(_ batch: ImportBatch) -> MemberFileParse? { Self.read(batch.content) }

    func uploadPage(_ req: Request, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        try await req.renderPage("members/import", title: "Importer des adhérents",
                                 ImportExportController.ImportPage(uploadError: error, notice: notice, columns: ImportExportController.columns),
                                 status: status)
    }

    func previewPage(_ req: Request, batch: ImportBatch, _ report: ImportPreview<Line>, status: HTTPStatus) async throws -> Response {
        let preview = ImportExportController.Preview(
            filename: batch.filename, lines: report.lines, created: report.created, updated: report.updated, unchanged: report.unchanged,
            fileErrors: report.fileErrors, errors: report.lineErrors.map { .init(line: $0.line, messages: $0.messages) },
            errorCount: FrenchFormat.plural(report.lineErrors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyImport(try batch.requireID()).path)
        return try await req.renderPage("members/import", title: "Aperçu de l'import",
                                        ImportExportController.ImportPage(preview: preview, columns: ImportExportController.columns), status: status)
    }

    func appliedPage(_ req: Request, _ report: ImportPreview<Line>) async throws -> Response {
        req.flash("Import appliqué : \(report.created) créée(s), \(report.updated) mise(s) à jour, \(report.unchanged) inchangée(s).")
        return req.redirect(to: SiteURL.directory.path)
    }
}
