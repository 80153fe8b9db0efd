import Fluent
import Foundation
import MaillageCore
import Vapor

/// One user's page: roles granted (with their scope), granting, revoking, deactivating.
enum UserRolesController {
    struct GrantLine: Encodable, Sendable {
        let role: String
        let scope: String
        let revoke: String
    }
    struct GrantForm: Content, Sendable {
        var role: String?
        var delegation: String?
        var structure_siret: String?
    }
    struct UserPage: Encodable, Sendable {
        let id: UUID
        let name: String
        let email: String
        let active: Bool
        let grants: [GrantLine]
        let roleOptions: [SelectOption]
        let delegationOptions: [SelectOption]
        let form: GrantForm
        let errors: FieldErrors
        let grantAction: String
        let statusAction: String
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, user: try await find(req), form: GrantForm(), errors: FieldErrors())
    }

    static func addGrant(_ req: Request) async throws -> Response {
        let actor = try req.requireUser()
        let user = try await find(req)
        let form = try req.form(GrantForm.self)
        let map = try await req.networkMap()
        var errors = FieldErrors()
        let role = Role(rawValue: form.role ?? "")
        if role == nil { errors.add("role", "Choisissez un rôle.") }
        var delegationID: UUID? = nil
        var structureID: UUID? = nil
        if role == .regionalDelegate {
            if let d = map.delegation(code: form.delegation ?? "") { delegationID = d.delegationID }
            else { errors.add("delegation", "Choisissez la délégation de ce rôle.") }
        }
        if role == .memberManager {
            let raw = (form.structure_siret ?? "").trimmingCharacters(in: .whitespaces)
            if let siret = SIRET(raw), let s = try await Structure.query(on: req.db).filter(\.$siret == siret.digits).first() {
                structureID = s.id
            } else {
                errors.add("structure_siret", raw.isEmpty ? "Indiquez le SIRET de la structure gérée." : "Aucune structure adhérente n'a ce SIRET.")
            }
        }
        if let role, errors.isEmpty {
            let same = try await RoleGrant.query(on: req.db).filter(\.$user.$id == user.requireID()).filter(\.$role == role.rawValue).all()
            if same.contains(where: { $0.$delegation.id == delegationID && $0.$structure.id == structureID }) {
                errors.add("role", "Cette personne a déjà ce rôle.")
            }
        }
        guard errors.isEmpty, let role else {
            return try await render(req, user: user, form: form, errors: errors, status: .unprocessableEntity)
        }
        let scope = (delegation: delegationID, structure: structureID)
        try await req.db.transaction { tx in
            let grant = RoleGrant(userID: try user.requireID(), role: role, delegationID: scope.delegation, structureID: scope.structure)
            try await grant.create(on: tx)
            try await Audit.record(.create, grant, summary: "Rôle « \(role.label) » donné à \(user.email)", actor: actor, on: tx)
        }
        req.flash("Rôle ajouté.")
        return req.redirect(to: SiteURL.user(try user.requireID()).path)
    }

    static func revokeGrant(_ req: Request) async throws -> Response {
        let actor = try req.requireUser()
        let user = try await find(req)
        guard let gid = req.parameters.get("grantID", as: UUID.self), let grant = try await RoleGrant.find(gid, on: req.db),
              grant.$user.id == user.id else { throw Abort(.notFound) }
        if grant.role == Role.nationalAdmin.rawValue, user.id == actor.id {
            req.flash("Vous ne pouvez pas retirer votre propre rôle d'administration nationale.", kind: "error")
            return req.redirect(to: SiteURL.user(try user.requireID()).path)
        }
        let before = grant.auditSnapshot
        try await req.db.transaction { tx in
            try await grant.delete(on: tx)
            try await Audit.record(.delete, RoleGrant.auditEntity, id: gid.uuidString,
                                   summary: "Rôle « \(Role(rawValue: grant.role)?.label ?? grant.role) » retiré à \(user.email)",
                                   before: before, actor: actor, on: tx)
        }
        req.flash("Rôle retiré.")
        return req.redirect(to: SiteURL.user(try user.requireID()).path)
    }

    /// Deactivating closes every session at once (the epoch moves) and blocks sign-in.
    static func toggleActive(_ req: Request) async throws -> Response {
        let actor = try req.requireUser()
        let user = try await find(req)
        guard user.id != actor.id else {
            req.flash("Vous ne pouvez pas désactiver votre propre compte.", kind: "error")
            return req.redirect(to: SiteURL.user(try user.requireID()).path)
        }
        let before = user.auditSnapshot
        try await req.db.transaction { tx in
            user.isActive.toggle()
            user.sessionEpoch += 1
            try await user.save(on: tx)
            try await Audit.record(.update, user, summary: (user.isActive ? "Réactivation de " : "Désactivation de ") + user.email,
                                   before: before, actor: actor, on: tx)
        }
        req.flash(user.isActive ? "Compte réactivé." : "Compte désactivé : ses sessions sont fermées.")
        return req.redirect(to: SiteURL.user(try user.requireID()).path)
    }

    private static func find(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return user
    }

    private static func render(_ req: Request, user: User, form: GrantForm, errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        let id = try user.requireID()
        let map = try await req.networkMap()
        let grants = try await RoleGrant.query(on: req.db).filter(\.$user.$id == id).with(\.$delegation).with(\.$structure).all()
        let page = UserPage(
            id: id, name: user.displayName, email: user.email, active: user.isActive,
            grants: grants.map { g in
                let scope = g.delegation.map { "Délégation \($0.name)" } ?? g.structure.map { "Structure « \($0.name) »" } ?? "Tout le réseau"
                return GrantLine(role: Role(rawValue: g.role)?.label ?? g.role, scope: scope, revoke: SiteURL.revokeGrant(id, g.id!).path)
            },
            roleOptions: Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.role) },
            delegationOptions: map.delegations.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == form.delegation) },
            form: form, errors: errors, grantAction: SiteURL.userGrants(id).path, statusAction: SiteURL.userStatus(id).path)
        return try await req.renderPage("admin/user", title: user.displayName, page, status: status)
    }
}
