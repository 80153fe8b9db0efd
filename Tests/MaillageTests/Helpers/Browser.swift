import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// A tiny cookie-keeping client over `app.testing()`: signs in through the real login form
/// and posts forms with the session's CSRF token, as a browser would.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookie: String? = nil
    private(set) var csrf: String? = nil

    init(_ app: Application) { self.app = app }

    struct Page {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String
        var location: String? { headers.first(name: .location) }
    }

    @discardableResult
    func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, headers: extra, body: nil)
    }

    /// Posts a url-encoded form; the CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(_ path: String, form: [(String, String)] = [], csrf withToken: Bool = true) async throws -> Page {
        if withToken, csrf == nil { try await get(.login) }
        var fields = form
        if withToken, let csrf { fields.append(("_csrf", csrf)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    func postMultipart(_ path: String, fileField: String, filename: String, data: Data) async throws -> Page {
        if csrf == nil { try await get(.login) }
        let boundary = "----maillage-test-boundary"
        var body = Data()
        func line(_ s: String) { body.append(Data((s + "\r\n").utf8)) }
        line("--\(boundary)")
        line("Content-Disposition: form-data; name=\"_csrf\"")
        line("")
        line(csrf ?? "")
        line("--\(boundary)")
        line("Content-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(filename)\"")
        line("Content-Type: text/csv")
        line("")
        body.append(data)
        line("")
        line("--\(boundary)--")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    // Requests built from the route table: the path (and the method it must be sent with)
    // come from `SiteURL`, never typed here.

    /// GETs `url`, with an optional query string (`get(.figuresJSON(2024), query: ["perimetre": "NOR"])`).
    @discardableResult
    func get(_ url: SiteURL, query: KeyValuePairs<String, String?> = [:], headers extra: HTTPHeaders = [:],
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
        #expect(url.method == .GET, "\(url.path) is a \(url.method) route", sourceLocation: sourceLocation)
        return try await get(url.path(query: query), headers: extra)
    }

    /// Posts a url-encoded form to `url`; the CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(_ url: SiteURL, form: [(String, String)] = [], csrf withToken: Bool = true,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
        #expect(url.method == .POST, "\(url.path) is a \(url.method) route", sourceLocation: sourceLocation)
        return try await post(url.path, form: form, csrf: withToken)
    }

    func postMultipart(_ url: SiteURL, fileField: String, filename: String, data: Data,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
        #expect(url.method == .POST, "\(url.path) is a \(url.method) route", sourceLocation: sourceLocation)
        return try await postMultipart(url.path, fileField: fileField, filename: filename, data: data)
    }

    /// Sends `url` with its own method (or another one, to test a refusal), headers and body as given.
    @discardableResult
    func send(_ url: SiteURL, method: HTTPMethod? = nil, query: KeyValuePairs<String, String?> = [:],
              headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Page {
        try await send(method ?? url.method, url.path(query: query), headers: extra, body: body)
    }

    func login(_ email: String, password: String = Fixtures.password) async throws {
        try await get(.login)
        let page = try await post(.submitLogin, form: [("email", email), ("password", password)])
        #expect(page.status == .seeOther, "login of \(email) failed: \(page.status)")
        try await get(.home)  // refresh the CSRF token of the new session
    }

    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders, body: ByteBuffer?) async throws -> Page {
        var headers = extra
        if let cookie { headers.replaceOrAdd(name: .cookie, value: "maillage_session=\(cookie)") }
        var result: Page? = nil
        try await app.testing().test(method, path, headers: headers, body: body) { res in
            if let set = res.headers.setCookie?["maillage_session"] { self.cookie = set.string }
            let text = res.body.string
            if let token = Self.csrfToken(in: text) { self.csrf = token }
            result = Page(status: res.status, headers: res.headers, body: text)
        }
        return result!
    }

    static func csrfToken(in html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let token = String(rest[..<end])
        return token.isEmpty ? nil : token
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
