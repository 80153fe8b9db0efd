import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Training records for app tests, written straight to the database with defaults, so that a
/// test states only what matters to it. Steps under test go through the training services.
enum TrainingFactory {
    @discardableResult
    static func makeCourse(on db: any Database, code: String = "ETI-01", title: String = "Encadrant technique d'insertion : les fondamentaux",
                           theme: TrainingTheme = .supervision, durationMinutes: Int = 14 * 60, priceCents: Int64 = 45_000,
                           intraDayPriceCents: Int64? = 120_000, format: CourseFormat = .both, certifying: Bool = false,
                           visibility: CourseVisibility = .public, active: Bool = true, introducedYear: Int = 2024) async throws -> TrainingCourse {
        let c = TrainingCourse()
        c.code = code
        c.title = title
        c.theme = theme.rawValue
        c.objectives = "Situer sa fonction d'encadrant dans le parcours d'insertion."
        c.prerequisites = "Aucun."
        c.audience = "Encadrants techniques en poste ou en prise de poste."
        c.durationMinutes = durationMinutes
        c.priceCents = priceCents
        c.intraDayPriceCents = intraDayPriceCents
        c.format = format.rawValue
        c.certifying = certifying
        c.visibility = visibility.rawValue
        c.active = active
        c.introducedYear = introducedYear
        try await c.create(on: db)
        return c
    }

    @discardableResult
    static func makePack(on db: any Database, code: String = "PACK-ETI", title: String = "Parcours encadrant technique",
                         courses: [TrainingCourse], visibility: CourseVisibility = .public) async throws -> TrainingPack {
        let p = TrainingPack()
        p.code = code
        p.title = title
        p.description = "Les modules du parcours, dans l'ordre."
        p.visibility = visibility.rawValue
        p.active = true
        try await p.create(on: db)
        for (i, c) in courses.enumerated() {
            try await TrainingPackCourse(packID: p.requireID(), courseID: c.requireID(), position: i + 1).create(on: db)
        }
        return p
    }

    /// A session of `course` on `days` (each a morning 09:00–12:30 and an afternoon 13:30–17:00),
    /// with `trainers` as its trainers. Deadlines default to 7 and 3 days before the first day.
    @discardableResult
    static func makeSession(on db: any Database, course: TrainingCourse, days: [Day], kind: SessionKind = .inter,
                            structure: Structure? = nil, delegationID: UUID? = nil, capacity: Int = 12,
                            status: SessionStatus = .confirmed, trainers: [(UUID, String)] = [],
                            placeName: String? = "Maison des associations", address: String? = "12 rue de la Paix, 44000 Nantes",
                            registrationDeadline: Day? = nil, cancellationDeadline: Day? = nil) async throws -> TrainingSession {
        let first = days.min()!, last = days.max()!
        let s = TrainingSession()
        s.$course.id = try course.requireID()
        s.kind = kind.rawValue
        s.$structure.id = try structure?.requireID()
        s.$delegation.id = delegationID
        s.placeName = placeName
        s.address = address
        s.accessInfo = "Tram 1, arrêt Commerce."
        s.capacity = capacity
        s.registrationDeadline = (registrationDeadline ?? first.adding(days: -7)).iso
        s.cancellationDeadline = (cancellationDeadline ?? first.adding(days: -3)).iso
        s.status = status.rawValue
        s.firstDay = first.iso
        s.lastDay = last.iso
        s.sequence = 0
        s.version = 1
        try await s.create(on: db)
        let sid = try s.requireID()
        for day in days {
            for (period, starts, ends) in [(HalfDayPeriod.morning, "09:00", "12:30"), (.afternoon, "13:30", "17:00")] {
                let h = TrainingHalfDay()
                h.$session.id = sid
                h.day = day.iso
                h.period = period.rawValue
                h.starts = starts
                h.ends = ends
                h.minutes = 210
                try await h.create(on: db)
            }
        }
        for (uid, name) in trainers { try await TrainingSessionTrainer(sessionID: sid, userID: uid, name: name).create(on: db) }
        return s
    }

    /// A registration of a trainee of `structure`, at the next position of the session.
    @discardableResult
    static func makeRegistration(on db: any Database, session: TrainingSession, structure: Structure,
                                 firstName: String = "Lou", lastName: String = "Martin", email: String? = nil,
                                 status: RegistrationStatus = .confirmed, category: TraineeCategory = .privateEmployee,
                                 funding: TrainingFunding = .skillsOperator, registeredBy: UUID? = nil) async throws -> TrainingRegistration {
        let sid = try session.requireID()
        let last = try await TrainingRegistration.query(on: db).filter(\.$session.$id == sid).max(\.$position) ?? 0
        let r = TrainingRegistration()
        r.$session.id = sid
        r.$structure.id = try structure.requireID()
        r.registeredBy = registeredBy
        r.registeredByName = "Camille Adhérente"
        r.firstName = firstName
        r.lastName = lastName
        r.email = email ?? "\(firstName.lowercased()).\(lastName.lowercased())\(last + 1)@exemple.fr"
        r.job = "Encadrant technique"
        r.traineeCategory = category.rawValue
        r.funding = funding.rawValue
        r.status = status.rawValue
        r.position = last + 1
        r.registeredAt = Date()
        r.confirmedAt = status == .confirmed ? Date() : nil
        r.version = 1
        try await r.create(on: db)
        return r
    }

    /// Marks the registration present (or absent) on every half-day of its session.
    static func markAttendance(on db: any Database, registration: TrainingRegistration, present: Bool = true,
                               only halfDays: [TrainingHalfDay]? = nil) async throws {
        let all = try await TrainingHalfDay.query(on: db).filter(\.$session.$id == registration.$session.id).all()
        for h in halfDays ?? all {
            let a = TrainingAttendance()
            a.$registration.id = try registration.requireID()
            a.$halfDay.id = try h.requireID()
            a.present = present
            a.markedAt = Date()
            try await a.create(on: db)
        }
    }

    @discardableResult
    static func makeRating(on db: any Database, registration: TrainingRegistration, scores: [Int] = [5, 4, 4, 5, 5],
                           comment: String = "Très concret.") async throws -> TrainingRating {
        let r = TrainingRating()
        r.$registration.id = try registration.requireID()
        r.$session.id = registration.$session.id
        (r.q1, r.q2, r.q3, r.q4, r.q5) = (scores[0], scores[1], scores[2], scores[3], scores[4])
        r.comment = comment
        r.submittedAt = Date()
        try await r.create(on: db)
        return r
    }
}
