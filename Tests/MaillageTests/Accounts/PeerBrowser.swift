import Foundation
import NIOCore
import Vapor
@testable import Maillage

/// A `TestBrowser` whose requests come from a network peer: `app.testing()` sends in-memory
/// requests without one, and the sign-in throttle and `req.clientAddress` need an address.
/// The request goes through the app's real middleware, as `app.testing()` does.
final class PeerBrowser: @unchecked Sendable {
    let app: Application
    /// The direct peer (a client, or a reverse proxy).
    var peer: String
    /// `X-Forwarded-For` as the proxy would send it; nil sends none.
    var forwardedFor: String?
    private(set) var cookie: String? = nil
    private(set) var csrf: String? = nil

    init(_ app: Application, peer: String, forwardedFor: String? = nil) {
        self.app = app
        self.peer = peer
        self.forwardedFor = forwardedFor
    }

    @discardableResult
    func get(_ path: String) async throws -> TestBrowser.Page {
        try await send(.GET, path, headers: [:], body: nil)
    }

    @discardableResult
    func post(_ path: String, form: [(String, String)]) async throws -> TestBrowser.Page {
        if csrf == nil { try await get(.login) }
        let fields = form + [("_csrf", csrf ?? "")]
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\(TestBrowser.encode($0.0))=\(TestBrowser.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @discardableResult
    func get(_ url: SiteURL) async throws -> TestBrowser.Page { try await get(url.path) }

    @discardableResult
    func post(_ url: SiteURL, form: [(String, String)]) async throws -> TestBrowser.Page { try await post(url.path, form: form) }

    /// Signs in (or tries to) through the login form.
    @discardableResult
    func login(_ email: String, password: String) async throws -> TestBrowser.Page {
        try await post(.submitLogin, form: [("email", email), ("password", password)])
    }

    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders, body: ByteBuffer?) async throws -> TestBrowser.Page {
        try await app.asyncBoot()
        var headers = extra
        if let cookie { headers.replaceOrAdd(name: .cookie, value: "maillage_session=\(cookie)") }
        if let forwardedFor { headers.replaceOrAdd(name: .xForwardedFor, value: forwardedFor) }
        headers.replaceOrAdd(name: .contentLength, value: String(body?.readableBytes ?? 0))
        let request = Request(application: app, method: method, url: URI(string: path), headers: headers,
                              collectedBody: body, remoteAddress: try SocketAddress(ipAddress: peer, port: 41000),
                              logger: app.logger, on: app.eventLoopGroup.next())
        let res = try await app.responder.respond(to: request).get()
        let buffer = try await res.body.collect(on: request.eventLoop).get()
        let text = buffer.map { String(buffer: $0) } ?? ""
        if let set = res.headers.setCookie?["maillage_session"] { cookie = set.string }
        if let token = TestBrowser.csrfToken(in: text) { csrf = token }
        return TestBrowser.Page(status: res.status, headers: res.headers, body: text)
    }
}
