import Foundation
import MaillageCore
import Vapor

/// `/cotisations/appels/:callID/appel.pdf`: the print page of the call, printed by headless
/// Chromium from a private temporary directory (stylesheets by file path, no session), as the
/// Observatory report does. The page's own checks come first (404 before 503).
extension DuesCallController {
    static let pdfUnavailable = "La génération PDF n'est pas disponible sur ce serveur : utilisez la page d'impression de l'appel."

    static func callPDF(_ req: Request) async throws -> Response {
        let call = try await loadCall(req)
        let printer = ChromiumPDF(config: req.application.config)
        guard printer.isAvailable else { throw Abort(.serviceUnavailable, reason: pdfUnavailable) }
        let root = req.application.config.rootDirectory
        let work = try ChromiumPDF.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var sheets: [String] = []
        if let theme = req.application.theme {
            let themeFile = work.appendingPathComponent("theme.css")
            try Data(theme.stylesheet.utf8).write(to: themeFile)
            sheets.append(themeFile.absoluteString)
        }
        sheets.append(URL(fileURLWithPath: root + "Public/css/dues-print.css").absoluteString)
        let doc = try await printDocument(req, call: call, stylesheets: sheets, backHref: nil)
        let view = try await req.view.render("dues/call-print", doc)
        let html = work.appendingPathComponent("appel.html")
        try Data(buffer: view.data).write(to: html)
        let output: Data?
        do {
            output = try await req.services.pdfRuns.run { try await printer.print(html, into: work) }
        } catch {
            req.logger.warning("PDF: \(error)")
            throw Abort(.serviceUnavailable, reason: "Le PDF n'a pas pu être produit cette fois ; réessayez, ou utilisez la page d'impression de l'appel.")
        }
        guard let bytes = output else {
            throw Abort(.serviceUnavailable, reason: "D'autres PDF sont en cours de production ; réessayez dans un instant, ou utilisez la page d'impression de l'appel.")
        }
        return Download.response(bytes, type: "application/pdf", name: "appel-\(call.number).pdf")
    }
}
