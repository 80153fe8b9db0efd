/// A French establishment identifier: 14 digits, the first 9 being the company's
/// SIREN, checked with the Luhn key (SPEC §2).
public struct SIRET: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Exactly 14 ASCII digits.
    public let digits: String

    /// Accepts the number as people paste it ("732 829 320 00074", with dots,
    /// dashes or non-breaking spaces) and returns nil unless it is a valid SIRET.
    public init?(_ raw: String) {
        let digits = Self.compact(raw)
        guard Self.hasFourteenDigits(digits), Self.hasValidKey(digits) else { return nil }
        self.digits = digits
    }

    /// Why `raw` is not a valid SIRET, in French, or nil when it is one.
    public static func problem(_ raw: String) -> String? {
        let digits = compact(raw)
        if digits.isEmpty { return "Le SIRET est obligatoire." }
        if !hasFourteenDigits(digits) { return "Le SIRET doit compter 14 chiffres." }
        if !hasValidKey(digits) { return "Le SIRET n'est pas valide (clé de contrôle incorrecte)." }
        return nil
    }

    /// The company identifier: the first 9 digits.
    public var siren: String { String(digits.prefix(9)) }

    /// "123 456 789 00012": SIREN in groups of three, then the NIC.
    public var formatted: String {
        let d = Array(digits)
        return "\(String(d[0..<3])) \(String(d[3..<6])) \(String(d[6..<9])) \(String(d[9..<14]))"
    }

    public var description: String { digits }

    /// Removes the separators people type or paste, including U+00A0 and U+202F
    /// that French spreadsheets put between digit groups.
    static func compact(_ raw: String) -> String {
        let separators: Set<Character> = [" ", "\t", "\u{00A0}", "\u{202F}", ".", "-"]
        return String(raw.filter { !separators.contains($0) })
    }

    static func hasFourteenDigits(_ s: String) -> Bool {
        s.utf8.count == 14 && s.utf8.allSatisfy { (48...57).contains($0) }
    }
}
