import Foundation
import MaillageCore
import Vapor

/// `/observatoire/:year/rapport.pdf` and `/observatoire/:year/rapport/:code/rapport.pdf`: the
/// report as its reader sees it (same figures, same secrecy: the page model is built by the
/// same code, for the same person), printed by headless Chromium. The HTML is rendered here
/// into a private temporary directory with its stylesheets referenced by file path, so that
/// Chromium never makes a request to the server and never holds a session.
extension ReportController {
    static func nationalPDF(_ req: Request) async throws -> Response {
        let page = try await nationalPage(req)
        let printer = try available(req)
        return try await pdf(req, page, printer: printer, name: "observatoire-\(try req.campaignYear)-national.pdf")
    }

    static func delegationPDF(_ req: Request) async throws -> Response {
        let page = try await delegationPage(req)
        let printer = try available(req)
        let code = req.parameters.get("code") ?? "delegation"
        return try await pdf(req, page, printer: printer, name: "observatoire-\(try req.campaignYear)-\(code).pdf")
    }

    /// The page first: what the report refuses (404), its PDF refuses the same way.
    static let unavailable = "La génération PDF n'est pas disponible sur ce serveur ; utilisez Imprimer depuis la page du rapport."

    private static func available(_ req: Request) throws -> ChromiumPDF {
        let printer = ChromiumPDF(config: req.application.config)
        guard printer.isAvailable else { throw Abort(.serviceUnavailable, reason: unavailable) }
        return printer
    }

    /// What the print template reads: the page, and its stylesheets as file URLs.
    struct PrintDocument: Encodable, Sendable {
        let title: String
        let stylesheets: [String]
        let page: ReportPage
    }

    private static func pdf(_ req: Request, _ page: ReportPage, printer: ChromiumPDF, name: String) async throws -> Response {
        let root = req.application.config.rootDirectory
        let work = try ChromiumPDF.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var sheets = ["Public/css/app.css", "Public/css/observatory.css", "Public/css/print.css"]
            .map { URL(fileURLWithPath: root + $0).absoluteString }
        if let theme = req.application.theme {
            // The federation's colours, as the site's /theme.css serves them.
            let themeFile = work.appendingPathComponent("theme.css")
            try Data(theme.stylesheet.utf8).write(to: themeFile)
            sheets.append(themeFile.absoluteString)
        }
        var printed = page
        if let logo = printed.logo, logo.hasPrefix("/") { printed.logo = URL(fileURLWithPath: root + "Public" + logo).absoluteString }
        let view = try await req.view.render("observatory/report-print", PrintDocument(title: page.heading, stylesheets: sheets, page: printed))
        let html = work.appendingPathComponent("rapport.html")
        try Data(buffer: view.data).write(to: html)
        let output: Data?
        do {
            output = try await req.services.pdfRuns.run { try await printer.print(html, into: work) }
        } catch {
            req.logger.warning("PDF: \(error)")
            throw Abort(.serviceUnavailable, reason: "Le PDF n'a pas pu être produit cette fois ; réessayez, ou utilisez Imprimer depuis la page du rapport.")
        }
        guard let bytes = output else {
            throw Abort(.serviceUnavailable, reason: "D'autres PDF sont en cours de production ; réessayez dans un instant, ou utilisez Imprimer depuis la page du rapport.")
        }
        return Download.response(bytes, type: "application/pdf", name: name)
    }
}

extension Request {
    /// The `:year` path parameter, as the campaign loader reads it.
    fileprivate var campaignYear: Int {
        get throws { try parameters.require("year", as: Int.self) }
    }
}
