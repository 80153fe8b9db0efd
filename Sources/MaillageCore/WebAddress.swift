import Foundation

/// A structure's website as the register keeps it: an `http` or `https` address with a
/// real host name. The public directory shows it as a link, so anything else
/// (`javascript:`, `data:`, `vbscript:`, a `//host` path) would be script or a redirect
/// served under the federation's name. The structure form and the member import both
/// check addresses here, and pages ask `link` before writing an `href`.
public enum WebAddress {
    public static let maxLength = 255

    /// Why an address is refused, in French, for the form and the import preview.
    public struct Refusal: Error, Equatable, Sendable {
        public let message: String
    }

    /// The address to store, or why it is refused. Surrounding spaces are dropped, the
    /// scheme is written in lower case, and an address typed without one
    /// ("www.exemple.fr", "exemple.fr/contact") becomes `https://…`.
    public static func check(_ raw: String) -> Result<String, Refusal> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: isForbidden) { return .failure(badCharacter) }
        let address: String
        if let colon = schemeEnd(text) {
            let scheme = text[..<colon].lowercased()
            let rest = text[text.index(after: colon)...]
            guard scheme == "http" || scheme == "https", rest.hasPrefix("//") else { return .failure(badScheme) }
            address = scheme + ":" + rest
        } else {
            address = "https://" + text
        }
        guard address.count <= maxLength else { return .failure(tooLong) }
        let afterSlashes = address[address.index(address.firstIndex(of: ":")!, offsetBy: 3)...]
        let authority = afterSlashes.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard isHostAndPort(authority) else { return .failure(badHost) }
        return .success(address)
    }

    /// The `href` for a stored address, or nil when it is not a safe web address (a row
    /// saved before this check): the page then shows it as plain text.
    public static func link(_ stored: String?) -> String? {
        guard let stored, case .success(let address) = check(stored) else { return nil }
        return address
    }

    static let tooLong = Refusal(message: "L'adresse du site ne doit pas dépasser \(maxLength) caractères.")
    static let badCharacter = Refusal(message:
        "L'adresse du site ne doit contenir ni espace, ni retour à la ligne, ni caractère spécial (< > \" { } | \\ ^ `).")
    static let badScheme = Refusal(message:
        "Seules les adresses de site en http:// ou https:// sont acceptées (ex. https://www.exemple.fr).")
    static let badHost = Refusal(message:
        "Adresse de site invalide : indiquez le nom complet du site, par exemple https://www.exemple.fr.")

    /// Spaces, control and invisible formatting characters (a right-to-left override
    /// could disguise the address), and the characters RFC 3986 never allows.
    private static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse:
            return true
        default:
            return "<>\"{}|\\^`".unicodeScalars.contains(s)
        }
    }

    /// Index of the `:` ending a scheme ("javascript:", "HTTPS:"), if the text starts with one.
    private static func schemeEnd(_ text: String) -> String.Index? {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        for index in text.unicodeScalars.indices {
            let s = text.unicodeScalars[index]
            if s == ":" { return index }
            guard s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "+" || s == "-" || s == "." else { return nil }
        }
        return nil
    }

    /// "www.exemple.fr", "exemple.fr:8080", "élan-emploi.fr": at least two labels of
    /// letters, digits and inner hyphens; no user name ("https://banque.fr@autre.site"
    /// would open autre.site), no IPv6 brackets, an optional port.
    private static func isHostAndPort(_ authority: Substring) -> Bool {
        var host = authority
        if let colon = authority.lastIndex(of: ":") {
            let port = authority[authority.index(after: colon)...]
            guard (1...5).contains(port.count), port.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(port), number <= 65_535 else { return false }
            host = authority[..<colon]
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || ($0.isASCII && $0.isNumber) || $0 == "-" }
        }
    }
}
