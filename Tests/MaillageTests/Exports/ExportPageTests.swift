import Fluent
import Foundation
import MaillageCore
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// The export's page in each state, the list, the buttons that ask, the daily cleanup.
@Suite("Export pages")
struct ExportPageTests {
    typealias Kit = ExportTestKit

    /// Puts the queue's row in a state, as a worker would have.
    static func set(_ id: UUID, status: String, done: Int = 0, total: Int = 0, error: String? = nil, on db: any Database) async throws {
        try await JobRecord.query(on: db).filter(\.$id == id).set(\.$status, to: status)
            .set(\.$progressDone, to: done).set(\.$progressTotal, to: total).set(\.$lastError, to: error).update()
    }

    @Test("pending, running, failed, done: the state in a live region, a labelled <progress>, « Actualiser », then the file")
    func pageInEachState() async throws {
        try await Kit.withExports { app, f in
            // setup
            let admin = try await f.browser(app, as: .admin)
            let id = try await Kit.prepare(admin, SiteURL.exportMembersXLSX.path)

            // pending
            var page = try await admin.get(.export(id))
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Fichier des adhérents (XLSX)</h1>"))
            #expect(page.body.contains(#"id="export-state" role="status" data-state="pending">En préparation…</p>"#))
            #expect(page.body.contains(#"<label for="export-progress">Avancement</label>"#))
            #expect(page.body.contains(#"<progress id="export-progress">En attente de traitement</progress>"#))
            #expect(page.body.contains(#"<a href="\#(SiteURL.export(id).path)" id="export-refresh">Actualiser</a>"#))
            #expect(page.body.contains(#"data-poll="\#(SiteURL.export(id).path)""#))
            #expect(page.body.contains(#"<script src="/js/exports.js" defer></script>"#))
            #expect(!page.body.contains("export-download"))

            // running, 50 of 124
            try await Self.set(id, status: "running", done: 50, total: 124, on: app.db)
            page = try await admin.get(.export(id))
            #expect(page.body.contains(#"data-state="running">En préparation…"#))
            #expect(page.body.contains(#"<progress id="export-progress" max="124" value="50">50 sur 124 · 40"# + "\u{202F}%</progress>"))

            // failed, with a technical error: a French sentence instead
            try await Self.set(id, status: "failed", error: "SQLiteError: disk I/O error", on: app.db)
            page = try await admin.get(.export(id))
            #expect(page.body.contains(#"data-state="failed">Échec</p>"#))
            #expect(page.body.contains("La préparation du fichier a échoué."))
            #expect(!page.body.contains("SQLiteError"))
            #expect(!page.body.contains("<progress"))
            #expect(!page.body.contains("data-poll"))

            // done (really run)
            try await Self.set(id, status: "pending", on: app.db)
            try await app.jobs.runDue()
            page = try await admin.get(.export(id))
            let size = try await Kit.download(app, admin, SiteURL.exportFile(id).path).data.count
            #expect(page.body.contains(#"data-state="done">Prêt</p>"#))
            #expect(page.body.contains(#"<a class="button" id="export-download" href="\#(SiteURL.exportFile(id).path)" download>Télécharger le fichier</a>"#))
            #expect(page.body.contains("fichier-adherents-\(Day.today(now: Date()).iso).xlsx"))
            #expect(page.body.contains(#"<dd id="export-file-size">\#(ExportView.size(size))</dd>"#))
            let job = try await Kit.job(id, on: app.db)
            let expires = FrenchFormat.dateTime(try #require(job.finishedAt).addingTimeInterval(7 * 24 * 3600))
            #expect(page.body.contains(#"<dd id="export-expires">\#(expires)</dd>"#))
            #expect(!page.body.contains("<progress"))
            #expect(!page.body.contains("data-poll"))
        }
    }

    @Test("sizes and progress in French")
    func frenchFigures() {
        #expect(ExportView.size(812) == "812 octets")
        #expect(ExportView.size(49_357) == "48,2\u{202F}Ko")
        #expect(ExportView.size(1_363_149) == "1,3\u{202F}Mo")
        #expect(ExportView.percent(50, of: 124) == "40\u{202F}%")
    }

    @Test("the list: the person's exports, most recent first, each with its state and, when ready, its file")
    func list() async throws {
        try await Kit.withExports { app, f in
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.get(.exports).body.contains("Vous n'avez demandé aucun export."))
            _ = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let first = try await Kit.prepare(admin, SiteURL.exportMembersCSV.path)
            try await app.jobs.runDue()
            try await Task.sleep(nanoseconds: 20_000_000)  // created_at apart
            let second = try await Kit.prepare(admin, SiteURL.prepareAnswersExport(2024, "xlsx").path)
            let page = try await admin.get(.exports)
            #expect(page.status == .ok)
            let a = try #require(page.body.range(of: SiteURL.export(second).path))
            let b = try #require(page.body.range(of: SiteURL.export(first).path))
            #expect(a.lowerBound < b.lowerBound)
            #expect(page.body.contains("Réponses de la campagne 2024 (XLSX)"))
            #expect(page.body.contains(SiteURL.exportFile(first).path))
            #expect(!page.body.contains(SiteURL.exportFile(second).path))
        }
    }

    @Test("the directory and the campaign follow-up ask with « Préparer le fichier » forms (CSRF, same addresses)")
    func buttons() async throws {
        try await Kit.withExports { app, f in
            _ = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            let directory = try await admin.get(SiteURL.directory.path(query: ["delegation": "PDL"]))
            #expect(directory.body.contains(#"<form method="post" action="/export/adherents.xlsx?delegation=PDL" class="exports" id="prepare-members-export"><input type="hidden" name="_csrf""#))
            #expect(directory.body.contains(#"formaction="/export/adherents.csv?delegation=PDL">Préparer le fichier CSV</button>"#))
            let followUp = try await admin.get(.campaign(2024))
            #expect(followUp.body.contains(#"<form method="post" action="/observatoire/2024/export/reponses.xlsx" class="inline" id="prepare-answers-xlsx"><input type="hidden" name="_csrf""#))
            // The CSV contract stays a direct link.
            #expect(followUp.body.contains(#"<a href="/observatoire/2024/export/reponses.csv">"#))
            // Members see no such form.
            let member = try await f.browser(app, as: .member)
            #expect(!(try await member.get(.directory)).body.contains("prepare-members-export"))
        }
    }

    @Test("exports.cleanup deletes files ready for more than 7 days; their page says so, the file is gone (410)")
    func cleanup() async throws {
        try await Kit.withExports { app, f in
            // setup: two ready exports, one finished 8 days ago
            let admin = try await f.browser(app, as: .admin)
            let old = try await Kit.prepare(admin, SiteURL.exportMembersCSV.path)
            let recent = try await Kit.prepare(admin, SiteURL.exportMembersXLSX.path)
            try await app.jobs.runDue()
            try await JobRecord.query(on: app.db).filter(\.$id == old)
                .set(\.$finishedAt, to: Date().addingTimeInterval(-8 * 24 * 3600)).update()
            let oldResult = try await Kit.job(old, on: app.db).result
            let oldKey = try #require(oldResult.flatMap(FileKey.init))
            #expect(try app.services.files.get(oldKey) != nil)
            // MUT: the daily schedule's job
            try await JobQueue.enqueue(ExportJobs.cleanupKind, payload: [String: String](), on: app.db)
            try await app.jobs.runDue()
            // validate
            #expect(try app.services.files.get(oldKey) == nil)
            #expect(try await Kit.job(old, on: app.db).result == nil)
            #expect(try await Kit.job(recent, on: app.db).result != nil)
            let page = try await admin.get(.export(old))
            #expect(page.body.contains(#"data-state="expired">Expiré</p>"#))
            #expect(page.body.contains(ExportView.expiredMessage.replacingOccurrences(of: "'", with: "&#39;")) || page.body.contains(ExportView.expiredMessage))
            #expect(try await Kit.download(app, admin, SiteURL.exportFile(old).path).status == .gone)
            #expect(try await Kit.download(app, admin, SiteURL.exportFile(recent).path).status == .ok)
            // The daily schedule is registered.
            #expect(app.jobs.registry.dailySchedules.contains { $0.name == "exports.cleanup" && $0.kind == ExportJobs.cleanupKind })
        }
    }
}
