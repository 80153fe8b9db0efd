import Fluent
import Foundation
import MaillageCore

/// The reads of the registration pages, callable without HTTP.
enum RegistrationQueries {
    /// Whose registrations a person follows: every one (training admins), or those of their
    /// structures and of the sessions they are a trainer of.
    struct Scope: Sendable {
        var all = false
        var structureIDs: Set<UUID> = []
        var sessionIDs: Set<UUID> = []
    }

    static func scope(of user: CurrentUser, on db: any Database) async throws -> Scope {
        if TrainingAccess.isTrainingAdmin(user) { return Scope(all: true) }
        var scope = Scope(structureIDs: user.managedStructureIDs)
        if user.has(.trainer) {
            scope.sessionIDs = Set(try await TrainingSessionTrainer.query(on: db).filter(\.$userID == user.id).all(\.$session.$id))
        }
        return scope
    }

    /// One line of the list: the registration with its session, course and structure name.
    struct Line: Sendable {
        let registration: TrainingRegistration
        let session: TrainingSession
        let course: TrainingCourse
        let structure: String
        /// Rank on the waiting list (waiting ones only).
        let rank: Int?
    }

    /// The registrations in `scope`, with what the list shows (a few reads, no query per line).
    static func lines(in scope: Scope, on db: any Database) async throws -> [Line] {
        var query = TrainingRegistration.query(on: db)
        if !scope.all {
            guard !scope.structureIDs.isEmpty || !scope.sessionIDs.isEmpty else { return [] }
            query = query.group(.or) { g in
                if !scope.structureIDs.isEmpty { g.filter(\.$structure.$id ~~ Array(scope.structureIDs)) }
                if !scope.sessionIDs.isEmpty { g.filter(\.$session.$id ~~ Array(scope.sessionIDs)) }
            }
        }
        let registrations = try await query.all()
        guard !registrations.isEmpty else { return [] }
        let sessionIDs = Set(registrations.map(\.$session.id))
        let sessions = Dictionary(uniqueKeysWithValues: try await TrainingSession.query(on: db).filter(\.$id ~~ Array(sessionIDs)).all().map { ($0.id!, $0) })
        let courseIDs = Set(sessions.values.map(\.$course.id))
        let courses = Dictionary(uniqueKeysWithValues: try await TrainingCourse.query(on: db).filter(\.$id ~~ Array(courseIDs)).all().map { ($0.id!, $0) })
        let structureIDs = Set(registrations.map(\.$structure.id))
        let names = Dictionary(uniqueKeysWithValues: try await Structure.query(on: db).filter(\.$id ~~ Array(structureIDs)).all().map { ($0.id!, $0.name) })
        // Waiting ranks: by position among the waiting of each session (all of them, whoever sees them).
        let waiting = try await TrainingRegistration.query(on: db).filter(\.$session.$id ~~ Array(sessionIDs))
            .filter(\.$status == RegistrationStatus.waiting.rawValue).all()
        var ranks: [UUID: Int] = [:]
        for (_, list) in Dictionary(grouping: waiting, by: { $0.$session.id }) {
            for (i, r) in list.sorted(by: { $0.position < $1.position }).enumerated() { ranks[r.id!] = i + 1 }
        }
        return registrations.compactMap { r in
            guard let s = sessions[r.$session.id], let c = courses[s.$course.id] else { return nil }
            return Line(registration: r, session: s, course: c, structure: names[r.$structure.id] ?? "—", rank: ranks[r.id!])
        }
    }

    /// Whether the trainee was marked present at least once.
    static func attended(_ registrationID: UUID, on db: any Database) async throws -> Bool {
        try await TrainingAttendance.query(on: db).filter(\.$registration.$id == registrationID).filter(\.$present == true).count() > 0
    }
}
