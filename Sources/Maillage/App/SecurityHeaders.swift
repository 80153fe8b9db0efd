import Vapor

/// Conservative headers: no framing, no sniffing, same-origin assets only (nothing from a CDN).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if res.headers.contentType == .html {
            res.headers.replaceOrAdd(name: "Content-Security-Policy",
                                     value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
            res.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        }
        return res
    }
}
