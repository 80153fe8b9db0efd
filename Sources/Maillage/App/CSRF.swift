import Vapor

/// Every state-changing form posts `_csrf`, compared with the token kept in the session.
/// The API is exempt: it takes no cookies, only bearer tokens.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method), !req.isAPI else {
            return try await next.respond(to: req)
        }
        // Middleware runs before the route collects a streamed body: collect it here, within
        // the limit the route declares (see BodyLimit.swift); too large is a 413.
        let limit = req.bodyLimit
        if let collected = req.body.data {
            if collected.readableBytes > limit { throw BodyLimit.tooLarge(limit) }
        } else {
            do {
                _ = try await req.body.collect(max: limit).get()
            } catch let abort as any AbortError where abort.status == .payloadTooLarge {
                throw BodyLimit.tooLarge(limit)
            }
        }
        let sent = (try? req.content.get(String.self, at: Self.field)) ?? req.headers.first(name: "X-CSRF-Token")
        guard req.hasSession, let expected = req.session.data["csrf"], let sent, constantTimeEquals(sent, expected) else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: req)
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use (this starts a session).
    func csrfToken() -> String {
        if let token = session.data["csrf"] { return token }
        let token = SecretToken.generate()
        session.data["csrf"] = token
        return token
    }
}

extension Request {
    /// Decodes a submitted form; whatever is wrong with the body itself (bad encoding, broken
    /// multipart, wrong types) is the client's error: a 400, never a 500.
    func form<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let abort as any AbortError where abort.status == .unsupportedMediaType || abort.status == .payloadTooLarge {
            throw abort
        } catch {
            throw Abort(.badRequest, reason: "Le formulaire envoyé est mal formé.")
        }
    }
}

/// Marks a request once the sessions middleware has run for it. Before that (a static path
/// refused by the file middleware, say) `req.session` stops the process, so the error page
/// must not touch it: one anonymous request with `..%2F` in an asset path did exactly that.
struct SessionsReadyMiddleware: AsyncMiddleware {
    private struct Key: StorageKey { typealias Value = Bool }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.storage[Key.self] = true
        return try await next.respond(to: req)
    }

    static func isReady(_ req: Request) -> Bool { req.storage[Key.self] ?? false }
}

extension Request {
    var sessionsReady: Bool { SessionsReadyMiddleware.isReady(self) }
}
