import Foundation

/// The network-wide rules. Each capability adds its own in `<Capability>+Permissions.swift`.
extension Rule {
    /// Anyone, signed in or not: sign-in, password links, the public directory, the health
    /// check and the API's description.
    static let everyone = Rule("everyone", who: .everyone)

    /// Any signed-in person, whatever their roles: home, their own account, sign-out.
    static let signedIn = Rule("signedIn", who: .signedIn)

    /// Anyone who holds a role in the network reads the register's lists and the
    /// Observatory's figures (always under statistical secrecy). What each list shows is
    /// then cut to the person's perimeter by its query.
    static let holdsRole = Rule("holdsRole", who: .anyRole)

    /// Admins everywhere, regional delegates on the structures of their delegation: they keep
    /// the register (structures, memberships, exports) and follow the survey (progress,
    /// reminders, validation, answers exports).
    static let supervise = Rule("supervise", who: .roles([.nationalAdmin, .regionalDelegate])) { user, relation in
        user.isNationalAdmin || relation.contains(.delegation)
    }

    /// The national office only: users and roles, journal, outbox, imports, campaigns and
    /// their publication, reopening a validated answer.
    static let administer = Rule("administer", who: .roles([.nationalAdmin]))
}
