import Fluent
import Foundation
import MaillageCore
import Vapor

/// Users and their roles (national administration only). New users are invited by e-mail.
enum UsersController {
    struct UserLine: Encodable, Sendable {
        let name: String
        let email: String
        let roles: String
        let active: Bool
        let lastLogin: String
        let href: String
    }
    struct UsersPage: Encodable, Sendable {
        let q: String
        let lines: [UserLine]
        let list: ListView
        let newHref: String
    }

    static let columns = [ListColumn("name", "Nom"), ListColumn("email", "Adresse e-mail"), ListColumn("roles", "Rôles", sortable: false),
                          ListColumn("active", "État"), ListColumn("last_login", "Dernière connexion")]

    /// Every user matching the search, sorted in French order (name, then e-mail), all pages.
    static func index(_ req: Request) async throws -> Response {
        let raw = try req.query.decode([String: String].self)
        let q = String((raw["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let state = ListState(raw, columns: columns, defaultSort: ListSort("name"))
        let query = User.query(on: req.db).with(\.$grants)
        if !q.isEmpty {
            query.group(.or) { $0.filter(\.$email, .contains(inverse: false, .anywhere), q.lowercased()).filter(\.$displayName, .contains(inverse: false, .anywhere), q) }
        }
        let users = sorted(try await query.all(), by: state.sort)
        let filters: [(String, String?)] = [("q", q)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("utilisateurs", filters: filters, on: req, format: format),
                                       headers: columns.map(\.label), rows: users.map(exportCells), sheet: "Utilisateurs")
        }
        let list = ListView(.users, columns: columns, state: state, filters: filters, total: users.count, exportable: true,
                            noun: ("utilisateur", "utilisateurs"))
        let lines = users[list.range].map { u in
            UserLine(name: u.displayName, email: u.email, roles: roles(u), active: u.isActive,
                     lastLogin: u.lastLoginAt.map(FrenchFormat.dateTime) ?? "jamais", href: SiteURL.user(u.id!).path)
        }
        return try await req.renderPage("admin/users", title: "Utilisateurs",
                                        UsersPage(q: q, lines: lines, list: list, newHref: SiteURL.newUser.path))
    }

    /// Name and e-mail in French order; ties broken by the id, so the order is total.
    static func sorted(_ users: [User], by sort: ListSort) -> [User] {
        let keyed = users.map { u in
            (u, name: FrenchSortKey(u.displayName), email: u.email, id: u.id?.uuidString ?? "")
        }
        var out = keyed
        sort.apply(&out) { a, b in
            switch sort.key {
            case "email": return (a.email, a.name, a.id) < (b.email, b.name, b.id)
            case "active": return (a.0.isActive ? 0 : 1, a.name, a.id) < (b.0.isActive ? 0 : 1, b.name, b.id)
            case "last_login":
                let (x, y) = (a.0.lastLoginAt ?? .distantPast, b.0.lastLoginAt ?? .distantPast)
                return x != y ? x < y : (a.name, a.id) < (b.name, b.id)
            default: return (a.name, a.email, a.id) < (b.name, b.email, b.id)
            }
        }
        return out.map(\.0)
    }

    private static func roles(_ u: User) -> String {
        u.grants.compactMap { Role(rawValue: $0.role)?.label }.joined(separator: ", ")
    }

    private static func exportCells(_ u: User) -> [XLSXCell] {
        [.text(u.displayName), .text(u.email), .text(roles(u)), .text(u.isActive ? "Actif" : "Désactivé"),
         .text(u.lastLoginAt.map(FrenchFormat.dateTime) ?? "jamais")]
    }

    struct NewUserForm: Content, Sendable {
        var email: String?
        var display_name: String?
        /// From the reminders page's « inviter » link: the structure the person will manage.
        var structure: String?
    }
    struct NewUserPage: Encodable, Sendable {
        let form: NewUserForm
        let errors: FieldErrors
        let action: String
        /// « Responsable de … »: the role given with the invitation, when it comes for a structure.
        var forStructure: String? = nil
    }

    static func new(_ req: Request) async throws -> Response {
        let asked = try? req.query.get(String.self, at: "structure")
        let structure = try await managedStructure(asked, on: req.db)
        return try await req.renderPage("admin/user-new", title: "Inviter une personne",
            NewUserPage(form: NewUserForm(structure: structure?.id?.uuidString), errors: FieldErrors(),
                        action: SiteURL.createUser.path, forStructure: structure?.name))
    }

    /// The structure an invitation is for (`structure` = its id), nil when absent or unknown.
    private static func managedStructure(_ id: String?, on db: any Database) async throws -> Structure? {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await Structure.find(id, on: db)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.requireUser()
        let form = try req.form(NewUserForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (form.display_name ?? "").trimmingCharacters(in: .whitespaces)
        var errors = FieldErrors()
        if !isEmail(email) { errors.add("email", "Adresse e-mail invalide.") }
        else if try await User.query(on: req.db).filter(\.$email == email).count() > 0 {
            errors.add("email", "Un compte existe déjà avec cette adresse.")
        }
        if name.isEmpty { errors.add("display_name", "Le nom est obligatoire.") }
        if name.count > 120 { errors.add("display_name", "Le nom ne doit pas dépasser 120 caractères.") }
        let structure = try await managedStructure(form.structure, on: req.db)
        guard errors.isEmpty else {
            return try await req.renderPage("admin/user-new", title: "Inviter une personne",
                NewUserPage(form: form, errors: errors, action: SiteURL.createUser.path, forStructure: structure?.name),
                status: .unprocessableEntity)
        }
        let user = User(email: email, displayName: name, passwordHash: nil)
        try await req.db.transaction { tx in
            try await user.create(on: tx)
            try await Audit.record(.create, user, summary: "Invitation de \(email)", actor: actor, on: tx)
            if let structure {
                let grant = RoleGrant(userID: try user.requireID(), role: .memberManager, structureID: try structure.requireID())
                try await grant.create(on: tx)
                try await Audit.record(.create, grant, summary: "Rôle « \(Role.memberManager.label) » de \(structure.name) donné à \(email)",
                                       actor: actor, on: tx)
            }
            try await PasswordResetController.sendLink(to: user, purpose: .invitation, on: tx, baseURL: req.application.config.baseURL, outbox: req.services.outbox)
        }
        req.flash("Invitation envoyée à \(email). Ajoutez maintenant ses rôles.")
        return req.redirect(to: SiteURL.user(user.id!).path)
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return s.count <= 200 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ")
    }
}
