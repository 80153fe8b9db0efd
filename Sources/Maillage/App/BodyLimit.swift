import Vapor

/// How large a request body a route accepts, declared once where the route is registered.
/// `CSRFMiddleware` collects every form body before the route runs (it needs `_csrf`), so it
/// must apply the route's own limit, read from here: a route cannot accept 20 MB while the
/// middleware refuses 1 MB. Routes that declare nothing take the application's default
/// (`app.routes.defaultMaxBodySize`, 1 MB for forms), the value Vapor's `.collect` uses too.
extension Route {
    @discardableResult
    func bodyLimit(_ limit: ByteCount) -> Route {
        userInfo["bodyLimit"] = limit
        return self
    }

    var declaredBodyLimit: ByteCount? { userInfo["bodyLimit"] as? ByteCount }
}

extension RoutesBuilder {
    /// A POST route taking a file larger than a form: the route collects its body within
    /// `limit` and declares the same `limit` for the middleware. The only place in the app
    /// that passes `body:` to Vapor (`BodyLimitTests` checks it).
    @discardableResult
    func upload<R: AsyncResponseEncodable>(
        _ path: PathComponent..., limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        upload(path, limit: limit, use: handler)
    }

    @discardableResult
    func upload<R: AsyncResponseEncodable>(
        _ path: [PathComponent], limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        on(.POST, path, body: .collect(maxSize: limit), use: handler).bodyLimit(limit)
    }
}

extension Request {
    /// The matched route's body limit in bytes, or the application's default.
    var bodyLimit: Int { (route?.declaredBodyLimit ?? application.routes.defaultMaxBodySize).value }
}

enum BodyLimit {
    /// "20 Mo", "512 Ko": the limit as the error page states it.
    static func french(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) Mo" : "\(max(1, bytes >> 10)) Ko"
    }

    static func tooLarge(_ bytes: Int) -> Abort {
        Abort(.payloadTooLarge, reason: "Les données envoyées dépassent la taille permise (\(french(bytes))).")
    }
}
