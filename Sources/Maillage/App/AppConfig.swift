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
    /// Root of `Resources/` and `Public/` (default: the working directory).
    var rootDirectory: String
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address (`req.clientAddress`);
    /// none by default, so a client cannot pick the address it is throttled under.
    var trustedProxies = TrustedProxies.none

    static func fromEnvironment() -> AppConfig {
        let env = ProcessInfo.processInfo.environment
        let base = env["MAILLAGE_BASE_URL"] ?? "http://127.0.0.1:8080"
        var root = env["MAILLAGE_ROOT"] ?? FileManager.default.currentDirectoryPath
        if !root.hasSuffix("/") { root += "/" }
        let proxies = TrustedProxies(env["MAILLAGE_TRUSTED_PROXIES"] ?? "")
        if !proxies.rejected.isEmpty {
            // Not fatal, but loud: behind a proxy every sign-in would share the proxy's address.
            FileHandle.standardError.write(Data("MAILLAGE_TRUSTED_PROXIES: ignored, not an IP address or CIDR range: \(proxies.rejected.joined(separator: ", "))\n".utf8))
        }
        return AppConfig(
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            databasePath: env["DATABASE_PATH"] ?? "var/maillage.sqlite",
            baseURL: base,
            secureCookies: env["MAILLAGE_SECURE_COOKIES"].map { $0 == "1" || $0 == "true" } ?? base.hasPrefix("https://"),
            federationName: env["MAILLAGE_FEDERATION_NAME"] ?? "Fédération des employeurs inclusifs (démo)",
            rootDirectory: root,
            trustedProxies: proxies
        )
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    var config: AppConfig {
        get { storage[ConfigKey.self] ?? .fromEnvironment() }
        set { storage[ConfigKey.self] = newValue }
    }
}
