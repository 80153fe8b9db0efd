import Foundation

/// Who may see and download a prepared export.
extension Rule {
    /// Anyone signed in reaches the list of the exports they asked for and each of them. An
    /// export is its requester's alone: anyone else, whatever their roles, is told it does not
    /// exist (404, `ExportRights.isRequester`), and the file is only handed over while the
    /// right that produced it still holds (`ExportRights.stillAllowed`).
    static let ownExports = Rule("ownExports", who: .signedIn)
}

/// What a person was allowed to export when they asked: everything, or the structures of some
/// delegations (and, for the register, the structures they manage), as the direct exports cut it.
struct ExportScope: Codable, Sendable, Equatable {
    var all: Bool
    var delegationIDs: [UUID]
    var structureIDs: [UUID]

    /// The register export's scope: the directory's (`DirectoryScope.of`).
    static func register(of user: CurrentUser, map: NetworkMap) -> ExportScope {
        let scope = DirectoryScope.of(user, map: map)
        return scope.all ? ExportScope(all: true, delegationIDs: [], structureIDs: [])
            : ExportScope(all: false, delegationIDs: user.delegatedDelegationIDs.sorted { $0.uuidString < $1.uuidString },
                          structureIDs: Array(user.managedStructureIDs).sorted { $0.uuidString < $1.uuidString })
    }

    /// The answers export's scope: every answer for a national admin, the delegation's for a delegate.
    static func answers(of user: CurrentUser) -> ExportScope {
        user.isNationalAdmin ? ExportScope(all: true, delegationIDs: [], structureIDs: [])
            : ExportScope(all: false, delegationIDs: user.delegatedDelegationIDs.sorted { $0.uuidString < $1.uuidString }, structureIDs: [])
    }

    /// Whether this scope includes everything `other` includes.
    func covers(_ other: ExportScope) -> Bool {
        if all { return true }
        if other.all { return false }
        return Set(other.delegationIDs).isSubset(of: delegationIDs) && Set(other.structureIDs).isSubset(of: structureIDs)
    }

    /// The register's rows this scope reaches (the delegations' departments on today's map).
    func directoryScope(map: NetworkMap) -> DirectoryScope {
        DirectoryScope(all: all, departments: delegationIDs.compactMap { map.delegation(id: $0) }.flatMap(\.departments),
                       structureIDs: structureIDs)
    }

    /// Whether an answer of a structure in `department` is in this scope.
    func includes(department: String, map: NetworkMap) -> Bool {
        all || map.delegation(ofDepartment: department).map { delegationIDs.contains($0.delegationID) } == true
    }
}

enum ExportRights {
    /// An export is shown to the person who asked for it, and to nobody else.
    static func isRequester(_ user: CurrentUser, of export: ExportRecord) -> Bool {
        export.requestedBy == user.id
    }

    /// The file is prepared, and later handed over, only while the person still supervises
    /// (the rule of the direct exports, `supervise`) with a scope that covers the one they asked
    /// with: a delegate moved to another delegation, or whose role was removed, gets nothing.
    static func stillAllowed(_ user: CurrentUser, _ payload: ExportPayload, map: NetworkMap) -> Bool {
        guard Policy.decide(.supervise, for: user) == .allowed else { return false }
        let now: ExportScope = switch payload.subject {
        case .register: .register(of: user, map: map)
        case .answers: .answers(of: user)
        }
        return now.covers(payload.scope)
    }

    static let refusal = "Vos droits ont changé depuis la demande : ce fichier ne vous est plus accessible."
}
