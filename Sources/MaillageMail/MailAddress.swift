import Foundation

/// One mailbox: an optional display name and an address (`Maillage <ne-pas-repondre@exemple.fr>`).
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public let name: String?
    public let address: String

    /// Refuses an address that could not travel in an SMTP envelope or a header
    /// (no `@`, spaces, angle brackets, control characters, over 254 characters).
    public init(_ address: String, name: String? = nil) throws(MailAddressError) {
        let a = address.trimmingCharacters(in: .whitespaces)
        guard a.utf8.count <= 254, let at = a.lastIndex(of: "@"), at != a.startIndex, a.index(after: at) != a.endIndex,
              !a.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 || Self.forbidden.unicodeScalars.contains($0) })
        else { throw MailAddressError(text: address) }
        self.address = a
        let n = name.map(Header.singleLine)?.trimmingCharacters(in: .whitespaces)
        self.name = (n?.isEmpty ?? true) ? nil : n
    }

    /// `Name <address>` or a bare address, as operators write the sender setting.
    public init(parsing text: String) throws(MailAddressError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(">"), let open = t.lastIndex(of: "<") {
            var name = t[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            try self.init(String(t[t.index(after: open)..<t.index(before: t.endIndex)]), name: name)
        } else {
            try self.init(t)
        }
    }

    /// The domain part (after the last `@`).
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// Specials of RFC 5322 outside a quoted local part, which the app never sends.
    private static let forbidden = "<>()[],;:\\\""
}

public struct MailAddressError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String { "adresse électronique invalide : « \(text) »" }
}
