import Fluent
import Foundation
import MaillageCore
import Vapor

/// A structure's register page, and its creation and edition.
enum StructureController {
    static func show(_ req: Request) async throws -> Response {
        let structure = try await find(req)
        try await req.authorize(structure)
        let map = try await req.networkMap()
        let id = try structure.requireID()
        // Buttons only for what the person may follow (the same rule guards all of them).
        let editHref = try await req.link(to: .editStructure(id), on: structure)
        let canEdit = editHref != nil
        let periods = try await Membership.query(on: req.db).filter(\.$structure.$id == id).sort(\.$joinedOn, .descending).all()
        let entities = try await Structure.query(on: req.db).filter(\.$gesParent.$id == id).sort(\.$name).all()
        let parent = try await structure.$gesParent.get(on: req.db)
        let department = Departments.named(structure.departmentCode)
        let qualityHref = try await req.link(to: QualityURL.structure(id), on: structure)
        let quality = try await QualityStructureSummary.section(of: id, today: Day.today(now: req.services.clock.now), href: qualityHref, on: req.db)
        var page = StructurePage(
            id: id, name: structure.name, siret: SIRET(structure.siret)?.formatted ?? structure.siret,
            types: structure.types.map { "\($0.shortLabel) — \($0.label)" },
            address: structure.address, postalCode: structure.postalCode, commune: structure.commune,
            department: department.map { "\($0.name) (\($0.code))" } ?? structure.departmentCode,
            delegation: map.delegation(ofDepartment: structure.departmentCode)?.name,
            website: structure.website, websiteHref: WebAddress.link(structure.website),
            status: Shown(structure.directoryStatus),
            gesParent: parent.map { .init(name: $0.name, href: SiteURL.structure($0.id!).path) },
            entities: entities.isEmpty ? nil : entities.map { .init(name: $0.name, href: SiteURL.structure($0.id!).path) },
            periods: periods.map { p in
                .init(p, edit: canEdit ? SiteURL.editMembership(id, p.id!).path : nil,
                      close: canEdit && p.state == .open ? SiteURL.closeMembership(id, p.id!).path : nil)
            },
            canEdit: canEdit, editHref: editHref ?? "",
            newMembershipHref: canEdit && !periods.contains { $0.state == .open } ? SiteURL.newMembership(id).path : nil,
            auditHref: req.link(to: .auditLog, query: ["entite": id.uuidString]))
        page.quality = quality.isEmpty && qualityHref == nil ? nil : quality
        return try await req.renderPage("members/structure", title: structure.name, page)
    }

    static func new(_ req: Request) async throws -> Response {
        var form = StructureForm()
        form.status = MembershipStatus.active.rawValue
        form.joined_on = Day.today().french
        return try await renderForm(req, form: form, errors: FieldErrors(), editing: nil)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let form = try req.form(StructureForm.self)
        let (clean, errors) = try await form.validate(editing: nil, user: user, map: map, on: req.db)
        guard let clean else { return try await renderForm(req, form: form, errors: errors, editing: nil, status: .unprocessableEntity) }
        let actor = RegisterService.Actor.person(user, creatingIn: clean.structure.department, map: map)
        let structure = try await RegisterService.create(clean.structure, status: clean.status, joined: clean.joined,
                                                         by: actor, via: .page, on: req.db)
        req.flash("Structure « \(structure.name) » créée.")
        return req.redirect(to: SiteURL.structure(try structure.requireID()).path)
    }

    static func edit(_ req: Request) async throws -> Response {
        let structure = try await find(req)
        try await req.authorize(structure)
        let parent = try await structure.$gesParent.get(on: req.db)
        return try await renderForm(req, form: StructureForm(structure, gesParentSiret: parent?.siret), errors: FieldErrors(), editing: structure)
    }

    static func update(_ req: Request) async throws -> Response {
        let structure = try await find(req)
        let user = try await req.authorize(structure)
        let form = try req.form(StructureForm.self)
        let (clean, errors) = try await form.validate(editing: structure, user: user, map: try await req.networkMap(), on: req.db)
        guard let clean else { return try await renderForm(req, form: form, errors: errors, editing: structure, status: .unprocessableEntity) }
        try await RegisterService.update(structure, to: clean.structure, by: RegisterService.Actor(parties: try await req.parties(to: structure), user: user),
                                         via: .page, on: req.db)
        req.flash("Modifications enregistrées.")
        return req.redirect(to: SiteURL.structure(try structure.requireID()).path)
    }

    static func find(_ req: Request) async throws -> Structure {
        guard let id = req.parameters.get("structureID", as: UUID.self),
              let structure = try await Structure.find(id, on: req.db) else { throw Abort(.notFound) }
        return structure
    }

    private static func renderForm(_ req: Request, form: StructureForm, errors: FieldErrors, editing: Structure?,
                                   status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let departments = Departments.all.filter { Policy.allows(.supervise, user, inDepartment: $0.code, map: map) }
        let page: StructureFormPage
        if let editing, let id = editing.id {
            page = StructureFormPage(heading: "Modifier « \(editing.name) »", action: SiteURL.editStructure(id).path,
                                     cancel: SiteURL.structure(id).path, isNew: false, form: form, errors: errors, departments: departments)
        } else {
            page = StructureFormPage(heading: "Nouvelle structure adhérente", action: SiteURL.structures.path,
                                     cancel: SiteURL.directory.path, isNew: true, form: form, errors: errors, departments: departments)
        }
        return try await req.renderPage("members/structure-form", title: page.heading, page, status: status)
    }
}
