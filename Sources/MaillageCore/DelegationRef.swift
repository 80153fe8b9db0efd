/// One regional delegation as drawn on one map (SPEC §2). A delegation that
/// exists on two maps has one entry per map, so past statistics stay reproducible.
public struct DelegationRef: Sendable, Hashable {
    public let code: String
    public let name: String
    /// First year of the map this entry belongs to.
    public let validFrom: Int
    /// Last year of that map; nil while the map is in force.
    public let validTo: Int?
    /// INSEE department codes.
    public let departments: [String]
    public let commissions: [CommissionRef]

    public init(code: String, name: String, validFrom: Int, validTo: Int?,
                departments: [String], commissions: [CommissionRef] = []) {
        self.code = code
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.departments = departments
        self.commissions = commissions
    }

    /// Whether this entry is on the map in force during `year`.
    public func isValid(in year: Int) -> Bool {
        validFrom <= year && (validTo.map { year <= $0 } ?? true)
    }
}

/// A departmental commission: departments of one delegation that elect board
/// members together (e.g. Pays de la Loire: 44, 49, 53 & 72, then 85).
public struct CommissionRef: Sendable, Hashable {
    public let name: String
    public let departments: [String]

    public init(name: String, departments: [String]) {
        self.name = name
        self.departments = departments
    }
}
