import Fluent
import Foundation
import MaillageCore
import Vapor

/// Answers files: upload (CSV or XLSX) → preview with every bad line → all-or-nothing apply;
/// and the export of a campaign's answers in the same format.
enum AnswerImportController {
    static let maxUpload: ByteCount = "20mb"

    struct UploadForm: Content { var file: File?; var validate: String? }

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
        let campaign = try await req.campaign()
        let form = try req.form(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            var p = page(campaign)
            p.uploadError = "Choisissez un fichier CSV ou XLSX à importer."
            return try await req.renderPage("observatory/import", title: "Importer des réponses", p, status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let batch = AnswerImportBatch()
        batch.userID = try req.requireUser().id
        batch.$campaign.id = try campaign.requireID()
        batch.filename = String(file.filename.prefix(200))
        batch.content = data.base64EncodedString()
        try await batch.create(on: req.db)
        let validate = form.validate == "on" || form.validate == "1"
        let parsed = AnswerImport.parse(data, filename: file.filename, campaign: campaign)
        let (report, _) = try await AnswerImport.plan(parsed, campaign: campaign, validate: validate, on: req.db)
        return try await renderPreview(req, campaign, batch: batch, report: report, validate: validate)
    }

    static func apply(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        guard let id = req.parameters.get("batchID", as: UUID.self), let batch = try await AnswerImportBatch.find(id, on: req.db),
              batch.$campaign.id == campaign.id, let data = Data(base64Encoded: batch.content) else { throw Abort(.notFound) }
        struct Form: Decodable { var validate: String? }
        let validate = try req.form(Form.self).validate == "1"
        let parsed = AnswerImport.parse(data, filename: batch.filename, campaign: campaign)
        do {
            let report = try await AnswerImport.apply(parsed, campaign: campaign, validate: validate, actor: try req.requireUser(), on: req.db)
            batch.appliedAt = Date()
            try await batch.save(on: req.db)
            req.flash("Import appliqué : \(report.created) réponse(s) créée(s), \(report.updated) mise(s) à jour, \(report.unchanged) inchangée(s).")
            return req.redirect(to: SiteURL.campaign(campaign.year).path)
        } catch AnswerImport.Failure.invalid(let report) {
            return try await renderPreview(req, campaign, batch: batch, report: report, validate: validate)
        }
    }

    static func renderPreview(_ req: Request, _ campaign: Campaign, batch: AnswerImportBatch, report: AnswerImport.Report,
                              validate: Bool) async throws -> Response {
        var p = page(campaign)
        p.preview = .init(
            filename: batch.filename,
            summary: ["\(report.lines) ligne(s) lue(s)", "\(report.created) réponse(s) à créer", "\(report.updated) réponse(s) à mettre à jour",
                      "\(report.unchanged) réponse(s) inchangée(s)", "\(report.warnings) réponse(s) avec un avertissement heures / ETP (importées telles quelles)"],
            errors: report.hasErrors ? report.errors.map { .init(line: $0.line.map(String.init) ?? "fichier", messages: $0.messages) } : nil,
            errorCount: FrenchFormat.plural(report.errors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyAnswersImport(campaign.year, batch.id!).path, validate: validate)
        return try await req.renderPage("observatory/import", title: "Aperçu de l'import", p,
                                        status: report.hasErrors ? .unprocessableEntity : .ok)
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
