import Fluent
import Foundation

/// Names of the records that journal entries refer to by id (a membership's structure, a
/// role's user and delegation), so the journal shows « Relais Emploi Nantes » rather than a
/// UUID. Loaded for one page of entries at a time: three queries whatever the page holds.
struct AuditNames: Sendable {
    var structures: [UUID: String] = [:]
    var users: [UUID: String] = [:]
    var delegations: [UUID: String] = [:]

    /// Snapshot fields that hold the id of a structure, a user or a delegation.
    static let structureFields: Set<String> = ["structure", "ges_parent"]
    static let userFields: Set<String> = ["utilisateur", "juriste"]
    static let delegationFields: Set<String> = ["delegation"]

    static func load(for entries: [AuditEntry], on db: any Database) async throws -> AuditNames {
        var structureIDs = Set<UUID>(), userIDs = Set<UUID>(), delegationIDs = Set<UUID>()
        for entry in entries {
            for snapshot in [Audit.decode(entry.before), Audit.decode(entry.after)] {
                for (key, value) in snapshot {
                    guard let id = UUID(uuidString: value) else { continue }
                    if structureFields.contains(key) { structureIDs.insert(id) }
                    if userFields.contains(key) { userIDs.insert(id) }
                    if delegationFields.contains(key) { delegationIDs.insert(id) }
                }
            }
        }
        var names = AuditNames()
        if !structureIDs.isEmpty {
            for s in try await Structure.query(on: db).filter(\.$id ~~ Array(structureIDs)).all() { names.structures[s.id!] = s.name }
        }
        if !userIDs.isEmpty {
            for u in try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all() { names.users[u.id!] = "\(u.displayName) <\(u.email)>" }
        }
        if !delegationIDs.isEmpty {
            for d in try await Delegation.query(on: db).filter(\.$id ~~ Array(delegationIDs)).all() { names.delegations[d.id!] = d.name }
        }
        return names
    }
}
