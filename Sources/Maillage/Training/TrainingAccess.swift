import Fluent
import Foundation
import Vapor

/// What a person may see and do of the training body's records, decided once here for every
/// page, file and step. Unknown ids and records out of sight answer 404 alike; records in sight
/// but not theirs to change answer 403.
enum TrainingAccess {
    /// Manages the catalogue and every session: a national admin or a training admin.
    static func isTrainingAdmin(_ user: CurrentUser?) -> Bool {
        guard let user else { return false }
        return user.isNationalAdmin || user.has(.trainingAdmin)
    }

    /// The accounts that are trainers of the session.
    static func trainerIDs(of sessionID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await TrainingSessionTrainer.query(on: db).filter(\.$session.$id == sessionID).all(\.$userID))
    }

    /// The workflow's parties of `user` for one session.
    static func parties(of user: CurrentUser?, trainerIDs: Set<UUID>) -> Set<Party> {
        guard let user else { return [] }
        var parties: Set<Party> = []
        if isTrainingAdmin(user) { parties.insert(.trainingAdmin) }
        if user.has(.trainer), trainerIDs.contains(user.id) { parties.insert(.trainer) }
        return parties
    }

    /// Whether the person sees a course (or a pack) of this visibility: public ones everybody,
    /// members-only ones any signed-in person holding a role.
    static func sees(_ visibility: CourseVisibility, _ user: CurrentUser?) -> Bool {
        visibility == .public || !(user?.grants.isEmpty ?? true)
    }

    /// A course or pack of this visibility in the person's sight, or why not: a members-only one
    /// sends a visitor to sign in (then back here), and is out of sight (404) for a signed-in person
    /// holding no role.
    static func requireVisible(_ visibility: CourseVisibility, _ req: Request) throws {
        if visibility == .members, req.currentUser == nil {
            throw Abort.redirect(to: SiteURL.login.path(query: ["retour": req.url.string]))
        }
        guard sees(visibility, req.currentUser) else { throw Abort(.notFound) }
    }

    /// The session of the route's `sessionID` as a page shows it: an inter session of a course the
    /// person sees, or an intra session seen by its structure's managers, its trainers and training
    /// admins. Otherwise 404 (a members-only course's session sends a visitor to sign in first).
    static func visibleSession(_ req: Request) async throws -> (TrainingSession, TrainingCourse) {
        guard let id = req.parameters.get("sessionID", as: UUID.self),
              let session = try await TrainingSession.find(id, on: req.db),
              let course = try await TrainingCourse.find(session.$course.id, on: req.db) else { throw Abort(.notFound) }
        let user = req.currentUser
        if isTrainingAdmin(user) { return (session, course) }
        if let user, user.has(.trainer), try await trainerIDs(of: id, on: req.db).contains(user.id) { return (session, course) }
        switch session.kindValue {
        case .inter:
            try requireVisible(course.visibilityValue, req)
            return (session, course)
        case .intra:
            guard let user, let sid = session.$structure.id, user.managedStructureIDs.contains(sid) else {
                if user == nil { throw Abort.redirect(to: SiteURL.login.path(query: ["retour": req.url.string])) }
                throw Abort(.notFound)
            }
            return (session, course)
        }
    }

    /// The session of the route's `sessionID` for those who run it: a trainer of it or a training
    /// admin. 404 for an unknown id, 403 for a trainer who is not one of its trainers.
    static func runnableSession(_ req: Request) async throws -> (TrainingSession, Set<Party>) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("sessionID", as: UUID.self),
              let session = try await TrainingSession.find(id, on: req.db) else { throw Abort(.notFound) }
        let parties = parties(of: user, trainerIDs: try await trainerIDs(of: id, on: req.db))
        guard !parties.isEmpty else { throw Abort(.forbidden) }
        return (session, parties)
    }

    /// The registration of the route's `registrationID` under the route's rule (`seeRegistration`,
    /// `cancelRegistration`): training admins see every one, a trainer those of their sessions, a
    /// manager their structures'. Anybody else: 404, as for an id that does not exist.
    static func registration(_ req: Request) async throws -> (TrainingRegistration, TrainingSession) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("registrationID", as: UUID.self),
              let registration = try await TrainingRegistration.find(id, on: req.db),
              let session = try await TrainingSession.find(registration.$session.id, on: req.db) else { throw Abort(.notFound) }
        if isTrainingAdmin(user) { return (registration, session) }
        let rule = req.route?.policyRule
        if user.has(.trainer), rule == .seeRegistration,
           try await trainerIDs(of: session.requireID(), on: req.db).contains(user.id) {
            return (registration, session)
        }
        guard user.managedStructureIDs.contains(registration.$structure.id) else { throw Abort(.notFound) }
        return (registration, session)
    }
}
