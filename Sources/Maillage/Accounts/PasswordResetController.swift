import Fluent
import Vapor

/// Password reset and invitations: a one-time, expiring link sent through the outbox.
enum PasswordResetController {
    struct ForgotForm: Content { var email: String? }
    struct ForgotPage: Encodable, Sendable {
        var email = ""
        var sent = false
        var error: String? = nil
    }
    struct SetPasswordForm: Content {
        var password: String?
        var confirmation: String?
    }
    struct SetPasswordPage: Encodable, Sendable {
        let action: String
        let invitation: Bool
        let email: String
        var errors = FieldErrors()
    }

    static let resetValidity: TimeInterval = 60 * 60          // 1 hour
    static let invitationValidity: TimeInterval = 7 * 24 * 3600 // 7 days
    static let minimumPasswordLength = 10

    static func showForgot(_ req: Request) async throws -> Response {
        try await req.renderPage("accounts/forgot", title: "Mot de passe oublié", ForgotPage())
    }

    static func submitForgot(_ req: Request) async throws -> Response {
        let form = try req.form(ForgotForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard email.contains("@") else {
            return try await req.renderPage("accounts/forgot", title: "Mot de passe oublié",
                ForgotPage(email: email, error: "Indiquez une adresse e-mail valide."), status: .unprocessableEntity)
        }
        // Same answer whether the address is known or not: the form must not reveal accounts.
        if let user = try await User.query(on: req.db).filter(\.$email == email).filter(\.$isActive == true).first() {
            try await sendLink(to: user, purpose: .reset, on: req.db, baseURL: req.application.config.baseURL, outbox: req.services.outbox)
        }
        return try await req.renderPage("accounts/forgot", title: "Mot de passe oublié", ForgotPage(email: email, sent: true))
    }

    static func sendLink(to user: User, purpose: OneTimeToken.Purpose, on db: any Database, baseURL: String,
                         outbox: Outbox = Outbox()) async throws {
        let token = SecretToken.generate()
        let validity = purpose == .reset ? resetValidity : invitationValidity
        try await OneTimeToken(userID: user.requireID(), purpose: purpose, tokenHash: SecretToken.hash(token),
                               expiresAt: Date().addingTimeInterval(validity)).create(on: db)
        let link = baseURL + SiteURL.tokenLink(token).path
        switch purpose {
        case .reset:
            try await outbox.queue(to: user.email, subject: "Réinitialisation de votre mot de passe",
                body: "Bonjour \(user.displayName),\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n\(link)\n\nSi vous n'avez rien demandé, ignorez ce message.", on: db)
        case .invitation:
            try await outbox.queue(to: user.email, subject: "Invitation à rejoindre Maillage",
                body: "Bonjour \(user.displayName),\n\nUn compte Maillage vous a été ouvert. Choisissez votre mot de passe avec ce lien (valable 7 jours) :\n\(link)", on: db)
        }
    }

    static func showLink(_ req: Request) async throws -> Response {
        let (token, user) = try await validToken(req)
        return try await req.renderPage("accounts/set-password", title: "Choisir un mot de passe",
            SetPasswordPage(action: req.url.path, invitation: token.purpose == OneTimeToken.Purpose.invitation.rawValue, email: user.email))
    }

    static func submitLink(_ req: Request) async throws -> Response {
        let (token, user) = try await validToken(req)
        let form = try req.form(SetPasswordForm.self)
        var page = SetPasswordPage(action: req.url.path, invitation: token.purpose == OneTimeToken.Purpose.invitation.rawValue, email: user.email)
        page.errors = validatePassword(form.password, confirmation: form.confirmation)
        guard page.errors.isEmpty, let password = form.password else {
            return try await req.renderPage("accounts/set-password", title: "Choisir un mot de passe", page, status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(password)
        try await req.db.transaction { tx in try await setPassword(hash, for: user, on: tx) }  // this link is among those ended
        try await LoginController.signIn(user, req)  // a fresh session, under the new epoch
        req.flash("Votre mot de passe est enregistré.")
        return req.redirect(to: SiteURL.home.path)
    }

    /// A new password ends what the old state let in: every session (the epoch moves; the
    /// caller signs the current one in again under the new epoch if it should stay), every
    /// one-time link still out, reset or invitation (an old e-mail must not reopen the account),
    /// and the sign-in throttle's record of failures (the lock is lifted).
    /// Run it in a transaction (saving the user moves the `accounts` cache version).
    static func setPassword(_ hash: String, for user: User, on db: any Database) async throws {
        user.passwordHash = hash
        user.sessionEpoch += 1
        try await user.save(on: db)
        try await OneTimeToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: Date()).update()
        try await LoginThrottle.forgive(email: user.email, on: db)
    }

    static func validatePassword(_ password: String?, confirmation: String?) -> FieldErrors {
        var errors = FieldErrors()
        let pw = password ?? ""
        if pw.count < minimumPasswordLength {
            errors.add("password", "Le mot de passe doit compter au moins \(minimumPasswordLength) caractères.")
        }
        if pw != (confirmation ?? "") { errors.add("confirmation", "Les deux mots de passe ne sont pas identiques.") }
        return errors
    }

    private static func validToken(_ req: Request) async throws -> (OneTimeToken, User) {
        let raw = req.parameters.get("token") ?? ""
        guard let token = try await OneTimeToken.query(on: req.db)
            .filter(\.$tokenHash == SecretToken.hash(raw)).with(\.$user).first(),
              token.usedAt == nil, token.expiresAt > Date() else {
            throw Abort(.notFound, reason: "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.")
        }
        return (token, token.user)
    }
}
