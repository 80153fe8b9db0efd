import Foundation

/// Where and how to send, from `MAILLAGE_SMTP_URL`:
/// - `smtp://user:pass@host:587`: STARTTLS required (the client stops if the server does not offer it);
/// - `smtps://user:pass@host:465`: TLS from the first byte;
/// - `smtp+plain://127.0.0.1:2525`: no TLS, loopback hosts only, no credentials (local tests and relays).
/// Certificates are verified against the system's roots plus `caFile` (PEM), if given.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable { case startTLS, implicitTLS, plain }

    public var security: Security
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var caFile: String?
    /// Name given in EHLO.
    public var heloName: String
    public var connectTimeout: TimeInterval = 10
    /// Limit for each reply (the final reply to DATA included).
    public var replyTimeout: TimeInterval = 60

    public init(url: String, caFile: String? = nil) throws(SMTPConfigurationError) {
        guard let c = URLComponents(string: url.trimmingCharacters(in: .whitespaces)), let scheme = c.scheme?.lowercased(),
              let rawHost = c.host, !rawHost.isEmpty
        else { throw SMTPConfigurationError("adresse du serveur SMTP illisible (attendu : smtp://utilisateur:motdepasse@hôte:587)") }
        switch scheme {
        case "smtp": security = .startTLS; port = c.port ?? 587
        case "smtps": security = .implicitTLS; port = c.port ?? 465
        case "smtp+plain": security = .plain; port = c.port ?? 25
        default: throw SMTPConfigurationError("protocole « \(scheme) » inconnu : smtp://, smtps:// ou smtp+plain:// (local)")
        }
        guard (1...65535).contains(port) else { throw SMTPConfigurationError("port SMTP invalide : \(port)") }
        host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        username = c.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        password = c.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if security == .plain {
            guard Self.isLoopback(host) else {
                throw SMTPConfigurationError("smtp+plain:// (sans chiffrement) n'est permis que vers la machine locale (127.0.0.1, ::1, localhost)")
            }
            guard username == nil else { throw SMTPConfigurationError("pas d'identifiants sans chiffrement : utilisez smtp:// ou smtps://") }
        }
        let ca = caFile.flatMap { $0.isEmpty ? nil : $0 }
        if let ca, !FileManager.default.isReadableFile(atPath: ca) {
            throw SMTPConfigurationError("fichier d'autorité de certification illisible : \(ca)")
        }
        self.caFile = ca
        heloName = Self.defaultHeloName()
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// This machine's name when it is a plausible domain name, else `localhost`.
    static func defaultHeloName() -> String {
        let name = ProcessInfo.processInfo.hostName
        let ok = !name.isEmpty && name.count < 200 && name.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        return ok ? name : "localhost"
    }
}

public struct SMTPConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = "MAILLAGE_SMTP_URL : " + description }
}
