/// Who receives a share of every euro of dues collected (SPEC §3).
public enum DuesParty: String, Sendable, Codable, CaseIterable {
    case delegation, national, fund

    /// The French name shown in the split tables.
    public var label: String {
        switch self {
        case .delegation: "Délégation régionale"
        case .national: "Offre de service nationale"
        case .fund: "Fonds mutualisé"
        }
    }
}

/// How a grid splits what is collected. Shares in basis points (40 % = 4000); they add up to 10 000.
public struct DuesSplitRule: Sendable, Codable, Equatable {
    public var delegation: Int
    public var national: Int
    public var fund: Int
    /// The party that receives the remainder cent(s), so the parts add up exactly.
    public var roundingParty: DuesParty

    /// 40 % delegation, 50 % national offer, 10 % mutualised fund; the national offer takes the rounding.
    public static let standard = DuesSplitRule(delegation: 4000, national: 5000, fund: 1000, roundingParty: .national)

    static let whole = 10_000

    public init(delegation: Int, national: Int, fund: Int, roundingParty: DuesParty) {
        self.delegation = delegation
        self.national = national
        self.fund = fund
        self.roundingParty = roundingParty
    }

    /// Every share within 0...10 000 and the three adding up to 10 000.
    public var isValid: Bool {
        let shares = [delegation, national, fund]
        return shares.allSatisfy { (0...Self.whole).contains($0) } && shares.reduce(0, +) == Self.whole
    }

    /// The share of `party`, in basis points.
    public func share(of party: DuesParty) -> Int {
        switch party {
        case .delegation: delegation
        case .national: national
        case .fund: fund
        }
    }

    /// The two other parties get amount × share rounded half away from zero; the rounding
    /// party gets the rest, so the three parts always add up to `amount` (negative amounts too).
    /// An invalid rule (see `isValid`) gives everything to the rounding party: money is never
    /// lost or created, and the grid form refuses such a rule anyway.
    public func split(_ amount: Money) -> DuesSplit {
        var parts = DuesSplit(delegation: .zero, national: .zero, fund: .zero)
        guard isValid else {
            parts[roundingParty] = amount
            return parts
        }
        var rest = amount
        for party in DuesParty.allCases where party != roundingParty {
            let part = Self.portion(of: amount, share: Int64(share(of: party)))
            parts[party] = part
            // Cannot overflow for a valid rule (the parts are at most |amount| + 1 cent in all),
            // but stay total rather than trap.
            let (next, overflow) = rest.cents.subtractingReportingOverflow(part.cents)
            guard !overflow else {
                return DuesSplit(delegation: .zero, national: .zero, fund: .zero).with(roundingParty, amount)
            }
            rest = Money(cents: next)
        }
        parts[roundingParty] = rest
        return parts
    }

    /// amount × share / 10 000 rounded half away from zero, without overflow: with
    /// amount = q × 10 000 + r, it is q × share + round(r × share / 10 000) (q and r share a sign).
    static func portion(of amount: Money, share: Int64) -> Money {
        let q = amount.cents / Int64(whole)
        let r = amount.cents % Int64(whole)
        return Money(cents: q * share + Money.roundHalfUp(numerator: r * share, denominator: Int64(whole)))
    }
}

/// An amount split between the three parties; the parts add up to the amount split.
public struct DuesSplit: Sendable, Equatable, Codable {
    public var delegation: Money
    public var national: Money
    public var fund: Money

    public init(delegation: Money, national: Money, fund: Money) {
        self.delegation = delegation
        self.national = national
        self.fund = fund
    }

    public internal(set) subscript(_ p: DuesParty) -> Money {
        get {
            switch p {
            case .delegation: delegation
            case .national: national
            case .fund: fund
            }
        }
        set {
            switch p {
            case .delegation: delegation = newValue
            case .national: national = newValue
            case .fund: fund = newValue
            }
        }
    }

    func with(_ p: DuesParty, _ amount: Money) -> DuesSplit {
        var copy = self
        copy[p] = amount
        return copy
    }
}
