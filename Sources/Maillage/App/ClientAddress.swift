#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vapor

/// An IP address as its bytes (4 for IPv4, 16 for IPv6); an IPv4-mapped IPv6 address
/// (`::ffff:1.2.3.4`, as a dual-stack listener reports IPv4 peers) counts as the IPv4 one.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    init?(_ text: String) {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            let b = withUnsafeBytes(of: &v6) { Array($0) }
            let mapped = b[0..<10].allSatisfy { $0 == 0 } && b[10] == 0xFF && b[11] == 0xFF
            bytes = mapped ? Array(b[12...]) : b
        } else {
            return nil
        }
    }

    /// Also accepts what proxies write in `X-Forwarded-For`: `1.2.3.4:5678`, `[2001:db8::1]:443`.
    init?(forwarded raw: String) {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])  // IPv4 with a port
        }
        self.init(text)
    }

    /// The canonical text (`2001:db8::1`, never `::ffff:…`): one address, one string.
    var description: String {
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var raw = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &raw, &out, socklen_t(out.count)) != nil else { return "?" }
        return String(cString: out)
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed (`MAILLAGE_TRUSTED_PROXIES`):
/// single addresses or CIDR ranges, e.g. `127.0.0.1, 10.0.0.0/8, fd00::/8`.
struct TrustedProxies: Sendable {
    struct Range: Sendable {
        let network: IPAddress
        let prefix: Int

        func contains(_ ip: IPAddress) -> Bool {
            guard ip.bytes.count == network.bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(ip.bytes, network.bytes) where left > 0 {
                let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
                if a & mask != b & mask { return false }
                left -= 8
            }
            return true
        }
    }

    var ranges: [Range] = []
    /// Entries that are neither an address nor a range: reported at start, otherwise ignored.
    var rejected: [String] = []

    static let none = TrustedProxies()

    init() {}
    init(_ setting: String) {
        for entry in setting.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            if let range = Self.parse(entry) { ranges.append(range) } else { rejected.append(entry) }
        }
    }

    private static func parse(_ entry: String) -> Range? {
        let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let ip = IPAddress(String(parts[0])) else { return nil }
        let bits = ip.bytes.count * 8
        guard parts.count == 2 else { return Range(network: ip, prefix: bits) }
        guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
        return Range(network: ip, prefix: prefix)
    }

    func contains(_ ip: IPAddress) -> Bool { ranges.contains { $0.contains(ip) } }
}

enum ClientAddress {
    /// The client's address as this server can know it. The direct peer, unless it is a trusted
    /// proxy: then `X-Forwarded-For` is read from the right (each proxy appends the address it
    /// saw), skipping trusted proxies; the first address that is not one is the client. Anything
    /// further left was written by the client itself and proves nothing. An entry that is not
    /// an address stops the walk at the last hop known to be sound.
    static func resolve(peer: String?, forwardedFor: [String], trusted: TrustedProxies) -> String? {
        guard let peer, var hop = IPAddress(peer) else { return nil }
        let chain = forwardedFor.flatMap { $0.split(separator: ",").map(String.init) }
        for entry in chain.reversed() {
            guard trusted.contains(hop), let previous = IPAddress(forwarded: entry) else { break }
            hop = previous
        }
        return hop.description
    }
}

extension Request {
    /// The client's IP address (canonical text), with `X-Forwarded-For` believed only from the
    /// proxies listed in `MAILLAGE_TRUSTED_PROXIES`; nil when the peer is unknown (a Unix socket,
    /// in-memory tests).
    var clientAddress: String? {
        ClientAddress.resolve(peer: remoteAddress?.ipAddress,
                              forwardedFor: headers[.xForwardedFor],
                              trusted: application.config.trustedProxies)
    }
}
