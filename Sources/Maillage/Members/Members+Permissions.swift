import Foundation

/// Who sees what in the register. Keeping it (create, edit, memberships) is `supervise`.
extension Rule {
    /// A structure's register page: admins, jurists, trainers and board members see every
    /// structure (their work spans the network); a regional delegate sees the structures of
    /// their delegation; a member manager their own structures and their GES's entities.
    /// Anyone else is told the structure does not exist (404), not that it is hidden.
    static let seeStructure = Rule("seeStructure", who: .anyRole) { user, relation in
        !relation.isEmpty || user.grants.contains { networkWideReaders.contains($0.role) }
    }

    private static let networkWideReaders: Set<Role> = [.nationalAdmin, .jurist, .trainer, .trainingAdmin, .boardMember]
}
