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
        try PrintedPDF.printer(req, unavailable: unavailable)
    }

    /// What the print template reads: the page, and its stylesheets as file URLs.
    struct PrintDocument: Encodable, Sendable {
        let title: String
        let stylesheets: [String]
        let page: ReportPage
    }

    private static func pdf(_ req: Request, _ page: ReportPage, printer: ChromiumPDF, name: String) async throws -> Response {
        let root = req.application.config.rootDirectory
        let bytes = try await PrintedPDF.print(req, printer: printer, template: "observatory/report-print",
                                               stylesheets: ["Public/css/app.css", "Public/css/observatory.css", "Public/css/print.css"],
                                               instead: "utilisez Imprimer depuis la page du rapport") { sheets in
            var printed = page
            if let logo = printed.logo, logo.hasPrefix("/") { printed.logo = URL(fileURLWithPath: root + "Public" + logo).absoluteString }
            return PrintDocument(title: page.heading, stylesheets: sheets, page: printed)
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
