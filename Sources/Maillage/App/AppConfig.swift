import Vapor

/// Settings read once from the environment (documented in README.md, "Configuration").
struct AppConfig: Sendable {
    /// PostgreSQL URL; when nil the embedded SQLite file is used.
    var databaseURL: String?
    /// SQLite file (default `var/maillage.sqlite`, relative to the working directory).
    var databasePath: String
    /// Public base URL used in e-mails (reset and invitation links).
    var baseURL: String
    /// `Secure` flag on the session cookie: on when the base URL is https or when forced.
    var secureCookies: Bool
    /// The federation's display name (one federation per installation).
    var federationName: String
    /// Root of `Resources/` and `Public/`, with a trailing `/` (see `RootDirectory.resolve`).
    var rootDirectory: String
    /// Uploaded files (`DirectoryFileStore`; default `var/files`, relative to the working
    /// directory like the SQLite file: data stays where the server is run, resources with it).
    /// Where uploaded files live (attachments, library versions, prepared exports): `MAILLAGE_FILES`,
    /// else `files/` next to the SQLite file (`var/files` for the default `var/maillage.sqlite`), so
    /// that a server started on another database file never mixes its files with this one's.
    var filesDirectory = "var/files"
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address (`req.clientAddress`);
    /// none by default, so a client cannot pick the address it is throttled under.
    var trustedProxies = TrustedProxies.none
    /// Headless Chromium for server-side PDFs (`MAILLAGE_CHROMIUM`, default `/usr/bin/chromium`);
    /// when it is missing, PDF routes answer 503 and pages offer the browser's print only.
    var chromiumPath = ProcessInfo.processInfo.environment["MAILLAGE_CHROMIUM"] ?? "/usr/bin/chromium"
    /// The federation's identity (`Theme`, checked at start): short name, logo (a path under
    /// `Public/img/` or an absolute file path; the demo's fictional logo when no federation name
    /// is set), colours #RRGGBB, contact e-mail or web address.
    var federationShortName: String? = nil
    var logo: String? = nil
    var primaryColor: String? = nil
    var accentColor: String? = nil
    var contact: String? = nil
    /// Days during which an Observatory reminder is not sent again to the same structure
    /// (`MAILLAGE_REMINDER_DELAY_DAYS`, default 7).
    var reminderDelayDays = ProcessInfo.processInfo.environment["MAILLAGE_REMINDER_DELAY_DAYS"].flatMap { Int($0) }.map { max(0, $0) } ?? 7
    /// Outgoing e-mail (`Mail/`): the SMTP server (`MAILLAGE_SMTP_URL`, e.g. smtp://user:pass@host:587
    /// with STARTTLS, smtps://host:465; unset: messages stay in the outbox), the sender
    /// (`MAILLAGE_MAIL_FROM`) and an extra trusted CA file, PEM (`MAILLAGE_SMTP_CA_FILE`).
    var smtpURL = ProcessInfo.processInfo.environment["MAILLAGE_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
    var mailFrom = ProcessInfo.processInfo.environment["MAILLAGE_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "Maillage <ne-pas-repondre@localhost>"
    var smtpCAFile = ProcessInfo.processInfo.environment["MAILLAGE_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    /// Bearer token a remote Prometheus shows to read `/metrics` (`MAILLAGE_METRICS_TOKEN`);
    /// without it only a scraper on this machine (loopback) reads them.
    var metricsToken = ProcessInfo.processInfo.environment["MAILLAGE_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }

    static func fromEnvironment() -> AppConfig {
        let env = ProcessInfo.processInfo.environment
        let base = env["MAILLAGE_BASE_URL"] ?? "http://127.0.0.1:8080"
        let root = RootDirectory.resolve(environment: env, executablePath: RootDirectory.executablePath,
                                         workingDirectory: FileManager.default.currentDirectoryPath)
        let proxies = TrustedProxies(env["MAILLAGE_TRUSTED_PROXIES"] ?? "")
        if !proxies.rejected.isEmpty {
            // Not fatal, but loud: behind a proxy every sign-in would share the proxy's address.
            FileHandle.standardError.write(Data("MAILLAGE_TRUSTED_PROXIES: ignored, not an IP address or CIDR range: \(proxies.rejected.joined(separator: ", "))\n".utf8))
        }
        var config = AppConfig(
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            databasePath: env["DATABASE_PATH"] ?? "var/maillage.sqlite",
            baseURL: base,
            secureCookies: env["MAILLAGE_SECURE_COOKIES"].map { $0 == "1" || $0 == "true" } ?? base.hasPrefix("https://"),
            federationName: env["MAILLAGE_FEDERATION_NAME"] ?? "Fédération des employeurs inclusifs (démo)",
            rootDirectory: root,
            trustedProxies: proxies,
            federationShortName: env["MAILLAGE_FEDERATION_SHORT_NAME"],
            logo: env["MAILLAGE_LOGO"] ?? (env["MAILLAGE_FEDERATION_NAME"] == nil ? Theme.demoLogo : nil),
            primaryColor: env["MAILLAGE_COLOR_PRIMARY"],
            accentColor: env["MAILLAGE_COLOR_ACCENT"],
            contact: env["MAILLAGE_CONTACT"] ?? (env["MAILLAGE_FEDERATION_NAME"] == nil ? Theme.demoContact : nil)
        )
        config.filesDirectory = filesDirectory(setting: env["MAILLAGE_FILES"], databasePath: config.databasePath)
        return config
    }

    /// `MAILLAGE_FILES` when set; else `files` beside the SQLite database file; `var/files` for an
    /// in-memory database.
    static func filesDirectory(setting: String?, databasePath: String) -> String {
        if let setting, !setting.isEmpty { return setting }
        guard databasePath != ":memory:", !databasePath.isEmpty else { return "var/files" }
        let folder = (databasePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "files" : folder + "/files"
    }
}

/// Where `Resources/` and `Public/` are: `MAILLAGE_ROOT` when set; else the nearest directory
/// holding `Resources/Views`, walking up from the executable's directory (so that
/// `.build/debug/maillage` finds its checkout from anywhere); else the working directory.
enum RootDirectory {
    static func resolve(environment: [String: String], executablePath: String, workingDirectory: String,
                        hasViews: (String) -> Bool = { hasViews(at: $0) }) -> String {
        if let root = environment["MAILLAGE_ROOT"], !root.isEmpty { return slashed(root) }
        var dir = URL(fileURLWithPath: executablePath).deletingLastPathComponent().standardizedFileURL
        while true {
            if hasViews(dir.path) { return slashed(dir.path) }
            if dir.path == "/" { break }
            dir.deleteLastPathComponent()
        }
        return slashed(workingDirectory)
    }

    static func hasViews(at root: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: slashed(root) + "Resources/Views", isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The running executable, symbolic links resolved (`.build/debug` is one).
    static var executablePath: String {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")).resolvingSymlinksInPath().path
    }

    /// Why the server will not start without its templates, in the words of the console.
    static func missingViews(_ root: String) -> String {
        "Les gabarits de pages sont introuvables (\(root)Resources/Views) : le serveur ne démarre pas. "
            + "Lancez Maillage depuis son dossier, ou indiquez ce dossier dans MAILLAGE_ROOT."
    }

    private static func slashed(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}

extension AppConfig {
    /// `maillage demo [serve flags]`: unless `MAILLAGE_BASE_URL` is set, links in e-mails point
    /// at the address the demo serves (`--hostname`/`-H`, `--port`/`-p`, `--bind`/`-b`, else
    /// Vapor's 127.0.0.1:8080; a wildcard host is reached as 127.0.0.1), so a reset link from
    /// the outbox opens the running demo.
    func forDemo(serveArguments raw: [String], environment: [String: String]) -> AppConfig {
        guard (environment["MAILLAGE_BASE_URL"] ?? "").isEmpty else { return self }
        var host = "127.0.0.1", port = "8080"
        // `--port=9000` reads as `--port 9000`.
        let args = raw.flatMap { $0.hasPrefix("--") && $0.contains("=") ? $0.split(separator: "=", maxSplits: 1).map(String.init) : [$0] }
        func value(after i: Int) -> String? { i + 1 < args.count ? args[i + 1] : nil }
        for (i, arg) in args.enumerated() {
            switch arg {
            case "--hostname", "-H": host = value(after: i) ?? host
            case "--port", "-p": port = value(after: i) ?? port
            case "--bind", "-b":
                if let bind = value(after: i), let colon = bind.lastIndex(of: ":") {
                    host = String(bind[..<colon]); port = String(bind[bind.index(after: colon)...])
                }
            default: break
            }
        }
        if ["0.0.0.0", "::", "[::]", ""].contains(host) { host = "127.0.0.1" }
        var config = self
        config.baseURL = "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)"
        return config
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    var config: AppConfig {
        get { storage[ConfigKey.self] ?? .fromEnvironment() }
        set { storage[ConfigKey.self] = newValue }
    }
}
