import MaillageCore
import Fluent
import Vapor

/// The signed-in person's own page: password, API tokens, sessions.
enum AccountController {
    struct TokenRow: Encodable, Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: String
        let lastUsedAt: String
        let revoke: String
    }
    struct AccountPage: Encodable, Sendable {
        let email: String
        let displayName: String
        let roles: [String]
        let tokens: [TokenRow]
        var newToken: String? = nil
        var passwordErrors = FieldErrors()
        var tokenName = ""
        var tokenError: String? = nil
    }
    struct PasswordForm: Content {
        var current: String?
        var password: String?
        var confirmation: String?
    }
    struct TokenForm: Content { var name: String? }

    static func show(_ req: Request) async throws -> Response {
        var page = try await makePage(req)
        if let fresh = req.session.data["new_token"] {
            page.newToken = fresh
            req.session.data["new_token"] = nil
        }
        return try await req.renderPage("accounts/account", title: "Mon compte", page)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        let form = try req.form(PasswordForm.self)
        guard let user = try await User.find(me.id, on: req.db) else { throw Abort(.notFound) }
        var errors = PasswordResetController.validatePassword(form.password, confirmation: form.confirmation)
        let currentOK = try await user.passwordHash.asyncMap { try await req.password.async.verify(form.current ?? "", created: $0) } ?? false
        if !currentOK { errors.add("current", "Le mot de passe actuel est incorrect.") }
        guard errors.isEmpty, let password = form.password else {
            var page = try await makePage(req)
            page.passwordErrors = errors
            return try await req.renderPage("accounts/account", title: "Mon compte", page, status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(password)
        // Other devices must sign in again with the new password; pending reset links die too.
        try await req.db.transaction { tx in try await PasswordResetController.setPassword(hash, for: user, on: tx) }
        try await LoginController.signIn(user, req)  // this session stays, under the new epoch
        req.flash("Mot de passe modifié. Vos autres sessions ont été fermées.")
        return req.redirect(to: SiteURL.account.path)
    }

    static func createToken(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        let name = (try req.form(TokenForm.self).name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            var page = try await makePage(req)
            page.tokenName = name
            page.tokenError = name.isEmpty ? "Donnez un nom au jeton (par exemple l'outil qui l'utilisera)." : "Le nom ne doit pas dépasser 100 caractères."
            return try await req.renderPage("accounts/account", title: "Mon compte", page, status: .unprocessableEntity)
        }
        let secret = SecretToken.generate(prefix: "mlg_")
        try await APIToken(userID: me.id, name: name, tokenHash: SecretToken.hash(secret), prefix: String(secret.prefix(8))).create(on: req.db)
        // Shown once on the next page, never stored in clear.
        req.session.data["new_token"] = secret
        req.flash("Jeton « \(name) » créé. Copiez-le maintenant : il ne sera plus affiché.")
        return req.redirect(to: SiteURL.account.path)
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        guard let id = req.parameters.get("tokenID", as: UUID.self),
              let token = try await APIToken.find(id, on: req.db), token.$user.id == me.id else {
            throw Abort(.notFound)  // someone else's token: do not reveal that it exists
        }
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await token.save(on: req.db)
        }
        req.flash("Jeton « \(token.name) » révoqué.")
        return req.redirect(to: SiteURL.account.path)
    }

    private static func makePage(_ req: Request) async throws -> AccountPage {
        let me = try req.requireUser()
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == me.id).filter(\.$revokedAt == nil)
            .sort(\.$createdAt, .descending).all()
        return AccountPage(
            email: me.email, displayName: me.displayName,
            roles: me.grants.map(\.role.label),
            tokens: tokens.map {
                TokenRow(id: $0.id!, name: $0.name, prefix: $0.prefix + "…",
                         createdAt: $0.createdAt.map(FrenchFormat.dateTime) ?? "",
                         lastUsedAt: $0.lastUsedAt.map(FrenchFormat.dateTime) ?? "jamais",
                         revoke: SiteURL.revokeToken($0.id!).path)
            })
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): try await transform(w)
        case .none: nil
        }
    }
}
