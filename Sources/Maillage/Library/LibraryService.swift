import Fluent
import SQLKit
import Foundation
import MaillageCore

/// Every change of the library: a new resource with its first version, a new description, a new
/// version. Files are checked before (`StoredFiles.check`), put in the store, then the records,
/// the audit entry and the search index are written in one transaction; if it fails, the files
/// just put are deleted, so the store never keeps a file no record names.
enum LibraryService {
    static let auditCreate = "library.resource.create"
    static let auditUpdate = "library.resource.update"
    static let auditVersion = "library.resource.version"

    /// The search index's document of a resource: its description, kind and theme are searched.
    static func searchDocument(_ r: LibraryResource) throws -> SearchDocument {
        SearchDocument(id: try r.requireID(), kind: .resource, title: r.title,
                       body: [r.description, r.kindValue.label, r.themeValue.label].filter { !$0.isEmpty }.joined(separator: "\n"),
                       audience: LibraryQueries.searchAudience(r.audienceValue), updatedAt: r.updatedAt)
    }

    static func snapshot(_ r: LibraryResource) -> [String: String] {
        ["titre": r.title, "description": r.description, "type": r.kindValue.label, "theme": r.themeValue.label,
         "public": r.audienceValue.label, "version": String(r.currentVersion)]
    }

    /// A new resource and its version 1.
    static func create(_ clean: LibraryResourceForm.Clean, file: CheckedFile, comment: String, actor: CurrentUser?,
                       files: any FileStore, now: Date, on db: any Database) async throws -> LibraryResource {
        let stored = try StoredFiles.put([file], into: files)
        do {
            return try await db.writeTransaction { tx in
                let r = LibraryResource()
                r.id = UUID()
                apply(clean, to: r)
                r.currentVersion = 1
                r.createdAt = now
                r.updatedAt = now
                r.createdBy = actor?.id
                try await r.create(on: tx)
                try await version(number: 1, of: r, stored[0], comment: comment, actor: actor, now: now).create(on: tx)
                try await Audit.record(.create, auditCreate, id: r.requireID().uuidString,
                                       summary: "Ressource « \(r.title) » ajoutée à la bibliothèque (version 1, \(stored[0].name))",
                                       after: snapshot(r), actor: actor, on: tx)
                try await SearchIndex.upsert(searchDocument(r), on: tx)
                return r
            }
        } catch {
            StoredFiles.discard(stored, from: files)
            throw error
        }
    }

    /// A new description (title, text, kind, theme, audience); nil when the resource is gone.
    static func update(_ id: UUID, _ clean: LibraryResourceForm.Clean, actor: CurrentUser?, now: Date,
                       on db: any Database) async throws -> LibraryResource? {
        try await db.writeTransaction { tx in
            guard let r = try await LibraryResource.find(id, on: tx) else { return nil }
            let before = snapshot(r)
            apply(clean, to: r)
            guard snapshot(r) != before else { return r }
            r.updatedAt = now
            try await r.save(on: tx)
            try await Audit.record(.update, auditUpdate, id: id.uuidString, summary: "Ressource « \(r.title) » modifiée",
                                   before: before, after: snapshot(r), actor: actor, on: tx)
            try await SearchIndex.upsert(searchDocument(r), on: tx)
            return r
        }
    }

    /// A new version, which becomes the current one (the others stay downloadable); nil when the resource is gone.
    static func addVersion(to id: UUID, file: CheckedFile, comment: String, actor: CurrentUser?,
                           files: any FileStore, now: Date, on db: any Database) async throws -> LibraryVersion? {
        let stored = try StoredFiles.put([file], into: files)
        do {
            let added: LibraryVersion? = try await db.writeTransaction { tx in
                try await lockResource(id, on: tx)
                guard let r = try await LibraryResource.find(id, on: tx) else { return nil }
                let last = try await LibraryQueries.current(of: id, on: tx)?.number ?? 0
                let number = max(last, r.currentVersion) + 1
                let before = snapshot(r)
                let v = try version(number: number, of: r, stored[0], comment: comment, actor: actor, now: now)
                try await v.create(on: tx)
                r.currentVersion = number
                r.updatedAt = now
                try await r.save(on: tx)
                try await Audit.record(.update, auditVersion, id: id.uuidString,
                                       summary: "Ressource « \(r.title) » : version \(number) déposée (\(stored[0].name))",
                                       before: before, after: snapshot(r), actor: actor, on: tx)
                try await SearchIndex.upsert(searchDocument(r), on: tx)
                return v
            }
            if added == nil { StoredFiles.discard(stored, from: files) }
            return added
        } catch {
            StoredFiles.discard(stored, from: files)
            throw error
        }
    }

    /// Two new versions at once take turns, so each gets its own number: a row lock on PostgreSQL;
    /// on SQLite the process's write turn already serializes them (`WriteTurn`).
    static func lockResource(_ id: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("UPDATE library_resources SET current_version = current_version WHERE id = \(bind: id)").run()
    }

    private static func apply(_ clean: LibraryResourceForm.Clean, to r: LibraryResource) {
        r.title = clean.title
        r.description = clean.description
        r.kind = clean.kind.rawValue
        r.theme = clean.theme.rawValue
        r.audience = clean.audience.rawValue
    }

    private static func version(number: Int, of r: LibraryResource, _ file: StoredFile, comment: String,
                                actor: CurrentUser?, now: Date) throws -> LibraryVersion {
        let v = LibraryVersion()
        v.$resource.id = try r.requireID()
        v.number = number
        v.fileKey = file.key.value
        v.fileName = file.name
        v.contentType = file.contentType
        v.kind = file.kind.rawValue
        v.size = file.size
        v.sha256 = file.sha256
        v.comment = comment
        v.uploadedBy = actor?.id
        v.uploadedByName = actor?.displayName ?? "système"
        v.uploadedAt = now
        return v
    }
}
