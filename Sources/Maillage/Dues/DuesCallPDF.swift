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
        let printer = try PrintedPDF.printer(req, unavailable: pdfUnavailable)
        let bytes = try await PrintedPDF.print(req, printer: printer, template: "dues/call-print", stylesheets: ["Public/css/dues-print.css"],
                                               themeFirst: true, instead: "utilisez la page d'impression de l'appel") { sheets in
            try await printDocument(req, call: call, stylesheets: sheets, backHref: nil)
        }
        return Download.response(bytes, type: "application/pdf", name: "appel-\(call.number).pdf")
    }
}
