import Foundation

/// The questions a person sees in lists, statistics, exports and the API: every question for a
/// jurist, the questions of the structures in their delegations' departments for a delegate, the
/// questions of the structures they manage for a member manager (a person may be several at once).
///
/// Subject and texts are not metadata: a delegate reads them only when the member shared the
/// question with the delegation; a jurist and the structure's own managers always do.
struct LegalScope: Sendable, Equatable {
    var all: Bool
    var departments: Set<String>
    var structureIDs: Set<UUID>

    /// The questions list and the API (`followLegal`).
    static func of(_ user: CurrentUser, map: NetworkMap) -> LegalScope {
        if user.has(.jurist) { return LegalScope(all: true, departments: [], structureIDs: []) }
        let departments = Set(user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }.flatMap(\.departments))
        return LegalScope(all: false, departments: departments, structureIDs: user.managedStructureIDs)
    }

    /// The statistics (`legalFigures`): national for admins and jurists, a delegate's members otherwise.
    static func figures(_ user: CurrentUser, map: NetworkMap) -> LegalScope {
        if user.isNationalAdmin || user.has(.jurist) { return LegalScope(all: true, departments: [], structureIDs: []) }
        let departments = Set(user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }.flatMap(\.departments))
        return LegalScope(all: false, departments: departments, structureIDs: [])
    }

    var isEmpty: Bool { !all && departments.isEmpty && structureIDs.isEmpty }

    /// Whether a question of this structure (by id and current department) is in sight.
    func includes(structureID: UUID, department: String) -> Bool {
        all || structureIDs.contains(structureID) || departments.contains(department)
    }

    /// Whether the subject and texts of a question in sight may be read: jurists and the
    /// structure's managers always, a delegate only when the member shared it.
    func readsTexts(structureID: UUID, shared: Bool) -> Bool {
        all || structureIDs.contains(structureID) || shared
    }

    /// Whether the person reads this question as its member (« En attente de votre réponse »).
    func isOwn(structureID: UUID) -> Bool { !all && structureIDs.contains(structureID) }
}
