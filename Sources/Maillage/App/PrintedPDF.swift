import Foundation
import Vapor

/// A page printed on the server (`ChromiumPDF`): its template rendered into a private temporary
/// directory with its stylesheets referenced by file path, then printed by headless Chromium,
/// which never makes a request to the server and never holds a session — so the PDF shows exactly
/// what the page shows that person. The caller does the page's own checks first (404 before 503).
/// The Observatory report, the dues calls, the attendance sheet and the certificate print this way.
enum PrintedPDF {
    /// The printer, or the French 503 `unavailable` when this server has no Chromium.
    static func printer(_ req: Request, unavailable: String) throws -> ChromiumPDF {
        let printer = ChromiumPDF(config: req.application.config)
        guard printer.isAvailable else { throw Abort(.serviceUnavailable, reason: unavailable) }
        return printer
    }

    /// The PDF of `template` rendered with `document(stylesheets)`. `stylesheets` are paths from
    /// the project's root; the federation's colours (the theme) come after them, or before with
    /// `themeFirst`. A failed or refused run is a French 503 that ends with `instead` (what to do
    /// instead: « utilisez la page d'impression de l'appel »).
    static func print<Doc: Encodable & Sendable>(
        _ req: Request, printer: ChromiumPDF, template: String, stylesheets: [String], themeFirst: Bool = false,
        instead: String, document: ([String]) async throws -> Doc
    ) async throws -> Data {
        let root = req.application.config.rootDirectory
        let work = try ChromiumPDF.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var sheets = stylesheets.map { URL(fileURLWithPath: root + $0).absoluteString }
        if let theme = req.application.theme {
            let themeFile = work.appendingPathComponent("theme.css")
            try Data(theme.stylesheet.utf8).write(to: themeFile)
            if themeFirst { sheets.insert(themeFile.absoluteString, at: 0) } else { sheets.append(themeFile.absoluteString) }
        }
        let view = try await req.view.render(template, try await document(sheets))
        let html = work.appendingPathComponent("document.html")
        try Data(buffer: view.data).write(to: html)
        let output: Data?
        do {
            output = try await req.services.pdfRuns.run { try await printer.print(html, into: work) }
        } catch {
            req.logger.warning("PDF: \(error)")
            throw Abort(.serviceUnavailable, reason: "Le PDF n'a pas pu être produit cette fois ; réessayez, ou \(instead).")
        }
        guard let bytes = output else {
            throw Abort(.serviceUnavailable, reason: "D'autres PDF sont en cours de production ; réessayez dans un instant, ou \(instead).")
        }
        return bytes
    }
}
