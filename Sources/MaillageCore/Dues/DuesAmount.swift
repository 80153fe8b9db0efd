/// The variable part for one type a member holds: rate × base, rounded to the cent.
public struct DuesLine: Sendable, Codable, Equatable {
    public var type: StructureType
    public var rate: DuesRate
    public var base: Money
    public var amount: Money

    public init(type: StructureType, rate: DuesRate, base: Money, amount: Money) {
        self.type = type
        self.rate = rate
        self.base = base
        self.amount = amount
    }
}

/// A member's dues for a year, with every step and its French explanation. Frozen as JSON in
/// the call when issued, so a call always shows the computation it was issued with.
public struct DuesAmount: Sendable, Codable, Equatable {
    public var fixed: Money
    /// One per held type that the grid rates AND that has a base, in the types' report order.
    public var lines: [DuesLine]
    public var variableBeforeCap: Money
    public var capHours: Int
    public var cap: Money
    public var floor: Money?
    /// The variable part after the cap, then the floor.
    public var variable: Money
    /// fixed + variable.
    public var total: Money
    public var capped: Bool
    public var floored: Bool
    /// Held, rated, no base given.
    public var missingBases: [StructureType]
    /// The French lines: « Part fixe 800,00 € », « Part variable AI 0,6 % × … », …, « Total … ».
    public var explanation: [String]

    public var explanationText: String { explanation.joined(separator: " · ") }

    public init(fixed: Money, lines: [DuesLine], variableBeforeCap: Money, capHours: Int, cap: Money,
                floor: Money?, variable: Money, total: Money, capped: Bool, floored: Bool,
                missingBases: [StructureType], explanation: [String]) {
        self.fixed = fixed
        self.lines = lines
        self.variableBeforeCap = variableBeforeCap
        self.capHours = capHours
        self.cap = cap
        self.floor = floor
        self.variable = variable
        self.total = total
        self.capped = capped
        self.floored = floored
        self.missingBases = missingBases
        self.explanation = explanation
    }
}
