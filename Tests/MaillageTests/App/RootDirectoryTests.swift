import Foundation
import Testing
@testable import Maillage

/// Where the server finds `Resources/` and `Public/` (`RootDirectory.resolve`): started from
/// any directory, it must find its templates, or refuse to start.
@Suite("Root directory")
struct RootDirectoryTests {
    /// A checkout at /srv/maillage: only it holds `Resources/Views`.
    static func hasViews(_ path: String) -> Bool { path == "/srv/maillage" }

    @Test("MAILLAGE_ROOT wins, with a trailing slash, even where no templates are (the start then refuses)")
    func environmentWins() {
        // MUT
        let root = RootDirectory.resolve(environment: ["MAILLAGE_ROOT": "/opt/maillage"], executablePath: "/srv/maillage/.build/debug/maillage",
                                         workingDirectory: "/tmp", hasViews: Self.hasViews)
        // validate
        #expect(root == "/opt/maillage/")
    }

    @Test("without it, the checkout found walking up from the executable, wherever the server is started")
    func nextToTheBinary() {
        // MUT
        let fromBuild = RootDirectory.resolve(environment: [:], executablePath: "/srv/maillage/.build/x86_64-unknown-linux-gnu/debug/maillage",
                                              workingDirectory: "/tmp", hasViews: Self.hasViews)
        let beside = RootDirectory.resolve(environment: ["MAILLAGE_ROOT": ""], executablePath: "/srv/maillage/maillage",
                                           workingDirectory: "/", hasViews: Self.hasViews)
        // validate
        #expect(fromBuild == "/srv/maillage/")
        #expect(beside == "/srv/maillage/")
    }

    @Test("else the working directory")
    func workingDirectory() {
        // MUT
        let root = RootDirectory.resolve(environment: [:], executablePath: "/usr/local/bin/maillage", workingDirectory: "/srv/maillage",
                                         hasViews: { _ in false })
        // validate
        #expect(root == "/srv/maillage/")
    }

    @Test("this test binary finds the checkout from its own path, and the templates are there")
    func thisCheckout() {
        // MUT
        let root = RootDirectory.resolve(environment: [:], executablePath: RootDirectory.executablePath, workingDirectory: "/nonexistent")
        // validate
        #expect(root == TestPaths.root)
        #expect(RootDirectory.hasViews(at: root))
        #expect(!RootDirectory.hasViews(at: "/nonexistent"))
        #expect(RootDirectory.missingViews("/nonexistent/").contains("MAILLAGE_ROOT"))
    }
}
