import Fluent
import Vapor

/// Sign in, sign out, sign out everywhere. Sessions live in the database (shared by instances).
enum LoginController {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var retour: String?
    }

    struct LoginPage: Encodable, Sendable {
        var email: String = ""
        var error: String? = nil
        var returnTo: String? = nil
    }

    static let maxFailuresPerAccount = 5
    static let maxFailuresPerIP = 20
    static let throttleWindow: TimeInterval = 15 * 60

    static func show(_ req: Request) async throws -> Response {
        let returnTo = safeReturnPath(try? req.query.get(String.self, at: "retour"))
        if req.currentUser != nil { return req.redirect(to: returnTo ?? SiteURL.home.path) }
        return try await req.renderPage("accounts/login", title: "Connexion", LoginPage(returnTo: returnTo))
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let ip = req.remoteAddress?.ipAddress ?? "inconnue"
        if try await isThrottled(email: email, ip: ip, on: req.db) {
            return try await req.renderPage("accounts/login", title: "Connexion",
                LoginPage(email: email, error: "Trop de tentatives de connexion. Réessayez dans 15 minutes.", returnTo: safeReturnPath(form.retour)),
                status: .tooManyRequests)
        }
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        let ok: Bool
        if let user, user.isActive, let hash = user.passwordHash, let password = form.password, !password.isEmpty {
            ok = (try? await req.password.async.verify(password, created: hash)) ?? false
        } else {
            ok = false
        }
        try await LoginAttempt(email: email, ip: ip, succeeded: ok).create(on: req.db)
        guard ok, let user else {
            return try await req.renderPage("accounts/login", title: "Connexion",
                LoginPage(email: email, error: "Adresse e-mail ou mot de passe incorrect.", returnTo: safeReturnPath(form.retour)), status: .unprocessableEntity)
        }
        try await signIn(user, req)
        user.lastLoginAt = Date()
        try await user.save(on: req.db)
        return req.redirect(to: safeReturnPath(form.retour) ?? SiteURL.home.path)
    }

    static func signIn(_ user: User, _ req: Request) async throws {
        // A new session id on sign-in: a session fixed before login is worth nothing after it.
        try await req.renewSession()
        req.session.data["uid"] = try user.requireID().uuidString
        req.session.data["epoch"] = String(user.sessionEpoch)
        req.session.data["csrf"] = SecretToken.generate()
    }

    static func logout(_ req: Request) async throws -> Response {
        try await req.renewSession()
        req.session.data["csrf"] = SecretToken.generate()
        req.flash("Vous êtes déconnecté(e).")
        return req.redirect(to: SiteURL.login.path)
    }

    /// Ends every session of this person on every device, this one included.
    static func logoutEverywhere(_ req: Request) async throws -> Response {
        let current = try req.requireUser()
        if let user = try await User.find(current.id, on: req.db) {
            user.sessionEpoch += 1
            try await user.save(on: req.db)
            req.forgetCachedUser(current.id)
        }
        return try await logout(req)
    }

    static func isThrottled(email: String, ip: String, on db: any Database) async throws -> Bool {
        let since = Date().addingTimeInterval(-throttleWindow)
        let perAccount = try await LoginAttempt.query(on: db)
            .filter(\.$email == email).filter(\.$succeeded == false).filter(\.$at >= since).count()
        if perAccount >= maxFailuresPerAccount { return true }
        let perIP = try await LoginAttempt.query(on: db)
            .filter(\.$ip == ip).filter(\.$succeeded == false).filter(\.$at >= since).count()
        return perIP >= maxFailuresPerIP
    }

    static func encodeReturn(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "%2F"
    }

    /// Only local paths: a `return_to` must never send someone to another site.
    static func safeReturnPath(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return nil }
        return path
    }
}
