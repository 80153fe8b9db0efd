import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// The agenda records the route × role and record matrices put in their paths: a members' event of
/// the PDL delegation in 20 days that takes registrations, a registration per structure.
enum AgendaMatrixFixtures {
    static func event(on db: any Database) async throws -> AgendaEvent {
        if let e = try await AgendaEvent.query(on: db).first() { return e }
        // The delegation of the current map (a code has one row per map).
        let pdl = try await NetworkMap.load(on: db, year: NetworkMap.currentYear()).delegation(code: "PDL")!.delegationID
        return try await AgendaFactory.makeEvent(on: db, delegationID: pdl, audience: .members, day: Day.today().adding(days: 20),
                                                 registrationOpen: true, capacity: 50)
    }

    static func registration(for structure: Structure, on db: any Database) async throws -> AgendaRegistration {
        let e = try await event(on: db)
        if let r = try await AgendaRegistration.query(on: db).filter(\.$event.$id == e.requireID())
            .filter(\.$structure.$id == structure.requireID()).first() { return r }
        return try await AgendaFactory.makeRegistration(on: db, event: e, structure: structure)
    }

    /// Replaces the parameters of an `/agenda` pattern (registration-scoped ones on `structure`).
    static func fill(_ path: String, structure: Structure, on db: any Database) async throws -> String {
        guard path.hasPrefix("/agenda") else { return path }
        var p = path
        if p.contains(":eventRegistrationID") {
            p = p.replacingOccurrences(of: ":eventRegistrationID", with: try await registration(for: structure, on: db).requireID().uuidString)
        }
        if p.contains(":eventID") { p = p.replacingOccurrences(of: ":eventID", with: try await event(on: db).requireID().uuidString) }
        p = p.replacingOccurrences(of: "delegations/:feed", with: "delegations/pdl.ics")
            .replacingOccurrences(of: "types/:feed", with: "types/webinaire.ics")
            .replacingOccurrences(of: "personnel/:feed", with: "personnel/jeton-inconnu.ics")
        return p
    }
}
