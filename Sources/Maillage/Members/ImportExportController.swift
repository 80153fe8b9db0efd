import Fluent
import Foundation
import MaillageCore
import Vapor

/// Member file upload (preview, then apply) and exports (CSV for French Excel, XLSX).
enum ImportExportController {
    struct UploadForm: Content { var file: File? }

    struct ErrorLine: Encodable, Sendable {
        let line: Int
        let messages: [String]
    }
    struct ImportPage: Encodable, Sendable {
        var uploadError: String? = nil
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
        let user = try req.requireUser()
        let form = try req.form(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await req.renderPage("members/import", title: "Importer des adhérents",
                ImportPage(uploadError: "Choisissez un fichier CSV à importer.", columns: columns), status: .unprocessableEntity)
        }
        let text = FrenchCSV.decode(Data(buffer: file.data))
        let batch = ImportBatch(userID: user.id, filename: String(file.filename.prefix(200)), content: text)
        try await batch.create(on: req.db)
        let report = try await MemberImport.preview(text, actor: user, on: req.db)
        return try await renderPreview(req, batch: batch, report: report, status: report.hasErrors ? .unprocessableEntity : .ok)
    }

    static func apply(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("batchID", as: UUID.self), let batch = try await ImportBatch.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        do {
            let report = try await MemberImport.apply(batch.content, actor: user, on: req.db)
            batch.appliedAt = Date()
            try await batch.save(on: req.db)
            req.flash("Import appliqué : \(report.created) créée(s), \(report.updated) mise(s) à jour, \(report.unchanged) inchangée(s).")
            return req.redirect(to: SiteURL.directory.path)
        } catch MemberImport.Failure.invalid(let report) {
            return try await renderPreview(req, batch: batch, report: report, status: .unprocessableEntity)
        }
    }

    private static func renderPreview(_ req: Request, batch: ImportBatch, report: MemberImport.Report, status: HTTPStatus) async throws -> Response {
        let preview = Preview(
            filename: batch.filename, lines: report.lines, created: report.created, updated: report.updated, unchanged: report.unchanged,
            fileErrors: report.fileErrors, errors: report.lineErrors.map { ErrorLine(line: $0.line, messages: $0.messages) },
            errorCount: FrenchFormat.plural(report.lineErrors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyImport(batch.id!).path)
        return try await req.renderPage("members/import", title: "Aperçu de l'import", ImportPage(preview: preview, columns: columns), status: status)
    }

    private static var columns: String { MemberFile.columns.joined(separator: ";") }

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
