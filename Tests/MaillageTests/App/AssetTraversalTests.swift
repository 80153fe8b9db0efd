import Foundation
import Testing
import Vapor
@testable import Maillage

/// Found by the security suite: an asset path the file middleware refuses (`..`) raised an
/// error before the sessions middleware had run, and the error page asked for the session's
/// CSRF token: the process stopped. Any visitor could do it with one request.
@Suite("Refused asset paths")
struct AssetTraversalTests {
    @Test("a traversal in an asset path is a French error page, and the server goes on", arguments: [
        "/css/..%2F..%2Fx", "/css/%2e%2e/%2e%2e/etc/passwd", "/css/../../Package.swift",
    ])
    func traversal(_ path: String) async throws {
        try await withMaillage { app in
            // setup
            let b = TestBrowser(app)
            // MUT
            let page = try await b.get(path)
            // validate
            #expect((400..<500).contains(page.status.code), "\(path): \(page.status)")
            #expect(!page.body.contains("\"name\""))
            #expect(try await b.get(.health).status == .ok)
        }
    }
}
