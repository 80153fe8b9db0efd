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
        let newHref: String
    }

    static func index(_ req: Request) async throws -> Response {
        let q = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let query = User.query(on: req.db).with(\.$grants).sort(\.$displayName)
        if !q.isEmpty {
            query.group(.or) { $0.filter(\.$email, .contains(inverse: false, .anywhere), q.lowercased()).filter(\.$displayName, .contains(inverse: false, .anywhere), q) }
        }
        let users = try await query.limit(500).all()
        let lines = users.map { u in
            UserLine(name: u.displayName, email: u.email,
                     roles: u.grants.compactMap { Role(rawValue: $0.role)?.label }.joined(separator: ", "),
                     active: u.isActive, lastLogin: u.lastLoginAt.map(FrenchFormat.dateTime) ?? "jamais",
                     href: SiteURL.user(u.id!).path)
        }
        return try await req.renderPage("admin/users", title: "Utilisateurs", UsersPage(q: q, lines: lines, newHref: SiteURL.newUser.path))
    }

    struct NewUserForm: Content, Sendable {
        var email: String?
        var display_name: String?
    }
    struct NewUserPage: Encodable, Sendable {
        let form: NewUserForm
        let errors: FieldErrors
        let action: String
    }

    static func new(_ req: Request) async throws -> Response {
        try await req.renderPage("admin/user-new", title: "Inviter une personne",
                                 NewUserPage(form: NewUserForm(), errors: FieldErrors(), action: SiteURL.createUser.path))
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
        guard errors.isEmpty else {
            return try await req.renderPage("admin/user-new", title: "Inviter une personne",
                NewUserPage(form: form, errors: errors, action: SiteURL.createUser.path), status: .unprocessableEntity)
        }
        let user = User(email: email, displayName: name, passwordHash: nil)
        try await req.db.transaction { tx in
            try await user.create(on: tx)
            try await Audit.record(.create, user, summary: "Invitation de \(email)", actor: actor, on: tx)
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
