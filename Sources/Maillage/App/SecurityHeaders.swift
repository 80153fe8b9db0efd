import Vapor

/// Conservative headers on every response: no framing, no sniffing, same-origin assets only
/// (nothing from a CDN), nothing kept in a cache but the public files of `Public/`.
/// Registered above `SiteErrorMiddleware` (see configure.swift), so error pages made from
/// anything thrown below (sessions, policy, CSRF, the router's 404, handlers) get them too.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if res.headers.contentType == .html {
            res.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        // Pages carry names and a session's CSRF token (even the sign-in form), downloads and
        // the API carry member data: only public assets may be stored, by a browser or a proxy.
        if !Self.isPublicAsset(req, res) {
            res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        }
        // Behind https only: HSTS on a plain-http demo would lock browsers out of it for a year.
        if req.application.config.baseURL.lowercased().hasPrefix("https://") {
            res.headers.replaceOrAdd(name: .strictTransportSecurity, value: Self.strictTransportSecurity)
        }
        return res
    }

    /// A file of `Public/` served by `AssetMiddleware` (a missing one is an error page).
    static func isPublicAsset(_ req: Request, _ res: Response) -> Bool {
        res.status.code < 400 && AssetMiddleware.prefixes.contains { req.url.path.hasPrefix($0) }
    }
}
