/// One published figure, in the exact shape of the JSON figures export (SPEC §8).
public struct Figure: Sendable, Equatable, Codable {
    public let indicator: String
    public let statistic: String
    public let type: String
    public let delegation: String
    /// Structures (or answers, for one type) counted.
    public let n: Int
    /// Decimal as text, rounded once; nil under statistical secrecy.
    public let value: String?

    public init(indicator: String, statistic: String, type: String, delegation: String, n: Int, value: String?) {
        self.indicator = indicator
        self.statistic = statistic
        self.type = type
        self.delegation = delegation
        self.n = n
        self.value = value
    }
}

extension Figure {
    /// The `type` or `delegation` of a figure over every type or every delegation (SPEC §8).
    public static let all = "ALL"
}

/// One answer to the survey: a structure, for one type it holds.
public struct SurveyUnit: Sendable {
    public let structure: String
    public let type: String
    /// Delegation code under the map in force for the campaign's year; nil outside every delegation.
    public let delegation: String?
    public let values: [String: Exact]

    public init(structure: String, type: String, delegation: String?, values: [String: Exact]) {
        self.structure = structure
        self.type = type
        self.delegation = delegation
        self.values = values
    }
}

/// A member active at the campaign's opening: the base of response rates.
public struct SurveyMember: Sendable {
    public let structure: String
    public let types: [String]
    public let delegation: String?

    public init(structure: String, types: [String], delegation: String?) {
        self.structure = structure
        self.types = types
        self.delegation = delegation
    }
}

public struct StatisticsSettings: Sendable {
    /// Statistical secrecy: no figure from fewer than k structures.
    public let k: Int
    /// Yearly cost to the community of one unemployed full-time person (18,300.00 EUR in 2011).
    public let unemployedETPCost: Exact

    public init(k: Int = 5, unemployedETPCost: Exact) {
        self.k = k
        self.unemployedETPCost = unemployedETPCost
    }
}
