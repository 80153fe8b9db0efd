import Fluent
import Foundation
import MaillageCore

/// One session's attendance as the pages and the sheet show it: its half-days in order, its
/// confirmed trainees in French order of last name, its trainers and the marks already saved.
struct AttendanceRoster: Sendable {
    let session: TrainingSession
    let course: TrainingCourse
    /// By day, then morning before afternoon.
    let halfDays: [TrainingHalfDay]
    /// Confirmed registrations, by last name then first name (French order, not SQL's).
    let trainees: [TrainingRegistration]
    let structureNames: [UUID: String]
    let trainerNames: [String]
    /// registration id → half-day id → present.
    let marks: [UUID: [UUID: Bool]]

    static func load(_ session: TrainingSession, course: TrainingCourse, on db: any Database) async throws -> AttendanceRoster {
        let sid = try session.requireID()
        let halfDays = try await TrainingHalfDay.query(on: db).filter(\.$session.$id == sid).all()
            .sorted { ($0.day, $0.periodValue) < ($1.day, $1.periodValue) }
        let trainees = try await confirmedTrainees(of: sid, on: db)
        let structureIDs = Array(Set(trainees.map { $0.$structure.id }))
        let structures = structureIDs.isEmpty ? [] : try await Structure.query(on: db).filter(\.$id ~~ structureIDs).all()
        let trainers = try await TrainingSessionTrainer.query(on: db).filter(\.$session.$id == sid).all()
            .map(\.trainerName).sorted { FrenchSortKey($0) < FrenchSortKey($1) }
        return AttendanceRoster(session: session, course: course, halfDays: halfDays, trainees: trainees,
                                structureNames: Dictionary(uniqueKeysWithValues: structures.compactMap { s in s.id.map { ($0, s.name) } }),
                                trainerNames: trainers, marks: try await marks(of: trainees, on: db))
    }

    static func confirmedTrainees(of sessionID: UUID, on db: any Database) async throws -> [TrainingRegistration] {
        try await TrainingRegistration.query(on: db).filter(\.$session.$id == sessionID)
            .filter(\.$status == RegistrationStatus.confirmed.rawValue).all()
            .sorted { (FrenchSortKey($0.lastName), FrenchSortKey($0.firstName)) < (FrenchSortKey($1.lastName), FrenchSortKey($1.firstName)) }
    }

    static func marks(of registrations: [TrainingRegistration], on db: any Database) async throws -> [UUID: [UUID: Bool]] {
        let ids = registrations.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: [UUID: Bool]] = [:]
        for a in try await TrainingAttendance.query(on: db).filter(\.$registration.$id ~~ ids).all() {
            out[a.$registration.id, default: [:]][a.$halfDay.id] = a.present
        }
        return out
    }

    /// Σ minutes of the half-days the trainee was marked present.
    func attendedMinutes(_ registrationID: UUID) -> Int {
        let mine = marks[registrationID] ?? [:]
        return halfDays.reduce(0) { sum, h in (h.id.flatMap { mine[$0] } == true) ? sum + h.minutes : sum }
    }

    var plannedMinutes: Int { halfDays.reduce(0) { $0 + $1.minutes } }
}

extension AttendanceRoster {
    /// « 9 h – 12 h 30 ».
    static func timesLabel(_ h: TrainingHalfDay) -> String {
        let s = LocalTime(stored: h.starts)?.french ?? h.starts
        let e = LocalTime(stored: h.ends)?.french ?? h.ends
        return "\(s) – \(e)"
    }

    /// « 12/01/2026 matin ».
    static func halfDayLabel(_ h: TrainingHalfDay) -> String { "\(FrenchFormat.date(h.day)) \(h.periodValue.label)" }

    /// The place as one line: its name and address, or « À distance ».
    static func placeLabel(_ s: TrainingSession) -> String {
        let parts = [s.placeName, s.address].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: ", ") }
        return s.remoteURL == nil ? "Lieu à préciser" : "À distance"
    }
}
