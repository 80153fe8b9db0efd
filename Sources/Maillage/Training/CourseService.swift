import Fluent
import Foundation
import MaillageCore

/// Writes courses of the catalogue: each create or update with its audit entry in one transaction.
/// A code already taken by another course is a French error on the code field.
enum CourseService {
    static let codeTaken = "Ce code est déjà celui d'un autre cours."

    static func create(_ input: CourseInput, by actor: CurrentUser, on db: any Database) async throws -> Result<TrainingCourse, FormRefusal> {
        try await db.writeTransaction { tx in
            if let refusal = try await codeRefusal(input.code, except: nil, on: tx) { return .failure(refusal) }
            let course = TrainingCourse()
            input.apply(to: course)
            try await course.create(on: tx)
            try await Audit.record(.create, "training.course", id: try course.requireID().uuidString,
                                   summary: "Cours \(course.code) « \(course.title) » créé", after: snapshot(course), actor: actor, on: tx)
            return .success(course)
        }
    }

    static func update(_ id: UUID, _ input: CourseInput, by actor: CurrentUser, on db: any Database) async throws -> Result<TrainingCourse, FormRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(TrainingCourse.schema, id, on: tx)
            guard let course = try await TrainingCourse.find(id, on: tx) else {
                return .failure(.init("course_code", "Ce cours n'existe plus."))
            }
            if let refusal = try await codeRefusal(input.code, except: id, on: tx) { return .failure(refusal) }
            let before = snapshot(course)
            // What the agenda shows of a course: its title and code, and whether its sessions appear.
            let agendaChanged = course.title != input.title || course.code != input.code
                || course.visibility != input.visibility.rawValue || course.active != input.active
            input.apply(to: course)
            try await course.save(on: tx)
            try await Audit.record(.update, "training.course", id: id.uuidString, summary: "Cours \(course.code) « \(course.title) » modifié",
                                   before: before, after: snapshot(course), actor: actor, on: tx)
            if agendaChanged {
                // Sessions of the course show its title and code in the agenda: a new SEQUENCE for each.
                let sessions = try await TrainingSession.query(on: tx).filter(\.$course.$id == id).all()
                for s in sessions {
                    s.sequence += 1
                    s.version += 1
                    try await s.save(on: tx)
                }
                _ = try await CacheVersions.bump(.agenda, on: tx)
            }
            return .success(course)
        }
    }

    private static func codeRefusal(_ code: String, except id: UUID?, on db: any Database) async throws -> FormRefusal? {
        let others = try await TrainingCourse.query(on: db).filter(\.$code == code).all()
        guard others.contains(where: { $0.id != id }) else { return nil }
        return .init("course_code", codeTaken)
    }

    static func snapshot(_ c: TrainingCourse) -> [String: String] {
        ["code": c.code, "titre": c.title, "theme": c.theme, "duree_minutes": String(c.durationMinutes),
         "prix": Money(cents: c.priceCents).plain, "prix_jour_intra": c.intraDayPriceCents.map { Money(cents: $0).plain } ?? "",
         "format": c.format, "certifiant": c.certifying ? "oui" : "non", "visibilite": c.visibility,
         "actif": c.active ? "oui" : "non", "annee": String(c.introducedYear)]
    }
}
