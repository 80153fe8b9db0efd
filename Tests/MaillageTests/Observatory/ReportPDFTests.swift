import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The report as a PDF: headless Chromium when the server has it (CI installs it:
/// `apt-get install chromium`), a French 503 otherwise.
@Suite("Observatory report PDF")
struct ReportPDFTests {
    static let chromium = "/usr/bin/chromium"
    static var hasChromium: Bool { FileManager.default.isExecutableFile(atPath: chromium) }

    @Test("without Chromium: a French 503 that points to Imprimer, and no PDF link on the report")
    func withoutChromium() async throws {
        try await withMaillage { app in
            // setup
            app.config.chromiumPath = "/nonexistent/chromium"
            let net = try await ReportTests.network(app)
            let b = try await net.f.browser(app, as: .board)
            // MUT
            let national = try await b.get(.reportPDF(2024))
            let delegation = try await b.get(.delegationReportPDF(2024, "PDL"))
            let page = try await b.get(.report(2024))
            // validate
            #expect(national.status == .serviceUnavailable)
            #expect(national.body.contains("La génération PDF n&#39;est pas disponible sur ce serveur ; utilisez Imprimer")
                        || national.body.contains("La génération PDF n'est pas disponible sur ce serveur ; utilisez Imprimer"))
            #expect(delegation.status == .serviceUnavailable)
            #expect(page.status == .ok)
            #expect(!page.body.contains("id=\"report-pdf\""))
            #expect(page.body.contains("Imprimer / PDF"))
        }
    }

    @Test("with Chromium: the national and a delegation's report as PDF bytes", .enabled(if: ReportPDFTests.hasChromium, "needs /usr/bin/chromium (CI installs it)"))
    func withChromium() async throws {
        try await withMaillage { app in
            // setup
            app.config.chromiumPath = Self.chromium
            let net = try await ReportTests.network(app)
            let b = try await net.f.browser(app, as: .board)
            // MUT
            let page = try await b.get(.report(2024))
            let national = try await b.get(.reportPDF(2024))
            let delegation = try await b.get(.delegationReportPDF(2024, "PDL"))
            // validate
            #expect(page.body.contains("id=\"report-pdf\" href=\"/observatoire/2024/rapport.pdf\""))
            for pdf in [national, delegation] {
                #expect(pdf.status == .ok)
                #expect(pdf.headers.first(name: .contentType) == "application/pdf")
                #expect(pdf.body.hasPrefix("%PDF"))
            }
            #expect(national.headers.first(name: .contentDisposition)?.contains("observatoire-2024-national.pdf") == true)
        }
    }

    @Test("a PDF follows the report's rules: an unknown delegation or nothing published is 404, before any printing")
    func sameRulesAsTheReport() async throws {
        try await withMaillage { app in
            // setup: no Chromium, so a 503 would show that the rules came second
            app.config.chromiumPath = "/nonexistent/chromium"
            let net = try await ReportTests.network(app, published: false)
            let admin = try await net.f.browser(app, as: .admin)
            let board = try await net.f.browser(app, as: .board)
            // MUT + validate
            #expect(try await admin.get(.delegationReportPDF(2024, "ZZZ")).status == .notFound)
            #expect(try await board.get(.reportPDF(2024)).status == .notFound)
            #expect(try await board.get(.reportPDF(2031)).status == .notFound)
            #expect(try await admin.get(.reportPDF(2024)).status == .serviceUnavailable)
        }
    }
}
