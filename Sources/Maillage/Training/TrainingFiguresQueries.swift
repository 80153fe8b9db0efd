import Fluent
import Foundation
import MaillageCore
import SQLKit

/// What the figures page and files read: the trainee records of some years (pure inputs of
/// `TrainingFigures`) and the courses' titles by code. Never a trainee's name.
struct TrainingFiguresData: Sendable {
    var records: [TraineeRecord]
    var titles: [String: String]

    func of(year: Int) -> [TraineeRecord] { records.filter { $0.year == year } }
}

/// The one read of the figures (SQLKit): the confirmed registrations of the sessions that took
/// place (status done) whose first day falls in `years`, each with the minutes of the half-days
/// it was marked present on (`training_attendance` × `training_half_days`) and its rating's
/// scores. A session's year is the year of its first day; its delegation is where it took place.
enum TrainingFiguresQueries {
    static func load(years: ClosedRange<Int>, map: NetworkMap, on db: any Database) async throws -> TrainingFiguresData {
        guard let sql = db as? any SQLDatabase else { return TrainingFiguresData(records: [], titles: [:]) }
        let from = "\(years.lowerBound)-01-01", to = "\(years.upperBound)-12-31"
        let rows = try await sql.raw("""
            SELECT r.id AS rid, s.id AS sid, c.code AS code, c.title AS title, c.theme AS theme,
                   s.delegation_id AS did, s.first_day AS first_day, r.trainee_category AS category, r.funding AS funding,
                   (SELECT CAST(COALESCE(SUM(h.minutes), 0) AS BIGINT) FROM training_attendance a
                      JOIN training_half_days h ON h.id = a.half_day_id
                     WHERE a.registration_id = r.id AND a.present = \(bind: true)) AS minutes,
                   t.q1 AS q1, t.q2 AS q2, t.q3 AS q3, t.q4 AS q4, t.q5 AS q5
              FROM training_registrations r
              JOIN training_sessions s ON s.id = r.session_id
              JOIN training_courses c ON c.id = s.course_id
              LEFT JOIN training_ratings t ON t.registration_id = r.id
             WHERE r.status = \(bind: RegistrationStatus.confirmed.rawValue)
               AND s.status = \(bind: SessionStatus.done.rawValue)
               AND s.first_day >= \(bind: from) AND s.first_day <= \(bind: to)
            """).all()
        var titles: [String: String] = [:]
        let records = try rows.compactMap { row -> TraineeRecord? in
            let firstDay = try row.decode(column: "first_day", as: String.self)
            guard let day = Day(iso: firstDay) else { return nil }
            let code = try row.decode(column: "code", as: String.self)
            titles[code] = try row.decode(column: "title", as: String.self)
            let q1 = try row.decode(column: "q1", as: Int?.self)
            let scores = try q1.map { q1 in
                [q1] + (try ["q2", "q3", "q4", "q5"].map { try row.decode(column: $0, as: Int.self) })
            }
            let delegation = try row.decode(column: "did", as: UUID?.self).flatMap { map.delegation(id: $0)?.code }
            return TraineeRecord(
                registrationID: try row.decode(column: "rid", as: UUID.self), sessionID: try row.decode(column: "sid", as: UUID.self),
                courseCode: code, theme: try row.decode(column: "theme", as: String.self), delegationCode: delegation,
                year: day.year, category: TraineeCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .other,
                funding: TrainingFunding(rawValue: try row.decode(column: "funding", as: String.self)) ?? .other,
                attendedMinutes: try row.decode(column: "minutes", as: Int.self), scores: scores)
        }
        return TrainingFiguresData(records: records, titles: titles)
    }
}
