/// A Business Identifier Code (ISO 9362): AAAA BB CC (DDD) — bank, country, location, branch.
public struct BIC: Hashable, Sendable, Codable, CustomStringConvertible {
    /// "BNPAFRPPXXX" or "BNPAFRPP": no spaces, upper case.
    public let code: String

    /// Spaces removed, upper-cased; nil unless 8 or 11 characters: 4 letters (bank), 2 letters
    /// (country), 2 letters or digits (location), optionally 3 letters or digits (branch). The
    /// location follows the SEPA schemas' pattern `[A-Z2-9][A-NP-Z0-9]`: a first character 0 or
    /// 1 and a second character O mark test or passive codes that a pain.008 file cannot carry.
    public init?(_ text: String) {
        let compact = String(text.filter { !$0.isWhitespace }).uppercased()
        let chars = Array(compact)
        let isAlphanumeric: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard chars.count == 8 || chars.count == 11,
              chars[0..<6].allSatisfy({ $0.isASCII && $0.isLetter }),
              chars[6...].allSatisfy(isAlphanumeric),
              chars[6] != "0", chars[6] != "1", chars[7] != "O"
        else { return nil }
        code = compact
    }

    /// "FR": the country of the bank.
    public var countryCode: String { String(code.dropFirst(4).prefix(2)) }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bic = BIC(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a valid BIC"))
        }
        self = bic
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}
