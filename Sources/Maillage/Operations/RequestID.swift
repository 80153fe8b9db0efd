import Foundation
import Vapor

/// Gives every request one id, returned in `X-Request-Id` on every response (errors and 404s
/// included, since it sits above `SiteErrorMiddleware`), carried by the request's logger as
/// `request-id` and shown on error pages, so a person can quote it and support find the lines.
/// An incoming `X-Request-Id` is kept only from a trusted proxy (`MAILLAGE_TRUSTED_PROXIES`)
/// and only when short and plain: anyone else could write lies or control characters into
/// the logs. Then logs one access line (info in JSON mode, debug on the console).
struct RequestIDMiddleware: AsyncMiddleware {
    let accessLevel: Logger.Level

    init(format: LogFormat = .fromEnvironment()) {
        accessLevel = format == .json ? .info : .debug
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = Self.choose(incoming: req.headers.first(name: .xRequestId), vaporID: req.id,
                             peer: req.remoteAddress?.ipAddress, trusted: req.application.config.trustedProxies)
        req.storage[RequestIDKey.self] = id
        req.logger[metadataKey: "request-id"] = .string(id)
        let start = ContinuousClock.now
        do {
            let res = try await next.respond(to: req)
            res.headers.replaceOrAdd(name: .xRequestId, value: id)
            log(req, status: res.status.code, since: start)
            return res
        } catch {
            log(req, status: (error as? any AbortError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    /// The id of a request: the proxy's when it comes from a trusted proxy and is safe,
    /// else Vapor's own (a fresh UUID when Vapor took the client's header).
    static func choose(incoming: String?, vaporID: String, peer: String?, trusted: TrustedProxies) -> String {
        guard let incoming else { return vaporID }
        if isSafe(incoming), let peer, let ip = IPAddress(peer), trusted.contains(ip) { return incoming }
        return UUID().uuidString
    }

    /// 1 to 64 characters among `A-Z a-z 0-9 . _ -`.
    static func isSafe(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D
        }
    }

    private func log(_ req: Request, status: UInt, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        req.logger.log(level: accessLevel, "\(req.method.rawValue) \(req.routePattern) \(status)", metadata: [
            "method": .string(req.method.rawValue),
            "route": .string(req.routePattern),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible((ms * 10).rounded() / 10),
        ])
    }
}

private struct RequestIDKey: StorageKey { typealias Value = String }

extension Request {
    /// The request's id, as returned in `X-Request-Id` (`RequestIDMiddleware`).
    var requestID: String { storage[RequestIDKey.self] ?? id }

    /// The route pattern (`/adherents/:structureID`), as Vapor names it in its metrics; a path
    /// that matches no route is not echoed (anyone could fill the logs with their own).
    var routePattern: String {
        guard let route else { return "vapor_route_undefined" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
