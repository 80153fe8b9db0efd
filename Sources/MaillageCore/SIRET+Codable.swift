extension SIRET {
    /// Encoded as its 14 digits, the form outside tools exchange.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let siret = SIRET(raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: SIRET.problem(raw) ?? "SIRET invalide")
        }
        self = siret
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
