import Foundation

/// Who may use the agenda. Everyone sees the public events; any signed-in person holding a role
/// sees the members' events too; board members and national admins see the board's. National
/// admins write every event, a regional delegate their delegation's events; member managers
/// register people to the events that ask for it (`AgendaAccess`).
extension Rule {
    /// Writing events (creating, editing, cancelling) and reading their registrants: national
    /// admins for every event, a delegate for their delegation's (403 on another's).
    static let manageEvents = Rule("manageEvents", who: .roles([.nationalAdmin, .regionalDelegate]))

    /// Registering people to an event, for a structure one manages, and cancelling them.
    static let registerToEvents = Rule("registerToEvents", who: .roles([.memberManager]))
}
