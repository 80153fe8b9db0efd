import Foundation
import MaillageCore
import Vapor

/// The member import's page: the upload form, and once a file is sent its preview (every
/// line with what it changes, the sensitive ones to tick) with the apply form.
struct MemberImportPage: Encodable, Sendable {
    struct ErrorLine: Encodable, Sendable {
        let line: Int
        let messages: [String]
    }
    struct Preview: Encodable, Sendable {
        let filename: String
        let linesRead: String
        /// « 3 structures à créer, 1 à mettre à jour, 1 modification sensible à confirmer ».
        let summary: String
        let rows: [ImportPreviewRow]
        let hasSensitive: Bool
        let hasUpdates: Bool
        let fileErrors: [String]
        let errors: [ErrorLine]
        let errorCount: String
        let applyHref: String?
    }

    var uploadError: String? = nil
    /// Said above the form, e.g. that the batch was already applied.
    var notice: String? = nil
    var preview: Preview? = nil
    let columns: String
    let uploadHref: String?
    let templateCSVHref: String?
    let templateXLSXHref: String?

    init(_ req: Request) {
        columns = MemberFile.columns.joined(separator: ";")
        uploadHref = req.link(to: .uploadMembers)
        templateCSVHref = req.link(to: .membersTemplateCSV)
        templateXLSXHref = req.link(to: .membersTemplateXLSX)
    }
}

/// The member import's pages (`BatchImporter`): a CSV is kept as its decoded text, a
/// workbook as base64 after `workbookMark`.
extension MemberImporter {
    /// Starts the stored content of a workbook (a CSV's text cannot start so: no such header).
    static let workbookMark = "xlsx;base64,"

    var missingFile: String { "Choisissez un fichier CSV ou XLSX à importer." }

    func parse(_ data: Data, filename: String) -> MemberFileParse { Self.read(data, filename: filename) }

    func batch(_ data: Data, filename: String, by user: CurrentUser) throws -> ImportBatch {
        let content = Self.isWorkbook(data, filename: filename) ? Self.workbookMark + data.base64EncodedString() : FrenchCSV.decode(data)
        return ImportBatch(userID: user.id, filename: filename, content: content)
    }

    func parse(_ batch: ImportBatch) -> MemberFileParse? {
        guard batch.content.hasPrefix(Self.workbookMark) else { return Self.read(batch.content) }
        guard let data = Data(base64Encoded: String(batch.content.dropFirst(Self.workbookMark.count))) else { return nil }
        return MemberFile.parse(xlsx: data)
    }

    func uploadPage(_ req: Request, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        var page = MemberImportPage(req)
        page.uploadError = error
        page.notice = notice
        return try await req.renderPage("members/import", title: "Importer des adhérents", page, status: status)
    }

    func previewPage(_ req: Request, batch: ImportBatch, _ report: ImportPreview<Line>, status: HTTPStatus) async throws -> Response {
        var page = MemberImportPage(req)
        page.preview = .init(
            filename: batch.filename, linesRead: FrenchFormat.plural(report.lines, "ligne lue", "lignes lues"),
            summary: report.summary(.structure),
            rows: report.hasErrors ? [] : report.rows { "\($0.change.row.name) (SIRET \($0.change.row.siret.digits))" },
            hasSensitive: report.sensitive > 0, hasUpdates: report.updated > 0,
            fileErrors: report.fileErrors, errors: report.lineErrors.map { .init(line: $0.line, messages: $0.messages) },
            errorCount: FrenchFormat.plural(report.lineErrors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyImport(try batch.requireID()).path)
        return try await req.renderPage("members/import", title: "Aperçu de l'import", page, status: status)
    }

    func appliedPage(_ req: Request, _ report: ImportPreview<Line>) async throws -> Response {
        req.flash(report.appliedMessage(.structure))
        return req.redirect(to: SiteURL.directory.path)
    }
}
