/// What a grid does for a member with no base for a type (issue #11 item 3).
public enum NoBaseRule: String, Sendable, Codable, CaseIterable {
    case lastYearBase = "last_year"
    case fixedOnly = "fixed_only"

    /// The French wording of the grid form and the lists.
    public var label: String {
        switch self {
        case .lastYearBase: "Assiette de l'année précédente"
        case .fixedOnly: "Part fixe seule"
        }
    }
}

/// The figure a grid's rates apply to: turnover or gross payroll of the reference year.
public enum DuesBaseKind: String, Sendable, Codable, CaseIterable {
    case turnover, payroll

    /// The French name shown with each base.
    public var label: String {
        switch self {
        case .turnover: "Chiffre d'affaires"
        case .payroll: "Masse salariale brute"
        }
    }

    /// The Observatory indicator the base is prefilled from (SPEC §8 indicator codes).
    public var indicator: String {
        switch self {
        case .turnover: "turnover_eur"
        case .payroll: "salaries_total_eur"
        }
    }
}

/// The rate and the cap (in SMIC hours) a grid sets for one structure type.
public struct DuesTypeTerms: Sendable, Codable, Equatable {
    public var rate: DuesRate
    /// Number of SMIC hours of the cap of the variable part (400 by default, SPEC §3).
    public var capHours: Int

    public init(rate: DuesRate, capHours: Int = 400) {
        self.rate = rate
        self.capHours = capHours
    }
}

/// The terms of one version of a year's grid, as the computation needs them (no database ids).
public struct DuesGridTerms: Sendable, Codable, Equatable {
    public var year: Int
    public var version: Int
    /// One fixed part per member, whatever its types.
    public var fixed: Money
    /// The types the grid rates; a type absent here pays no variable part.
    public var terms: [StructureType: DuesTypeTerms]
    /// The SMIC hourly rate of 1 January of the year (11,88 € in 2025).
    public var smicHourly: Money
    public var floor: Money?
    public var split: DuesSplitRule

    public init(year: Int, version: Int = 1, fixed: Money, terms: [StructureType: DuesTypeTerms],
                smicHourly: Money, floor: Money? = nil, split: DuesSplitRule = .standard) {
        self.year = year
        self.version = version
        self.fixed = fixed
        self.terms = terms
        self.smicHourly = smicHourly
        self.floor = floor
        self.split = split
    }

    /// The cap of a member holding `types`: the largest number of SMIC hours among its types that
    /// the grid rates, × the SMIC hourly rate (400 × 11,88 € = 4 752,00 €). No rated type: 0 h, 0 €.
    public func cap(for types: [StructureType]) throws(MoneyError) -> (hours: Int, amount: Money) {
        let hours = types.compactMap { terms[$0]?.capHours }.max() ?? 0
        return (hours, try smicHourly.multiplied(by: Int64(hours)))
    }
}
