/// One member structure as read from, or written to, a member file.
public struct MemberRow: Sendable, Equatable {
    /// Physical line of the file (see `CSVRecord.line`).
    public let line: Int
    public var siret: SIRET
    public var name: String
    /// Sorted, without duplicates.
    public var types: [StructureType]
    public var address: String?
    public var postalCode: String?
    public var commune: String
    /// INSEE department code, normalized ("01", "2A").
    public var department: String
    public var website: String?
    public var status: MembershipStatus
    /// ISO day "yyyy-mm-dd".
    public var joinedOn: String?
    /// The SIRET of the GES this structure belongs to, if any.
    public var gesParentSiret: SIRET?

    public init(line: Int, siret: SIRET, name: String, types: [StructureType],
                address: String? = nil, postalCode: String? = nil, commune: String,
                department: String, website: String? = nil, status: MembershipStatus = .active,
                joinedOn: String? = nil, gesParentSiret: SIRET? = nil) {
        self.line = line
        self.siret = siret
        self.name = name
        self.types = types
        self.address = address
        self.postalCode = postalCode
        self.commune = commune
        self.department = department
        self.website = website
        self.status = status
        self.joinedOn = joinedOn
        self.gesParentSiret = gesParentSiret
    }
}

/// Every problem of one line, reported together so the user fixes a row in one go.
public struct LineError: Sendable, Equatable {
    public let line: Int
    public let messages: [String]

    public init(line: Int, messages: [String]) {
        self.line = line
        self.messages = messages
    }
}

/// The outcome of reading a member file: the valid rows, the rejected lines,
/// and problems with the file as a whole (then there are no rows at all).
public struct MemberFileParse: Sendable {
    public let rows: [MemberRow]
    public let errors: [LineError]
    public let fileErrors: [String]

    public init(rows: [MemberRow], errors: [LineError], fileErrors: [String]) {
        self.rows = rows
        self.errors = errors
        self.fileErrors = fileErrors
    }
}
