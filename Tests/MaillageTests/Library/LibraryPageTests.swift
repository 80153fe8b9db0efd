import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The library through the browser: who sees what, the resource page and its downloads, the
/// publishers' forms (new, edit, new version) with their French errors.
@Suite("Library pages", .serialized)
struct LibraryPageTests {
    @Test("the list: anonymous sees public resources only, anyone with a role both; filters and search")
    func list() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            _ = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Guide public des marchés", audience: .public)
            _ = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Modèle de contrat CDDI",
                                                    kind: .model, theme: .legal, audience: .members)
            _ = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Charte graphique",
                                                    kind: .template, theme: .communication, audience: .members)
            let anonymous = try await f.browser(app, as: .anonymous).get(.library(.home))
            #expect(anonymous.status == .ok)
            #expect(anonymous.body.contains("Guide public des marchés"))
            #expect(!anonymous.body.contains("Modèle de contrat CDDI") && !anonymous.body.contains("Charte graphique"))
            #expect(!anonymous.body.contains("id=\"audience\"") && !anonymous.body.contains("id=\"library-new\""))
            let member = try await f.browser(app, as: .member)
            let all = try await member.get(.library(.home))
            #expect(all.body.contains("Guide public des marchés") && all.body.contains("Modèle de contrat CDDI") && all.body.contains("Charte graphique"))
            #expect(all.body.contains("id=\"audience\"") && all.body.contains("3 ressources"))
            #expect(!all.body.contains("id=\"library-new\""))  // a member manager does not publish
            let themed = try await member.get(.library(.home), query: ["theme": "communication"])
            #expect(themed.body.contains("Charte graphique") && !themed.body.contains("Modèle de contrat CDDI"))
            let kinds = try await member.get(.library(.home), query: ["kind": "model", "audience": "members"])
            #expect(kinds.body.contains("Modèle de contrat CDDI") && !kinds.body.contains("Charte graphique"))
            // The factory writes records straight: index them as the service would, then search a plural without accents.
            for r in try await LibraryResource.query(on: app.db).all() { try await SearchIndex.upsert(LibraryService.searchDocument(r), on: app.db) }
            let found = try await member.get(.library(.home), query: ["q": "modeles contrats"])
            #expect(found.body.contains("Modèle de contrat CDDI") && !found.body.contains("Guide public des marchés"))
            let anonymousSearch = try await f.browser(app, as: .anonymous).get(.library(.home), query: ["q": "contrat", "audience": "members"])
            #expect(!anonymousSearch.body.contains("Modèle de contrat CDDI"))
            let jurist = try await f.browser(app, as: .jurist).get(.library(.home))
            #expect(jurist.body.contains("id=\"library-new\""))
        }
    }

    @Test("a members' resource: anonymous goes to sign in, signed in without a role gets 404, a role reads and downloads")
    func membersOnly() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let r = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Note adhérents", audience: .members, versions: 2)
            let id = try r.requireID()
            let versions = try await LibraryQueries.versions(of: id, on: app.db)
            let anonymous = try await f.browser(app, as: .anonymous)
            for url in [LibraryURL.resource(id), LibraryURL.download(id), LibraryURL.versionDownload(id, versions[1].id!)] {
                let page = try await anonymous.get(url)
                #expect(page.status == .seeOther && page.location?.hasPrefix(SiteURL.login.path) == true, "\(url.path)")
            }
            _ = try await AccountsFactory.makeUser(on: app, email: "sans-role@test.maillage.test", displayName: "Sans Rôle")
            let noRole = TestBrowser(app)
            try await noRole.login("sans-role@test.maillage.test")
            for url in [LibraryURL.resource(id), LibraryURL.download(id), LibraryURL.versionDownload(id, versions[1].id!)] {
                #expect(try await noRole.get(url).status == .notFound, "\(url.path)")
            }
            #expect(!(try await noRole.get(.library(.home))).body.contains("Note adhérents"))
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(LibraryURL.resource(id))
            #expect(page.status == .ok && page.body.contains("Note adhérents") && page.body.contains("Version 2"))
            #expect(page.body.contains("Mise à jour 2") && page.body.contains("Historique des versions"))
            #expect(!page.body.contains("id=\"version-form\"") && !page.body.contains("id=\"resource-edit\""))
            // Current by default, any version by its id.
            let current = try await member.get(LibraryURL.download(id))
            #expect(current.status == .ok && current.body.hasSuffix("% version 2\n"))
            #expect(current.headers.first(name: .contentType) == "application/pdf")
            #expect(current.headers.first(name: .contentDisposition) == "attachment; filename=\"guide-v2.pdf\"; filename*=UTF-8''guide-v2.pdf")
            #expect(current.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(current.headers.first(name: .cacheControl) == "private, no-store")
            let old = try await member.get(LibraryURL.versionDownload(id, versions.first { $0.number == 1 }!.id!))
            #expect(old.status == .ok && old.body.hasSuffix("% version 1\n"))
            // Another resource's version through this resource: 404.
            let other = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Autre", audience: .public)
            let otherVersion = try await LibraryQueries.current(of: other.requireID(), on: app.db)!
            #expect(try await member.get(LibraryURL.versionDownload(id, otherVersion.id!)).status == .notFound)
            #expect(try await member.get(LibraryURL.versionDownload(other.requireID(), versions[0].id!)).status == .notFound)
            #expect(try await member.get(LibraryURL.resource(UUID())).status == .notFound)
            // A public resource: anyone downloads it.
            #expect(try await anonymous.get(LibraryURL.download(other.requireID())).status == .ok)
        }
    }

    @Test("a publisher adds a resource with its file, edits it, uploads a new version; errors are French, next to the field, 422")
    func publish() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let form = try await jurist.get(.library(.newResource))
            #expect(form.status == .ok && form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("name=\"resource_file\""))
            // Everything wrong at once: nothing is saved.
            let refused = try await jurist.postParts(.library(.createResource), [
                .field("resource_title", String(repeating: "a", count: 201)), .field("resource_description", ""),
                .field("resource_kind", "poeme"), .field("resource_theme", "legal"), .field("resource_audience", "members"),
                .file("resource_file", "", Data()),
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Le formulaire contient 3 erreurs"))
            #expect(refused.body.contains("id=\"resource_title-error\">Le titre fait 201 caractères : 200 au plus."))
            #expect(refused.body.contains("id=\"resource_kind-error\">Choisissez le type de ressource."))
            #expect(refused.body.contains("id=\"resource_file-error\">Choisissez le fichier à déposer"))
            #expect(try await LibraryResource.query(on: app.db).count() == 0 && UploadKit.entries(app).isEmpty)
            // A good form.
            let created = try await jurist.postParts(.library(.createResource),
                                                     LibraryURL.newResourceParts(title: "Guide de la clause d'insertion", filename: "Clause d'insertion.pdf"))
            #expect(created.status == .seeOther)
            let r = try #require(try await LibraryResource.query(on: app.db).first())
            let id = try r.requireID()
            #expect(created.location == LibraryURL.resource(id).path)
            let page = try await jurist.get(LibraryURL.resource(id))
            #expect(page.body.contains("Ressource « Guide de la clause d&#39;insertion » ajoutée à la bibliothèque."))
            #expect(page.body.contains("Version 1") && page.body.contains("Première édition") && page.body.contains("PDF, "))
            #expect(page.body.contains("id=\"version-form\"") && page.body.contains("id=\"resource-edit\""))
            let download = try await jurist.get(LibraryURL.download(id))
            #expect(download.headers.first(name: .contentDisposition) == "attachment; filename=\"Clause d'insertion.pdf\"; filename*=UTF-8''Clause%20d%27insertion.pdf")
            // Edit.
            let edit = try await jurist.get(LibraryURL.editResource(id))
            #expect(edit.status == .ok && edit.body.contains("value=\"Guide de la clause d&#39;insertion\""))
            #expect(edit.body.contains("<option value=\"members\" selected>") && !edit.body.contains("name=\"resource_file\""))
            let badEdit = try await jurist.post(LibraryURL.updateResource(id), form: [
                ("resource_title", " "), ("resource_description", "x"), ("resource_kind", "guide"), ("resource_theme", "quality"),
                ("resource_audience", "tous")])
            #expect(badEdit.status == .unprocessableEntity && badEdit.body.contains("Indiquez le titre de la ressource."))
            #expect(badEdit.body.contains("Choisissez qui peut consulter la ressource"))
            let saved = try await jurist.post(LibraryURL.updateResource(id), form: [
                ("resource_title", "Guide qualité"), ("resource_description", "Nouvelle description"), ("resource_kind", "guide"),
                ("resource_theme", "quality"), ("resource_audience", "public")])
            #expect(saved.status == .seeOther)
            let fresh = try #require(try await LibraryResource.find(id, on: app.db))
            #expect(fresh.title == "Guide qualité" && fresh.theme == "quality" && fresh.audience == "public")
            // A new version: a bad file re-renders the page with its error, a good one becomes current.
            let before = UploadKit.entries(app)
            let badVersion = try await jurist.postParts(LibraryURL.addVersion(id), [
                .field("version_comment", "v2"), .file("version_file", "photo.png", UploadKit.pdf())])
            #expect(badVersion.status == .unprocessableEntity)
            #expect(badVersion.body.contains("id=\"version_file-error\">« photo.png » est un PDF, pas une image PNG"))
            #expect(UploadKit.entries(app) == before)
            let v2 = try await jurist.postParts(LibraryURL.addVersion(id), [
                .field("version_comment", "Édition 2027"), .file("version_file", "guide-2027.png", UploadKit.png)])
            #expect(v2.status == .seeOther)
            let after = try await jurist.get(LibraryURL.resource(id))
            #expect(after.body.contains("Version 2") && after.body.contains("Édition 2027") && after.body.contains("image PNG"))
            let current = try await jurist.get(LibraryURL.download(id))
            #expect(current.headers.first(name: .contentType) == "image/png")
            #expect(try await LibraryQueries.versions(of: id, on: app.db).count == 2 && UploadKit.entries(app).count == 2)
            // A member manager may not publish.
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(.library(.newResource)).status == .forbidden)
            #expect(try await member.postParts(LibraryURL.addVersion(id), [.file("version_file", "a.pdf", UploadKit.pdf())]).status == .forbidden)
            #expect(UploadKit.entries(app).count == 2)
        }
    }
}
