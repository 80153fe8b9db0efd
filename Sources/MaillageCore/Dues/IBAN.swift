/// An International Bank Account Number checked by its length for SEPA countries and its
/// mod-97 key (ISO 13616): the debtor account of a SEPA mandate, the federation's account.
public struct IBAN: Hashable, Sendable, Codable, CustomStringConvertible {
    /// "FR7630006000011234567890189": no spaces, upper case, as in pain.008 files.
    public let electronic: String

    /// Lengths of the SEPA scheme's countries (EPC409-09 register of countries, 2025).
    static let sepaLengths: [String: Int] = [
        "AD": 24, "AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
        "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21,
        "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
        "MD": 24, "ME": 22, "MK": 19, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
        "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    ]

    /// Accepts the printed or electronic form ("FR76 3000 6000 0112 3456 7890 189"): spaces
    /// removed, upper-cased. Nil unless the country is in SEPA, the length is that country's
    /// and the mod-97 key holds.
    public init?(_ text: String) {
        let compact = String(text.filter { !$0.isWhitespace }).uppercased()
        let chars = Array(compact)
        guard chars.count >= 5, chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[0].isLetter, chars[1].isLetter, chars[2].isNumber, chars[3].isNumber,
              Self.sepaLengths[String(chars[0...1])] == chars.count,
              Mod97.remainder(of: chars[4...] + chars[0..<4]) == 1
        else { return nil }
        electronic = compact
    }

    /// "FR", the country of the account.
    public var countryCode: String { String(electronic.prefix(2)) }

    /// "FR76 3000 6000 0112 3456 7890 189": groups of 4, as printed on a call for dues.
    public var printed: String {
        var groups: [String] = []
        var rest = Substring(electronic)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    public var description: String { printed }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let iban = IBAN(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a valid IBAN"))
        }
        self = iban
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(electronic)
    }
}

/// The ISO 7064 mod-97-10 check shared by IBANs and SEPA creditor identifiers.
enum Mod97 {
    /// Digits count as themselves, upper-case letters as 10 (A) … 35 (Z); computed digit by
    /// digit so any length fits. Nil for any other character.
    static func remainder(of chars: some Sequence<Character>) -> Int? {
        var remainder = 0
        for c in chars {
            guard let ascii = c.asciiValue else { return nil }
            switch ascii {
            case 48...57: remainder = (remainder * 10 + Int(ascii) - 48) % 97
            case 65...90: remainder = (remainder * 100 + Int(ascii) - 55) % 97
            default: return nil
            }
        }
        return remainder
    }
}
