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

    static func show(_ req: Request) async throws -> Response {
        let returnTo = safeReturnPath(try? req.query.get(String.self, at: "retour"))
        if req.currentUser != nil { return req.redirect(to: returnTo ?? SiteURL.home.path) }
        return try await req.renderPage("accounts/login", title: "Connexion", LoginPage(returnTo: returnTo))
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let address = req.clientAddress ?? "inconnue"
        let now = req.application.services.clock.now
        let wait = try await LoginThrottle.wait(email: email, address: address, on: req.db, now: now)
        if wait > 0 { return try await tooManyTries(req, email: email, wait: wait, returnTo: safeReturnPath(form.retour)) }
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        let ok = try await checkPassword(form.password ?? "", of: user, req)
        try await LoginAttempt(email: email, ip: address, succeeded: ok, at: now).create(on: req.db)
        guard ok, let user else {
            return try await req.renderPage("accounts/login", title: "Connexion",
                LoginPage(email: email, error: "Adresse e-mail ou mot de passe incorrect.", returnTo: safeReturnPath(form.retour)), status: .unprocessableEntity)
        }
        try await signIn(user, req)
        user.lastLoginAt = Date()
        try await user.save(on: req.db)
        return req.redirect(to: safeReturnPath(form.retour) ?? SiteURL.home.path)
    }

    /// 429, saying how long to wait (also as `Retry-After`) and how to get in sooner.
    private static func tooManyTries(_ req: Request, email: String, wait: TimeInterval, returnTo: String?) async throws -> Response {
        let error = "Trop de tentatives de connexion. Réessayez dans \(LoginThrottle.frenchDelay(wait)), "
            + "ou choisissez un nouveau mot de passe avec « Mot de passe oublié »."
        let res = try await req.renderPage("accounts/login", title: "Connexion",
            LoginPage(email: email, error: error, returnTo: returnTo), status: .tooManyRequests)
        res.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait.rounded(.up))))
        return res
    }

    /// One bcrypt verification whatever the account: unknown, inactive or without a password,
    /// the password is checked against a dummy hash of the same cost, so the answer's timing
    /// does not tell which e-mails have an account.
    static func checkPassword(_ password: String, of user: User?, _ req: Request) async throws -> Bool {
        let dummy = try await DummyPasswordHash.get(req)
        let usable = user.flatMap { $0.isActive ? $0.passwordHash : nil }
        let matches = (try? await req.password.async.verify(password, created: usable ?? dummy)) ?? false
        return usable != nil && matches && !password.isEmpty
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
        req.flash("Déconnexion effectuée.")
        return req.redirect(to: SiteURL.login.path)
    }

    /// Ends every session of this person on every device, this one included.
    static func logoutEverywhere(_ req: Request) async throws -> Response {
        let current = try req.requireUser()
        if let user = try await User.find(current.id, on: req.db) {
            user.sessionEpoch += 1
            try await user.save(on: req.db)
        }
        return try await logout(req)
    }

    /// Only a path on this site. Browsers parse a `Location` with the WHATWG URL rules: they
    /// drop tabs and newlines, trim spaces and control characters, and read `\` as `/`, so
    /// `/<tab>/evil.test` or `/\evil.test` become `//evil.test`, another site. Accepted: printable
    /// ASCII only (no space, no control, no backslash), starting with exactly one `/`. A path
    /// with other characters arrives percent-encoded from a browser anyway.
    static func safeReturnPath(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"),
              path.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }) else { return nil }
        return path
    }
}

/// The hash that unknown accounts are checked against, made once by the app's own hasher
/// (same algorithm and cost as real ones) on the first sign-in, whoever signs in.
enum DummyPasswordHash {
    private struct Key: StorageKey, LockKey { typealias Value = String }

    static func get(_ req: Request) async throws -> String {
        let app = req.application
        let lock = app.locks.lock(for: Key.self)
        if let made = lock.withLock({ app.storage[Key.self] }) { return made }
        let fresh = try await req.password.async.hash(SecretToken.generate())
        return lock.withLock {
            if let made = app.storage[Key.self] { return made }  // another request won the race
            app.storage[Key.self] = fresh
            return fresh
        }
    }
}
