import Fluent
import SQLKit
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The library's service: a resource with its first version, a new description, a new version;
/// each audited and indexed in one transaction, its files discarded when nothing is recorded.
@Suite("Library service", .serialized)
struct LibraryServiceTests {
    static let actor = CurrentUser(id: UUID(), email: "jordan.juriste@exemple.fr", displayName: "Jordan Juriste",
                                   grants: [.init(role: .jurist, delegationID: nil, structureID: nil)], managedStructureIDs: [])
    static let clean = LibraryResourceForm.Clean(title: "Modèle de contrat CDDI", description: "Le modèle à jour des licenciements.",
                                                 kind: .model, theme: .legal, audience: .members)

    static func checked(_ name: String, _ data: Data) throws -> CheckedFile {
        try StoredFiles.check([UploadedFile(name: name, data: data)], max: 1, limit: LibraryURL.maxFileSize).get()[0]
    }

    @Test("create writes the resource, version 1 with the file's facts, its audit entry and its search document")
    func create() async throws {
        try await withMaillage { app in
            let data = UploadKit.pdf("v1")
            let r = try await LibraryService.create(Self.clean, file: Self.checked("contrat-cddi.pdf", data), comment: "Première édition",
                                                    actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            let id = try r.requireID()
            let versions = try await LibraryQueries.versions(of: id, on: app.db)
            #expect(versions.count == 1 && r.currentVersion == 1)
            let v = versions[0]
            #expect(v.number == 1 && v.fileName == "contrat-cddi.pdf" && v.kind == "pdf" && v.contentType == "application/pdf")
            #expect(v.size == data.count && v.sha256 == StoredFiles.sha256Hex(data) && v.comment == "Première édition")
            #expect(v.uploadedByName == "Jordan Juriste" && v.uploadedBy == Self.actor.id)
            #expect(try app.services.files.get(FileKey(v.fileKey)!) == data)
            #expect(UploadKit.entries(app) == [v.fileKey])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == LibraryService.auditCreate).all()
            #expect(audit.count == 1 && audit[0].entityID == id.uuidString)
            // Found by the index with a plural and without accents, members' audience only.
            let hits = try await SearchIndex.search("modeles licenciement", kinds: [.resource], audiences: [.members], on: app.db)
            #expect(hits.map(\.id) == [id])
            #expect(try await SearchIndex.search("modele", kinds: [.resource], audiences: [.public], on: app.db).isEmpty)
        }
    }

    @Test("update changes the description, audits before/after, re-indexes under the new audience; no change writes nothing")
    func update() async throws {
        try await withMaillage { app in
            let r = try await LibraryService.create(Self.clean, file: Self.checked("a.pdf", UploadKit.pdf()), comment: "",
                                                    actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            let id = try r.requireID()
            var changed = Self.clean
            changed.title = "Guide des marchés publics"
            changed.audience = .public
            let saved = try await LibraryService.update(id, changed, actor: Self.actor, now: Date(), on: app.db)
            #expect(saved?.title == "Guide des marchés publics" && saved?.audience == "public")
            _ = try await LibraryService.update(id, changed, actor: Self.actor, now: Date(), on: app.db)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == LibraryService.auditUpdate).all()
            #expect(audit.count == 1)
            #expect(Audit.decode(audit[0].before)["public"] == "Adhérents" && Audit.decode(audit[0].after)["public"] == "Public")
            let hits = try await SearchIndex.search("marches publics", kinds: [.resource], audiences: [.public], on: app.db)
            #expect(hits.map(\.id) == [id])
            #expect(try await LibraryService.update(UUID(), changed, actor: Self.actor, now: Date(), on: app.db) == nil)
        }
    }

    @Test("a new version becomes current, the old one stays; a missing resource keeps no file")
    func addVersion() async throws {
        try await withMaillage { app in
            let r = try await LibraryService.create(Self.clean, file: Self.checked("a.pdf", UploadKit.pdf("1")), comment: "",
                                                    actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            let id = try r.requireID()
            let v2 = try await LibraryService.addVersion(to: id, file: Self.checked("b.png", UploadKit.png), comment: "Mise à jour 2027",
                                                         actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            #expect(v2?.number == 2 && v2?.kind == "png")
            let fresh = try await LibraryResource.find(id, on: app.db)
            #expect(fresh?.currentVersion == 2)
            #expect(try await LibraryQueries.current(of: id, on: app.db)?.number == 2)
            #expect(try await LibraryQueries.versions(of: id, on: app.db).map(\.number) == [2, 1])
            #expect(UploadKit.entries(app).count == 2)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == LibraryService.auditVersion).all()
            #expect(audit.count == 1 && Audit.decode(audit[0].after)["version"] == "2")
            // Another resource's id: nothing recorded, the file just put is removed.
            let none = try await LibraryService.addVersion(to: UUID(), file: Self.checked("c.pdf", UploadKit.pdf("3")), comment: "",
                                                           actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            #expect(none == nil)
            #expect(UploadKit.entries(app).count == 2)
        }
    }

    @Test("a transaction that fails after the put, or a put that fails, leaves no file and no record")
    func failuresDiscard() async throws {
        try await withMaillage { app in
            let r = try await LibraryService.create(Self.clean, file: Self.checked("a.pdf", UploadKit.pdf("1")), comment: "",
                                                    actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            let id = try r.requireID()
            let before = UploadKit.entries(app)
            // The store refuses the file: nothing is written.
            let failing = UploadsTests.FailingStore(app.config.filesDirectory, failAt: 1)
            await #expect(throws: CocoaError.self) {
                _ = try await LibraryService.addVersion(to: id, file: Self.checked("b.pdf", UploadKit.pdf("2")), comment: "",
                                                        actor: Self.actor, files: failing, now: Date(), on: app.db)
            }
            #expect(UploadKit.entries(app) == before)
            // The transaction fails after the put (the search index is gone): the file is deleted, nothing is recorded.
            try await (app.db as! any SQLDatabase).raw("DROP TABLE search_documents").run()
            await #expect(throws: (any Error).self) {
                _ = try await LibraryService.addVersion(to: id, file: Self.checked("c.pdf", UploadKit.pdf("3")), comment: "",
                                                        actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            }
            await #expect(throws: (any Error).self) {
                _ = try await LibraryService.create(Self.clean, file: Self.checked("d.pdf", UploadKit.pdf("4")), comment: "",
                                                    actor: Self.actor, files: app.services.files, now: Date(), on: app.db)
            }
            #expect(UploadKit.entries(app) == before)
            #expect(try await LibraryQueries.versions(of: id, on: app.db).count == 1)
            #expect(try await LibraryResource.query(on: app.db).count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == LibraryService.auditVersion).count() == 0)
        }
    }

    @Test("anyone holding a role reads both audiences; nobody else the members' ones")
    func audiences() async throws {
        try await withMaillage { app in
            let pub = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Guide public", audience: .public)
            _ = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Note adhérents", audience: .members)
            let noRole = CurrentUser(id: UUID(), email: "x@exemple.fr", displayName: "X", grants: [], managedStructureIDs: [])
            #expect(LibraryQueries.audiences(for: nil) == [.public])
            #expect(LibraryQueries.audiences(for: noRole) == [.public])
            #expect(LibraryQueries.audiences(for: Self.actor) == [.public, .members])
            let anonymous = try await LibraryQueries.resources(LibraryFilters([:], audienceAllowed: false), audiences: [.public], on: app.db)
            #expect(anonymous.map(\.id) == [pub.id])
            let all = try await LibraryQueries.resources(LibraryFilters([:], audienceAllowed: true), audiences: [.public, .members], on: app.db)
            #expect(all.count == 2)
            let members = try await LibraryQueries.resources(LibraryFilters(["audience": "members"], audienceAllowed: true),
                                                             audiences: [.public, .members], on: app.db)
            #expect(members.map(\.title) == ["Note adhérents"])
        }
    }
}

/// The resource form's bounds, checked where the input enters.
@Suite("Library forms")
struct LibraryFormTests {
    @Test("title ≤ 200, description ≤ 2 000, comment ≤ 200, known kind/theme/audience; trimmed")
    func bounds() {
        let ok = LibraryResourceForm(title: "  Guide  ", description: String(repeating: "é", count: 2000), kind: "note", theme: "quality",
                                     audience: "public")
        let (clean, errors) = ok.validate()
        #expect(errors.isEmpty && clean?.title == "Guide" && clean?.kind == .note && clean?.audience == .public)
        let bad = LibraryResourceForm(title: String(repeating: "a", count: 201), description: String(repeating: "b", count: 2001),
                                      kind: "x", theme: "", audience: "everyone")
        let (none, refused) = bad.validate()
        #expect(none == nil)
        #expect(refused.summary.map(\.field) == ["resource_title", "resource_description", "resource_kind", "resource_theme", "resource_audience"])
        #expect(refused["resource_description"] == "La description fait 2\u{202F}001 caractères : 2\u{202F}000 au plus.")
        var errors2 = FieldErrors()
        #expect(LibraryResourceForm.comment(" ok ", errors: &errors2) == "ok" && errors2.isEmpty)
        _ = LibraryResourceForm.comment(String(repeating: "c", count: 201), errors: &errors2)
        #expect(errors2["resource_comment"] == "Le commentaire fait 201 caractères : 200 au plus.")
    }
}
