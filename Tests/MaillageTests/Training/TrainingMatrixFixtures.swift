import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// The training records the route × role and record matrices put in their paths: a public course
/// in a pack, a session that took place (the fixtures' trainer ran it; a registration per structure,
/// present on every half-day) and a session to come (for the registration form).
enum TrainingMatrixFixtures {
    static func course(on db: any Database) async throws -> TrainingCourse {
        if let c = try await TrainingCourse.query(on: db).filter(\.$code == "ETI-01").first() { return c }
        let c = try await TrainingFactory.makeCourse(on: db)
        try await TrainingFactory.makePack(on: db, courses: [c])
        return c
    }

    /// The session that took place 20 days ago (done), run by `trainerID`.
    static func pastSession(trainerID: UUID, on db: any Database) async throws -> TrainingSession {
        let course = try await course(on: db)
        if let s = try await TrainingSession.query(on: db).filter(\.$status == SessionStatus.done.rawValue).first() { return s }
        let today = Day.today()
        return try await TrainingFactory.makeSession(on: db, course: course, days: [today.adding(days: -20), today.adding(days: -19)],
                                                     status: .done, trainers: [(trainerID, "Test trainer")])
    }

    /// The session to come in 30 days (confirmed), run by `trainerID`.
    static func comingSession(trainerID: UUID, on db: any Database) async throws -> TrainingSession {
        let course = try await course(on: db)
        if let s = try await TrainingSession.query(on: db).filter(\.$status == SessionStatus.confirmed.rawValue).first() { return s }
        return try await TrainingFactory.makeSession(on: db, course: course, days: [Day.today().adding(days: 30)],
                                                     status: .confirmed, trainers: [(trainerID, "Test trainer")])
    }

    /// The registration of a trainee of `structure` to the past session, present on every half-day.
    static func registration(for structure: Structure, trainerID: UUID, on db: any Database) async throws -> TrainingRegistration {
        let session = try await pastSession(trainerID: trainerID, on: db)
        if let r = try await TrainingRegistration.query(on: db).filter(\.$session.$id == session.requireID())
            .filter(\.$structure.$id == structure.requireID()).first() { return r }
        let r = try await TrainingFactory.makeRegistration(on: db, session: session, structure: structure)
        try await TrainingFactory.markAttendance(on: db, registration: r)
        return r
    }

    /// Replaces the parameters of a `/formations` pattern (registration-scoped ones on `structure`).
    static func fill(_ path: String, structure: Structure, trainerID: UUID, on db: any Database) async throws -> String {
        guard path.hasPrefix("/formations") else { return path }
        var p = path
        if p.contains(":courseID") { p = p.replacingOccurrences(of: ":courseID", with: try await course(on: db).requireID().uuidString) }
        if p.contains(":packID") {
            _ = try await course(on: db)
            let pack = try await TrainingPack.query(on: db).first()!
            p = p.replacingOccurrences(of: ":packID", with: try pack.requireID().uuidString)
        }
        if p.contains(":sessionID") {
            let session = p.hasSuffix("/inscription") ? try await comingSession(trainerID: trainerID, on: db)
                                                      : try await pastSession(trainerID: trainerID, on: db)
            p = p.replacingOccurrences(of: ":sessionID", with: try session.requireID().uuidString)
                .replacingOccurrences(of: ":step", with: SessionStepName.confirm.rawValue)
        }
        if p.contains(":registrationID") {
            let r = try await registration(for: structure, trainerID: trainerID, on: db)
            p = p.replacingOccurrences(of: ":registrationID", with: try r.requireID().uuidString)
        }
        if p.hasPrefix("/formations/chiffres/") {
            p = p.replacingOccurrences(of: ":year", with: String(Day.today().year)).replacingOccurrences(of: ":file", with: "chiffres.csv")
        }
        return p
    }
}
