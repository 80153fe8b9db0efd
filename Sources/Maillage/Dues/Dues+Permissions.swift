import Foundation

/// Who may see and follow dues. Making grids, generating calls, credit notes, payments, mandates,
/// direct debits, statements and the accountant's exports are `administer`; the dashboards, the
/// bases list and reminders are `supervise` (a delegate for their delegation's members).
extension Rule {
    /// The dues pages and lists: the national admins (everything), the regional delegates (their
    /// delegation's members) and the member managers (their own structures' calls, bases and
    /// mandate). Each list is cut to the person's perimeter by `DuesScope`.
    static let followDues = Rule("followDues", who: .roles([.nationalAdmin, .regionalDelegate, .memberManager]))

    /// One member's dues — a call, its print and PDF, its bases, its mandate: the national admins,
    /// the delegate of the member's delegation and the member's own managers; the handler loads the
    /// structure and calls `req.authorize(structure)` (out of sight: 404).
    static let seeDues = Rule("seeDues", who: .roles([.nationalAdmin, .regionalDelegate, .memberManager])) { user, relation in
        user.isNationalAdmin || !relation.isEmpty
    }
}

/// The members whose dues a person sees in lists, dashboards, exports and the API: everything for
/// a national admin, the structures in their delegations' departments for a delegate, the
/// structures they manage for a member manager (a person may be several at once).
struct DuesScope: Sendable, Equatable {
    var all: Bool
    var delegationIDs: [UUID]
    var departments: Set<String>
    var structureIDs: Set<UUID>

    static func of(_ user: CurrentUser, map: NetworkMap) -> DuesScope {
        if user.isNationalAdmin { return DuesScope(all: true, delegationIDs: [], departments: [], structureIDs: []) }
        let delegations = user.delegatedDelegationIDs
        let departments = Set(delegations.compactMap { map.delegation(id: $0) }.flatMap(\.departments))
        return DuesScope(all: false, delegationIDs: delegations, departments: departments,
                         structureIDs: user.managedStructureIDs)
    }

    /// Whether nothing at all is in sight (a jurist, a trainer, a board member).
    var isEmpty: Bool { !all && departments.isEmpty && structureIDs.isEmpty }

    /// Whether a structure (by id and its current department) is in sight.
    func includes(structureID: UUID, department: String) -> Bool {
        all || structureIDs.contains(structureID) || departments.contains(department)
    }

    /// A delegate-or-admin view (a dashboard, the bases list), not only a member's own records.
    var supervises: Bool { all || !delegationIDs.isEmpty }
}
