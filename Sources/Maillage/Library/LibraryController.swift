import Fluent
import Foundation
import MaillageCore
import Vapor

/// The resource library: the list (anyone; members' resources for anyone holding a role), a
/// resource's page and its downloads, and for publishers the new/edit forms and new versions.
enum LibraryController {
    static let columns = [ListColumn("title", "Titre"), ListColumn("kind", "Type"), ListColumn("theme", "Thème"),
                          ListColumn("audience", "Public"), ListColumn("updated", "Mise à jour"),
                          ListColumn("file", "Fichier", sortable: false)]

    static func index(_ req: Request) async throws -> Response {
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let audiences = LibraryQueries.audiences(for: req.currentUser)
        let staff = audiences.count > 1
        let filters = LibraryFilters(raw, audienceAllowed: staff)
        let state = ListState(raw, columns: columns, defaultSort: ListSort("title"))
        var resources = try await LibraryQueries.resources(filters, audiences: audiences, on: req.db)
        state.sort.apply(&resources) { a, b in
            let ka: FrenchSortKey, kb: FrenchSortKey
            switch state.sort.key {
            case "kind": (ka, kb) = (FrenchSortKey(a.kindValue.label), FrenchSortKey(b.kindValue.label))
            case "theme": (ka, kb) = (FrenchSortKey(a.themeValue.label), FrenchSortKey(b.themeValue.label))
            case "audience": (ka, kb) = (FrenchSortKey(a.audienceValue.label), FrenchSortKey(b.audienceValue.label))
            case "updated":
                if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
                (ka, kb) = (FrenchSortKey(a.title), FrenchSortKey(b.title))
            default: (ka, kb) = (FrenchSortKey(a.title), FrenchSortKey(b.title))
            }
            if ka != kb { return ka < kb }
            return (a.id?.uuidString ?? "") < (b.id?.uuidString ?? "")
        }
        let list = ListView(.library(.home), columns: columns, state: state, filters: filters.items, total: resources.count,
                            noun: ("ressource", "ressources"))
        let shown = Array(resources[list.range])
        let current = try await LibraryQueries.currentVersions(of: shown.compactMap(\.id), on: req.db)
        let page = LibraryHomePage(
            action: SiteURL.library(.home).path, q: filters.q,
            themes: LibraryOption.options(ResourceTheme.allCases, selected: filters.theme?.rawValue) { (t: ResourceTheme) in t.label },
            kinds: LibraryOption.options(ResourceKind.allCases, selected: filters.kind?.rawValue) { (k: ResourceKind) in k.label },
            audiences: staff ? LibraryOption.options(ResourceAudience.allCases, selected: filters.audience?.rawValue) { (a: ResourceAudience) in a.label } : nil,
            newHref: req.link(to: .library(.newResource)), list: list,
            rows: shown.map { r in
                let v = current[r.id!]
                return .init(title: r.title, href: LibraryURL.resource(r.id!).path, kind: r.kindValue.label,
                             theme: r.themeValue.label, audience: r.audienceValue.label, membersOnly: r.audienceValue == .members,
                             updated: LibraryPages.day(r.updatedAt), file: v.map(LibraryPages.fileLabel) ?? "—",
                             downloadHref: v.map { _ in LibraryURL.download(r.id!).path })
            })
        return try await req.renderPage("library/home", title: "Bibliothèque de ressources", page)
    }

    static func show(_ req: Request) async throws -> Response {
        switch try await visibleResource(req) {
        case .signIn(let res): return res
        case .resource(let r): return try await renderResource(req, r, comment: "", errors: FieldErrors())
        }
    }

    static func download(_ req: Request) async throws -> Response {
        switch try await visibleResource(req) {
        case .signIn(let res): return res
        case .resource(let r):
            guard let v = try await LibraryQueries.current(of: r.requireID(), on: req.db) else { throw Abort(.notFound) }
            return try await send(v, req)
        }
    }

    static func versionDownload(_ req: Request) async throws -> Response {
        switch try await visibleResource(req) {
        case .signIn(let res): return res
        case .resource(let r):
            guard let id = req.parameters.get("versionID", as: UUID.self),
                  let v = try await LibraryQueries.version(id, of: r.requireID(), on: req.db) else { throw Abort(.notFound) }
            return try await send(v, req)
        }
    }

    static func new(_ req: Request) async throws -> Response {
        try await renderNew(req, LibraryResourceForm(kind: ResourceKind.guide.rawValue, theme: ResourceTheme.legal.rawValue,
                                                     audience: ResourceAudience.members.rawValue), FieldErrors())
    }

    /// Everything is checked (fields and file) before anything is written: a refused file saves nothing.
    static func create(_ req: Request) async throws -> Response {
        let form = try req.uploadForm(LibraryResourceForm.self)
        let (clean, fieldErrors) = form.validate()
        var errors = fieldErrors
        let comment = LibraryResourceForm.comment(form.comment, errors: &errors)
        let file = LibraryResourceForm.checkedFile(form.file, errors: &errors)
        guard errors.isEmpty, let valid = clean, let file else {
            return try await renderNew(req, form, errors, status: .unprocessableEntity)
        }
        let r = try await LibraryService.create(valid, file: file, comment: comment, actor: try req.requireUser(),
                                                files: req.services.files, now: req.services.clock.now, on: req.db)
        req.flash("Ressource « \(r.title) » ajoutée à la bibliothèque.")
        return req.redirect(to: LibraryURL.resource(r.id!).path)
    }

    static func edit(_ req: Request) async throws -> Response {
        let r = try await resource(req)
        return try await renderEdit(req, r, LibraryResourceForm(r), FieldErrors())
    }

    static func update(_ req: Request) async throws -> Response {
        let r = try await resource(req)
        let form = try req.form(LibraryResourceForm.self)
        let (clean, errors) = form.validate()
        guard let clean else { return try await renderEdit(req, r, form, errors, status: .unprocessableEntity) }
        guard let saved = try await LibraryService.update(r.requireID(), clean, actor: try req.requireUser(),
                                                          now: req.services.clock.now, on: req.db) else { throw Abort(.notFound) }
        req.flash("Ressource « \(saved.title) » enregistrée.")
        return req.redirect(to: LibraryURL.resource(saved.id!).path)
    }

    static func addVersion(_ req: Request) async throws -> Response {
        let r = try await resource(req)
        let form = try req.uploadForm(LibraryVersionForm.self)
        var errors = FieldErrors()
        let comment = LibraryResourceForm.comment(form.comment, field: "version_comment", errors: &errors)
        let file = LibraryResourceForm.checkedFile(form.file, field: "version_file", errors: &errors)
        guard errors.isEmpty, let file else {
            return try await renderResource(req, r, comment: form.comment ?? "", errors: errors, status: .unprocessableEntity)
        }
        guard let v = try await LibraryService.addVersion(to: r.requireID(), file: file, comment: comment, actor: try req.requireUser(),
                                                          files: req.services.files, now: req.services.clock.now, on: req.db)
        else { throw Abort(.notFound) }
        req.flash("Version \(v.number) de « \(r.title) » déposée : c'est désormais la version téléchargée par défaut.")
        return req.redirect(to: LibraryURL.resource(r.id!).path)
    }

    // MARK: - Helpers

    enum Visible {
        case resource(LibraryResource)
        case signIn(Response)
    }

    /// The resource of the URL when the person may read it: members' resources send an anonymous
    /// visitor to the sign-in page and are 404 for a signed-in person without a role.
    static func visibleResource(_ req: Request) async throws -> Visible {
        let r = try await resource(req)
        guard LibraryQueries.audiences(for: req.currentUser).contains(r.audienceValue) else {
            guard req.currentUser == nil else { throw Abort(.notFound) }
            return .signIn(req.redirect(to: SiteURL.login.path(query: ["retour": req.url.string])))
        }
        return .resource(r)
    }

    static func resource(_ req: Request) async throws -> LibraryResource {
        guard let id = req.parameters.get("resourceID", as: UUID.self), let r = try await LibraryResource.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return r
    }

    /// A version's bytes as an attachment (404 when the file is missing from the store).
    static func send(_ v: LibraryVersion, _ req: Request) async throws -> Response {
        guard let key = FileKey(v.fileKey), let data = try req.services.files.get(key) else { throw Abort(.notFound) }
        return FileDownload.response(data: data, name: v.fileName, contentType: v.contentType)
    }

    static func renderResource(_ req: Request, _ r: LibraryResource, comment: String, errors: FieldErrors,
                               status: HTTPStatus = .ok) async throws -> Response {
        let id = try r.requireID()
        let versions = try await LibraryQueries.versions(of: id, on: req.db)
        let rows = versions.map { v in
            LibraryResourcePage.Version(v, href: LibraryURL.versionDownload(id, v.id!).path, current: v.number == versions.first?.number)
        }
        var page = LibraryResourcePage(
            title: r.title, description: LibraryPages.paragraphs(r.description), kind: r.kindValue.label,
            theme: r.themeValue.label, audience: r.audienceValue.label, membersOnly: r.audienceValue == .members,
            current: versions.first.map { LibraryResourcePage.Version($0, href: LibraryURL.download(id).path, current: true) },
            versions: rows, listHref: SiteURL.library(.home).path, editHref: req.link(to: LibraryURL.editResource(id)),
            versionAction: req.link(to: LibraryURL.addVersion(id)))
        page.comment = comment
        page.errors = errors
        return try await req.renderPage("library/resource", title: r.title, page, status: status)
    }

    static func renderNew(_ req: Request, _ form: LibraryResourceForm, _ errors: FieldErrors,
                          status: HTTPStatus = .ok) async throws -> Response {
        let page = LibraryPages.form(heading: "Nouvelle ressource", isNew: true, action: SiteURL.library(.createResource).path,
                                     cancelHref: SiteURL.library(.home).path, submitLabel: "Ajouter la ressource",
                                     form: form.shown, errors: errors)
        return try await req.renderPage("library/form", title: "Nouvelle ressource", page, status: status)
    }

    static func renderEdit(_ req: Request, _ r: LibraryResource, _ form: LibraryResourceForm, _ errors: FieldErrors,
                           status: HTTPStatus = .ok) async throws -> Response {
        let id = try r.requireID()
        let page = LibraryPages.form(heading: "Modifier « \(r.title) »", isNew: false, action: LibraryURL.updateResource(id).path,
                                     cancelHref: LibraryURL.resource(id).path, submitLabel: "Enregistrer",
                                     form: form.shown, errors: errors)
        return try await req.renderPage("library/form", title: "Modifier une ressource", page, status: status)
    }
}
