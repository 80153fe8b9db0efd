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
            let rows: [ImportPreviewRow]
            let hasSensitive: Bool
            let hasUpdates: Bool
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
        let templateCSVHref: String?
        let templateXLSXHref: String?
    }

    /// Said up front, on the page, on upload and on apply: a closed campaign takes no answer.
    static func closedMessage(_ c: Campaign) -> String {
        "La campagne \(c.year) est clôturée : l'import des réponses est refusé. Un administrateur peut la rouvrir."
    }

    static func show(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        var p = page(campaign, req)
        if !campaign.isOpen { p.notice = closedMessage(campaign) }
        return try await req.renderPage("observatory/import", title: "Importer des réponses — \(campaign.year)", p)
    }

    static func page(_ c: Campaign, _ req: Request) -> ImportPage {
        ImportPage(year: c.year, action: SiteURL.answersImport(c.year).path,
                   columns: "campaign;siret;type;" + IndicatorCatalogue.all.prefix(4).map(\.code).joined(separator: ";") + ";…",
                   docHref: SiteURL.answersExport(c.year, "csv").path,
                   templateCSVHref: req.link(to: .answersTemplateCSV(c.year)), templateXLSXHref: req.link(to: .answersTemplateXLSX(c.year)))
    }

    /// A closed campaign refuses the file before it is even kept (409).
    static func upload(_ req: Request) async throws -> Response {
        struct Form: Decodable { var validate: String? }
        let validate = try req.form(Form.self).validate
        let importer = AnswerImporter(campaign: try await req.campaign(), validate: validate == "on" || validate == "1",
                                      actor: try req.requireUser())
        guard importer.campaign.isOpen else {
            return try await importer.uploadPage(req, error: closedMessage(importer.campaign), notice: nil, status: .conflict)
        }
        return try await importer.upload(req)
    }

    /// A batch previewed while the campaign was open and applied once it is closed writes
    /// nothing (409), whether the check here or the answer service's sees it first.
    static func apply(_ req: Request) async throws -> Response {
        struct Form: Decodable { var validate: String? }
        let importer = AnswerImporter(campaign: try await req.campaign(), validate: try req.form(Form.self).validate == "1",
                                      actor: try req.requireUser())
        let refusal = { try await importer.uploadPage(req, error: nil, notice: closedMessage(importer.campaign), status: .conflict) }
        guard importer.campaign.isOpen else { return try await refusal() }
        do {
            return try await importer.apply(req)
        } catch AnswerService.Refusal.campaignClosed {
            return try await refusal()
        }
    }

    // MARK: template

    /// The file to fill in: the contract's header (every indicator code) and one example
    /// line, fictional but valid (a SIRET with a right key, values that pass the checks).
    static func templateRows(_ year: Int) -> [[String]] {
        AnswerFile.rows(campaign: year, answers: [templateAnswer], codes: IndicatorCatalogue.all.map(\.code))
    }

    static let templateAnswer: AnswerFile.Answer = (
        siret: SIRET.makeValid(siren9: "123456782", nic4: "0001").digits, type: "AI",
        values: ["permanents_headcount": Exact(6), "insertion_new_persons": Exact(25), "insertion_persons": Exact(40),
                 "turnover_eur": Exact(decimal: "250000.50")!, "funding_state_eur": Exact(120_000),
                 "exits_total": Exact(10), "exits_sustainable": Exact(3), "exits_transition": Exact(2),
                 "exits_positive": Exact(1), "exits_other": Exact(4), "persons_women": Exact(18), "persons_men": Exact(22),
                 "clientele_private_pct": Exact(50), "clientele_nonprofit_pct": Exact(20),
                 "clientele_public_pct": Exact(25), "clientele_individuals_pct": Exact(5)])

    static func templateCSV(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        return Download.response(FrenchCSV.exportData(templateRows(campaign.year)), type: Download.csvType,
                                 name: "modele-observatoire-\(campaign.year).csv")
    }

    static func templateXLSX(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        return Download.response(AnswerFile.xlsx(campaign: campaign.year, answers: [templateAnswer], codes: IndicatorCatalogue.all.map(\.code)),
                                 type: Download.xlsxType, name: "modele-observatoire-\(campaign.year).xlsx")
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
        // The contract's sheet first (the import reads it back), then a French one (`AnswerWorkbook`).
        let workbook = try await AnswerWorkbook.data(campaign, map: map, on: req.db) { dep in
            user.isNationalAdmin || map.delegation(ofDepartment: dep).map { followed.contains($0.delegationID) } == true
        }
        return Download.response(workbook, type: Download.xlsxType, name: name)
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
        var p = AnswerImportController.page(campaign, req)
        p.uploadError = error
        p.notice = notice
        return try await req.renderPage("observatory/import", title: "Importer des réponses", p, status: status)
    }

    func previewPage(_ req: Request, batch: AnswerImportBatch, _ report: ImportPreview<Line>, status: HTTPStatus) async throws -> Response {
        var p = AnswerImportController.page(campaign, req)
        let fileErrors = report.fileErrors.isEmpty ? [] : [AnswerImportController.ImportPage.ErrorLine(line: "fichier", messages: report.fileErrors)]
        let errors = fileErrors + report.lineErrors.map { .init(line: String($0.line), messages: $0.messages) }
        var summary = [FrenchFormat.plural(report.lines, "ligne lue", "lignes lues"), report.summary(.answer)]
        if report.warnings > 0 {
            summary.append(FrenchFormat.plural(report.warnings, "réponse", "réponses")
                           + " avec un avertissement heures / ETP (importées telles quelles)")
        }
        p.preview = .init(
            filename: batch.filename, summary: summary,
            rows: report.hasErrors ? [] : report.rows { "\($0.change.structure.name) (\($0.change.row.type))" },
            hasSensitive: report.sensitive > 0, hasUpdates: report.updated > 0,
            errors: report.hasErrors ? errors : nil,
            errorCount: FrenchFormat.plural(errors.count, "ligne en erreur", "lignes en erreur"),
            applyHref: report.hasErrors ? nil : SiteURL.applyAnswersImport(campaign.year, try batch.requireID()).path, validate: validate)
        return try await req.renderPage("observatory/import", title: "Aperçu de l'import", p, status: status)
    }

    func appliedPage(_ req: Request, _ report: ImportPreview<Line>) async throws -> Response {
        req.flash(report.appliedMessage(.answer))
        return req.redirect(to: SiteURL.campaign(campaign.year).path)
    }
}
