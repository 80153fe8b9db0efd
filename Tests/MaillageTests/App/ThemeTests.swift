import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// The federation's identity settings: checked at start (a bad value stops the server with a
/// French reason), served as `/theme.css`, shown in every page's layout.
@Suite("Theme settings")
struct ThemeTests {
    /// The settings of a test run, with the demo's identity unless told otherwise.
    static func config(_ change: (inout AppConfig) -> Void = { _ in }) -> AppConfig {
        var config = AppConfig.fromEnvironment()
        config.databasePath = ":memory:"
        config.databaseURL = nil
        config.rootDirectory = TestPaths.root
        config.federationName = "Fédération des employeurs inclusifs (démo)"
        config.federationShortName = nil
        config.logo = Theme.demoLogo
        config.primaryColor = nil
        config.accentColor = nil
        config.contact = Theme.demoContact
        change(&config)
        return config
    }

    static func problems(_ change: (inout AppConfig) -> Void) -> [String] {
        do {
            _ = try Theme(config: config(change))
            return []
        } catch {
            return error.problems
        }
    }

    /// Configures an application with `config`, runs `test`, shuts it down.
    static func withApp(_ config: AppConfig, _ test: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: config)
            try await app.autoMigrate()
            try await test(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("the demo's identity: fictional logo served from Public/img, default colours, contact e-mail")
    func demoDefaults() throws {
        // MUT
        let theme = try Theme(config: Self.config())
        // validate
        #expect(theme.logo == "/img/logo-demo.svg")
        #expect(FileManager.default.fileExists(atPath: TestPaths.root + "Public/img/logo-demo.svg"))
        #expect(theme.primary.hex == "#0b5c7a")
        #expect(theme.accent.hex == Theme.defaultAccent)
        #expect(theme.contact == .init(href: "mailto:contact@demo.maillage.test", label: "contact@demo.maillage.test"))
        #expect(theme.shortName == theme.federationName)
    }

    @Test("a colour that is not #RRGGBB is refused, with the setting's name and a French reason",
          arguments: ["bleu", "#fff", "0b5c7a", "#0b5c7g", "#0b5c7a7a", "rgb(1,2,3)", "#0b5c7a;}body{display:none"])
    func badColourRefused(_ value: String) {
        // MUT
        let primary = Self.problems { $0.primaryColor = value }
        let accent = Self.problems { $0.accentColor = value }
        // validate
        #expect(primary.count == 1 && primary[0].hasPrefix("MAILLAGE_COLOR_PRIMARY : "), "\(primary)")
        #expect(primary.first?.contains("n'est pas une couleur au format #RRGGBB") == true)
        #expect(accent.count == 1 && accent[0].hasPrefix("MAILLAGE_COLOR_ACCENT : "), "\(accent)")
    }

    @Test("a primary colour too light for white text is refused, with its contrast")
    func lightPrimaryRefused() throws {
        // MUT
        let problems = Self.problems { $0.primaryColor = "#FFD700" }
        let dark = try Theme(config: Self.config { $0.primaryColor = "#1A4D2E"; $0.accentColor = "#ffd700" })
        // validate
        #expect(problems.count == 1)
        #expect(problems.first?.contains("trop claire") == true)
        #expect(problems.first?.contains("4,5:1") == true)
        #expect(dark.primary.hex == "#1a4d2e")
        #expect(dark.stylesheet.contains("--brand: #1a4d2e;"))
        #expect(dark.stylesheet.contains("--accent: #ffd700;"))
        #expect(dark.stylesheet.contains("--brand-dark: #123620;"))
    }

    @Test("the logo: an image under Public/img, or a small file elsewhere put inline; nothing else")
    func logoChecked() throws {
        // setup
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = dir.appendingPathComponent("logo.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: small)
        let big = dir.appendingPathComponent("grand.png")
        try Data(count: Theme.maxEmbeddedLogo + 1).write(to: big)

        // MUT + validate
        #expect(try Theme(config: Self.config { $0.logo = "/img/logo-demo.svg" }).logo == "/img/logo-demo.svg")
        #expect(try Theme(config: Self.config { $0.logo = small.path }).logo == "data:image/png;base64,iVBORw==")
        #expect(try Theme(config: Self.config { $0.logo = "aucun" }).logo == nil)
        #expect(try Theme(config: Self.config { $0.logo = nil }).logo == nil)
        for (value, reason) in [("img/../../Package.swift.svg", "remonter"), ("img/absent.svg", "introuvable"),
                                ("img/icons.exe", "SVG, PNG"), ("css/app.svg", "chemin sous Public/img/"),
                                (big.path, "Kio au plus"), (dir.appendingPathComponent("absent.png").path, "introuvable")] {
            let problems = Self.problems { $0.logo = value }
            #expect(problems.count == 1 && problems[0].hasPrefix("MAILLAGE_LOGO : ") && problems[0].contains(reason),
                    "\(value): \(problems)")
        }
    }

    @Test("the contact is an e-mail address or a web address; anything else is refused")
    func contactChecked() throws {
        #expect(try Theme(config: Self.config { $0.contact = "https://exemple.fr/contact" }).contact
                == .init(href: "https://exemple.fr/contact", label: "exemple.fr/contact"))
        #expect(try Theme(config: Self.config { $0.contact = nil }).contact == nil)
        for value in ["javascript:alert(1)", "pas une adresse", "a@b", "x@y.fr\" onclick=\"z"] {
            let problems = Self.problems { $0.contact = value }
            #expect(problems.count == 1 && problems[0].hasPrefix("MAILLAGE_CONTACT : "), "\(value): \(problems)")
        }
    }

    @Test("every bad setting is reported at once, and the server does not start")
    func configureRefuses() async throws {
        // setup
        let app = try await Application.make(.testing)
        defer { Task { try? await app.asyncShutdown() } }
        let config = Self.config { $0.primaryColor = "rouge"; $0.logo = "img/absent.svg"; $0.federationShortName = String(repeating: "x", count: 31) }
        // MUT
        let error = await #expect(throws: ThemeError.self) { try await configure(app, config: config) }
        // validate
        #expect(error?.problems.count == 3)
        let text = String(describing: error!)
        #expect(text.hasPrefix("Réglages de l'identité visuelle refusés, le serveur ne démarre pas :"))
        #expect(text.contains("MAILLAGE_COLOR_PRIMARY") && text.contains("MAILLAGE_LOGO") && text.contains("MAILLAGE_FEDERATION_SHORT_NAME"))
    }

    @Test("the colours are served as /theme.css; every page links it, with the logo, the contact and the menu button")
    func themeServedAndShown() async throws {
        let config = Self.config { $0.primaryColor = "#123456"; $0.accentColor = "#AA0000"; $0.contact = "https://exemple.fr/ecrire" }
        try await Self.withApp(config) { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let visitor = TestBrowser(app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let css = try await visitor.get(.theme)
            let login = try await visitor.get(.login)
            let home = try await admin.get(.home)
            // validate
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.body.contains("--brand: #123456;") && css.body.contains("--accent: #aa0000;"))
            for page in [login, home] {
                #expect(page.body.contains("<link rel=\"stylesheet\" href=\"\(SiteURL.theme.path)\">"))
                #expect(page.body.contains("<img class=\"logo\" src=\"/img/logo-demo.svg\" alt=\"\">"))
                #expect(page.body.contains("<a id=\"contact-link\" href=\"https://exemple.fr/ecrire\">exemple.fr/ecrire</a>"))
                #expect(page.body.contains("<script src=\"/js/menu.js\" defer></script>"))
                #expect(page.body.contains("aria-controls=\"main-nav\" hidden>"))
            }
            // The menu's entries carry their icon; the header's help link is for signed-in people.
            #expect(home.body.contains("/img/icons.svg#house"))
            #expect(home.body.contains("/img/icons.svg#chart"))
            #expect(home.body.contains("id=\"help-link\" href=\"\(SiteURL.help.path)\""))
            #expect(!login.body.contains("id=\"help-link\""))
        }
    }

    @Test("the icon sprite holds every icon the pages name, and the menu script is served")
    func assetsServed() async throws {
        try await withMaillage { app in
            // MUT
            let sprite = try await TestBrowser(app).get("/img/icons.svg")
            let script = try await TestBrowser(app).get("/js/menu.js")
            // validate
            #expect(sprite.status == .ok)
            for icon in Icon.allCases { #expect(sprite.body.contains("<symbol id=\"\(icon.rawValue)\""), "\(icon)") }
            #expect(script.status == .ok && script.body.contains("aria-expanded"))
        }
    }
}
