/// A SEPA creditor identifier (ICS, « identifiant créancier SEPA »): the federation's id in
/// pain.008 files, e.g. "FR72ZZZ123456" — country, 2 check digits, 3-character business code,
/// national id (6 characters in France).
public struct CreditorIdentifier: Hashable, Sendable, Codable, CustomStringConvertible {
    /// "FR72ZZZ123456": no spaces, upper case.
    public let value: String

    /// Spaces removed, upper-cased. Valid when mod 97 of national id + country + check digits
    /// (letters as 10…35) is 1 — the business code is not part of the check (EPC262-08 §1.2).
    /// France: exactly 13 characters; elsewhere 8 to 35.
    public init?(_ text: String) {
        let compact = String(text.filter { !$0.isWhitespace }).uppercased()
        let chars = Array(compact)
        guard (8...35).contains(chars.count),
              chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[0].isLetter, chars[1].isLetter, chars[2].isNumber, chars[3].isNumber,
              compact.hasPrefix("FR") ? chars.count == 13 : true,
              Mod97.remainder(of: chars[7...] + chars[0..<4]) == 1
        else { return nil }
        value = compact
    }

    /// "FR".
    public var countryCode: String { String(value.prefix(2)) }

    /// "ZZZ": chosen by the creditor, not checked.
    public var businessCode: String { String(value.dropFirst(4).prefix(3)) }

    /// "123456": the national id (in France, given by the Banque de France through the bank).
    public var nationalID: String { String(value.dropFirst(7)) }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CreditorIdentifier(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a valid SEPA creditor identifier"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
