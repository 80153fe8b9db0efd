import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// An export is its requester's alone, and only while their right holds.
@Suite("Exports: who sees and downloads them")
struct ExportAccessTests {
    typealias Kit = ExportTestKit

    @Test("another person, even a national admin too, is told the export does not exist (404)")
    func othersGetNotFound() async throws {
        try await Kit.withExports { app, f in
            // setup
            let admin = try await f.browser(app, as: .admin)
            let id = try await Kit.prepare(admin, SiteURL.exportMembersXLSX.path)
            try await app.jobs.runDue()
            let (otherAdmin, _) = try await Kit.browser(app, role: .nationalAdmin)
            let delegate = try await f.browser(app, as: .delegate)
            let jurist = try await f.browser(app, as: .jurist)
            // MUT + validate
            for b in [otherAdmin, delegate, jurist] {
                #expect(try await b.get(.export(id)).status == .notFound)
                #expect(try await Kit.download(app, b, SiteURL.exportFile(id).path).status == .notFound)
                let list = try await b.get(.exports)
                #expect(list.status == .ok)
                #expect(!list.body.contains(SiteURL.export(id).path))
            }
            #expect(try await admin.get(.export(id)).status == .ok)
            #expect(try await admin.get(.exports).body.contains(SiteURL.export(id).path))
            #expect(try await Kit.download(app, admin, SiteURL.exportFile(id).path).status == .ok)
            // Signed out: the sign-in page, not the file.
            let anonymous = TestBrowser(app)
            let page = try await anonymous.get(.exportFile(id))
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/connexion") == true)
        }
    }

    @Test("a delegate whose role is removed after asking: refused at download (403, in French)")
    func rightLostBeforeDownload() async throws {
        try await Kit.withExports { app, f in
            // setup
            let (delegate, user) = try await Kit.browser(app, role: .regionalDelegate, delegation: "PDL")
            let id = try await Kit.prepare(delegate, SiteURL.exportMembersCSV.path)
            try await app.jobs.runDue()
            #expect(try await Kit.job(id, on: app.db).status == "done")
            #expect(try await Kit.download(app, delegate, SiteURL.exportFile(id).path).status == .ok)
            // MUT: the national office removes the role
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$user.$id == user.requireID()).first())
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.post(.revokeGrant(user.requireID(), grant.requireID())).status == .seeOther)
            // validate
            let refused = try await Kit.download(app, delegate, SiteURL.exportFile(id).path)
            #expect(refused.status == .forbidden)
            #expect(String(decoding: refused.data, as: UTF8.self).contains("Vos droits ont changé depuis la demande"))
        }
    }

    @Test("a delegate moved to another delegation between asking and the run: the job fails, the page says why")
    func rightLostBeforeRun() async throws {
        try await Kit.withExports { app, f in
            // setup
            _ = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let (delegate, user) = try await Kit.browser(app, role: .regionalDelegate, delegation: "PDL")
            let id = try await Kit.prepare(delegate, SiteURL.prepareAnswersExport(2024, "xlsx").path)
            try await RoleGrant.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
            try await AccountsFactory.makeGrant(on: app.db, user: user, role: .regionalDelegate, scope: .delegation(code: "NOR"))
            // MUT
            try await app.jobs.runDue()
            // validate
            let job = try await Kit.job(id, on: app.db)
            #expect(job.status == "failed")
            #expect(job.attempts == 1)
            #expect(job.result == nil)
            let page = try await delegate.get(.export(id))
            #expect(page.status == .ok)
            #expect(page.body.contains("Échec"))
            #expect(page.body.contains(ExportRights.refusal.replacingOccurrences(of: "'", with: "&#39;"))
                    || page.body.contains(ExportRights.refusal))
            #expect(!page.body.contains("export-download"))
            // No file: the file's address leads back to the page.
            let file = try await delegate.get(.exportFile(id))
            #expect(file.status == .seeOther)
            #expect(file.location == SiteURL.export(id).path)
        }
    }

    @Test("bad addresses: an unknown export, a non-UUID, an unknown answers file or campaign → 404; no CSRF → 403")
    func badInput() async throws {
        try await Kit.withExports { app, f in
            _ = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            #expect(try await admin.get(.export(UUID())).status == .notFound)
            #expect(try await admin.get("/exports/pas-un-uuid").status == .notFound)
            #expect(try await admin.get("/exports/pas-un-uuid/fichier").status == .notFound)
            #expect(try await admin.post("/observatoire/2024/export/reponses.pdf").status == .notFound)
            #expect(try await admin.post(SiteURL.prepareAnswersExport(2031, "xlsx").path).status == .notFound)
            #expect(try await admin.post(SiteURL.prepareMembersXLSX.path, csrf: false).status == .forbidden)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind ~~ ExportQuery.kinds).count() == 0)
            // A member manager may not ask for the register file.
            let member = try await f.browser(app, as: .member)
            #expect(try await member.post(SiteURL.prepareMembersCSV.path).status == .forbidden)
        }
    }
}
