import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// What the export tests share: files kept in a throwaway directory, an export asked through
/// its form, the bytes of a download.
enum ExportTestKit {
    /// Runs `test` with the fixtures and `app.services.files` in a fresh temporary directory.
    static func withExports(_ test: (Application, Fixtures) async throws -> Void) async throws {
        try await withMaillage { app in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-exports-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var config = app.config
            config.filesDirectory = dir
            app.services = AppServices(config: config, clock: app.services.clock)
            let f = try await Fixtures.load(on: app)
            try await test(app, f)
        }
    }

    /// Posts the « Préparer le fichier » form at `path` (the direct export's address, with its
    /// query string) and returns the export's id from the redirect to its page.
    static func prepare(_ b: TestBrowser, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> UUID {
        let page = try await b.post(path)
        #expect(page.status == .seeOther, "POST \(path): \(page.status) \(page.body.prefix(300))", sourceLocation: sourceLocation)
        let location = try #require(page.location, sourceLocation: sourceLocation)
        #expect(location.hasPrefix("/exports/"), sourceLocation: sourceLocation)
        return try #require(UUID(uuidString: String(location.dropFirst("/exports/".count))), sourceLocation: sourceLocation)
    }

    struct Download {
        let status: HTTPStatus
        let data: Data
        let contentType: String?
        let disposition: String?
    }

    /// GETs `path` with `b`'s session and keeps the body as bytes (a file, not a page).
    static func download(_ app: Application, _ b: TestBrowser, _ path: String) async throws -> Download {
        var result: Download? = nil
        try await app.testing().test(.GET, path, headers: ["Cookie": "maillage_session=\(b.cookie ?? "")"]) { res in
            result = Download(status: res.status, data: Data(buffer: res.body), contentType: res.headers.first(name: .contentType),
                              disposition: res.headers.first(name: .contentDisposition))
        }
        return try #require(result)
    }

    /// The queue's row of an export.
    static func job(_ id: UUID, on db: any Database) async throws -> JobRecord {
        try #require(try await JobRecord.find(id, on: db))
    }

    /// A signed-in browser for a new account holding `role` (in `delegation` for a delegate).
    static func browser(_ app: Application, role: Role, delegation: String? = nil) async throws -> (TestBrowser, User) {
        let user = try await AccountsFactory.makeUser(on: app, role: role, scope: delegation.map { .delegation(code: $0) } ?? .none)
        let b = TestBrowser(app)
        try await b.login(user.email)
        return (b, user)
    }
}
