import Fluent
import Foundation
import Vapor

/// What a person may see and write of the agenda, decided once here for every page, file and feed.
enum AgendaAccess {
    /// The audiences a person sees: public for everybody; members for any signed-in person holding
    /// a role; board for board members and national admins.
    static func audiences(of user: CurrentUser?) -> Set<EventAudience> {
        guard let user, !user.grants.isEmpty else { return [.public] }
        var set: Set<EventAudience> = [.public, .members]
        if user.isNationalAdmin || user.has(.boardMember) { set.insert(.board) }
        return set
    }

    /// The event of the route's `eventID` when the person may see it. A visitor on an event for
    /// members or the board is sent to sign in; a signed-in person who may not see it gets 404.
    static func visibleEvent(_ req: Request) async throws -> AgendaEvent {
        guard let id = req.parameters.get("eventID", as: UUID.self),
              let event = try await AgendaEvent.find(id, on: req.db) else { throw Abort(.notFound) }
        if audiences(of: req.currentUser).contains(event.audienceValue) { return event }
        if req.currentUser == nil { throw Abort.redirect(to: SiteURL.login.path(query: ["retour": req.url.string])) }
        throw Abort(.notFound)
    }

    /// Whether the person writes events of `delegationID` (nil: national events): national admins
    /// every one, a delegate their delegation's.
    static func writes(delegationID: UUID?, _ user: CurrentUser?) -> Bool {
        guard let user else { return false }
        if user.isNationalAdmin { return true }
        guard let delegationID else { return false }
        return user.delegatedDelegationIDs.contains(delegationID)
    }

    /// The event of the route's `eventID` for those who write it: 404 when out of sight, 403 for a
    /// delegate on a national event or another delegation's.
    static func writableEvent(_ req: Request) async throws -> AgendaEvent {
        let event = try await visibleEvent(req)
        guard writes(delegationID: event.$delegation.id, req.currentUser) else { throw Abort(.forbidden) }
        return event
    }
}
