import Fluent
import Foundation
import MaillageCore
import Vapor

/// Answers files: upload (CSV or XLSX) → preview with every bad line → all-or-nothing apply;
/// and the export of a campaign's answers in the same format.
enum AnswerImportController {
    static let maxUpload: ByteCount = "20mb"

    struct ImportPage: Encodable, Sendable {
        struct ErrorLine: Encodable, Sendable { let line: String; let messages: [String] }
        struct Preview: Encodable, Sendable {
            let filename: String
            let summary: [String]
            let errors: [ErrorLine]?
            let errorCount: String
            let applyHref: String?
            let validate: Bool
        }
        let year: Int
        let action: String
        var uploadError: String? = nil
        /// Said above the form, e.g. that the batch was already applied.
        var notice: String? = nil
        var preview: Preview? = nil
        let columns: String
        let docHref: String
    }

    static func show(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        return try await req.renderPage("observatory/import", title: "Importer des réponses — \(campaign.year)", page(campaign))
    }

    static func page(_ c: Campaign) -> ImportPage {
        ImportPage(year: c.year, action: SiteURL.answersImport(c.year).path,
                   columns: "campaign;siret;type;" + IndicatorCatalogue.all.prefix(4).map(\.code).joined(separator: ";") + ";…",
                   docHref: SiteURL.answersExport(c.year, "csv").path)
    }

    static func upload(_ req: Request) async throws -> Response {
        struct Form: Decodable { var validate: String? }
        let validate = try req.form(Form.self).validate
        return try await AnswerImporter(campaign: try await req.campaign(), validate: validate == "on" || validate == "1",
                                        actor: try req.requireUser()).upload(req)
    }

    static func apply(_ req: Request) async throws -> Response {
        struct Form: Decodable { var validate: String? }
        return try await AnswerImporter(campaign: try await req.campaign(), validate: try req.form(Form.self).validate == "1",
                                        actor: try req.requireUser()).apply(req)
    }

    // MARK: export

    /// The campaign's answers in the import format: every answer for an admin, the
    /// delegation's for a delegate (nobody else sees individual answers).
    static func export(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let user = try req.requireUser()
        let ext = req.parameters.get("file") ?? ""
        guard ext == "reponses.csv" || ext == "reponses.xlsx" else { throw Abort(.notFound) }
        let map = try await req.networkMap()
        let followed = Set(user.delegatedDelegationIDs)
        let answers = try await exportAnswers(campaign, on: req.db) { dep in
            user.isNationalAdmin || map.delegation(ofDepartment: dep).map { followed.contains($0.delegationID) } == true
        }
        let name = "observatoire-\(campaign.year)-\(ext)"
        if ext.hasSuffix(".csv") {
            return Download.response(AnswerFile.csv(campaign: campaign.year, answers: answers, codes: IndicatorCatalogue.all.map(\.code)),
                            type: Download.csvType, name: name)
        }
        return Download.response(AnswerFile.xlsx(campaign: campaign.year, answers: answers, codes: IndicatorCatalogue.all.map(\.code)),
                        type: Download.xlsxType, name: name)
    }

    /// Every non-draft answer (drafts are the member's work in progress), sorted by SIRET and type.
    static func exportAnswers(_ campaign: Campaign, on db: any Database, include: (String) -> Bool = { _ in true })
        async throws -> [(siret: String, type: String, values: [String: Exact])] {
        let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$status ~~ AnswerStatus.allCases.filter(\.counts).map(\.rawValue)).with(\.$structure).all()
        return answers.filter { include($0.structure.departmentCode) }
            .map { (siret: $0.structure.siret, type: $0.type, values: $0.values) }
            .sorted { ($0.siret, $0.type) < ($1.siret, $1.type) }
    }
}

/// The answers import's pages (`BatchImporter`): the file is kept as base64, for one campaign.
extension AnswerImporter {
    var missingFile: String { "Choisissez un fichier CSV ou XLSX à importer." }

    func batch(_ data: Data, filename: String, by user: CurrentUser) throws -> AnswerImportBatch {
        let batch = AnswerImportBatch()
        batch.userID = user.id
        batch.$campaign.id = try campaign.requireID()
        batch.filename = filename
        batch.content = data.base64EncodedString()
        return batch
    }

    func parse(_ batch: AnswerImportBatch) -> AnswerFileParse? {
        guard batch.$campaign.id == campaign.id, let data = Data(base64Encoded: batch.content) else { return nil }
        return parse(data, filename: batch.filename)
    }

    func uploadPage(_ req: Request, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        var p = AnswerImportController.page(campaign)
        p.uploadError = error
        p.notice = notice
        return try await req.renderPage("observatory/import", title: "Importer des réponses", p, status: status)
    }

    func previewPage(_ req: Request, batch: AnswerImportBatch, _ report: ImportPreview<Line>, status: HTTPStatus) async throws -> Response {
        var p = AnswerImportController.page(campaign)
        let fileErrors = report.fileErrors.isEmpty ? [] : [AnswerImportController.ImportPage.ErrorLine(line: "fichier", messages: report.fileErrors)]
        let errors = fileErrors + report.lineErrors.map { .init(line: String($0.line), messages: $0.messages) }
        p.preview = .init(
            filename: batch.filename,
            summary: ["\(report.lines) ligne(s) lue(s)", "\(report.created) réponse(s) à créer", "\(report.updated) réponse(s) à mettre à jour",
                      "\(report.unchanged) réponse(s) inchangée(s)", "\(report.warnings) réponse(s) avec un avertissement heures / ETP (importées telles quelles)"],
            errors: report.hasErrors ? errors : nil,
            errorCount: FrenchFormat.plural(errors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyAnswersImport(campaign.year, try batch.requireID()).path, validate: validate)
        return try await req.renderPage("observatory/import", title: "Aperçu de l'import", p, status: status)
    }

    func appliedPage(_ req: Request, _ report: ImportPreview<Line>) async throws -> Response {
        req.flash("Import appliqué : \(report.created) réponse(s) créée(s), \(report.updated) mise(s) à jour, \(report.unchanged) inchangée(s).")
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }
}
