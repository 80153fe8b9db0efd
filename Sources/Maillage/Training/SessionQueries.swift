import Fluent
import Foundation
import MaillageCore

/// Named reads of sessions, shared by the catalogue, the course page and the session pages.
enum SessionQueries {
    /// A session to come, as the catalogue lists it.
    struct Coming: Sendable {
        let session: TrainingSession
        let confirmed: Int
        let waiting: Int
        var seatsLeft: Int { max(0, session.capacity - confirmed) }
    }

    /// Confirmed and waiting registrations per session.
    static func counts(of sessionIDs: [UUID], on db: any Database) async throws -> [UUID: (confirmed: Int, waiting: Int)] {
        guard !sessionIDs.isEmpty else { return [:] }
        let rows = try await TrainingRegistration.query(on: db).filter(\.$session.$id ~~ sessionIDs)
            .filter(\.$status ~~ [RegistrationStatus.confirmed.rawValue, RegistrationStatus.waiting.rawValue]).all()
        var out: [UUID: (confirmed: Int, waiting: Int)] = [:]
        for r in rows {
            var c = out[r.$session.id] ?? (0, 0)
            if r.statusValue == .confirmed { c.confirmed += 1 } else { c.waiting += 1 }
            out[r.$session.id] = c
        }
        return out
    }

    /// The inter sessions to come (planned or confirmed, first day today or later) of these
    /// courses, by course, soonest first.
    static func comingInter(courseIDs: [UUID], today: Day, on db: any Database) async throws -> [UUID: [Coming]] {
        guard !courseIDs.isEmpty else { return [:] }
        let sessions = try await TrainingSession.query(on: db).filter(\.$course.$id ~~ courseIDs)
            .filter(\.$kind == SessionKind.inter.rawValue)
            .filter(\.$status ~~ [SessionStatus.planned.rawValue, SessionStatus.confirmed.rawValue])
            .filter(\.$firstDay >= today.iso).all()
        let counts = try await counts(of: sessions.compactMap(\.id), on: db)
        var out: [UUID: [Coming]] = [:]
        for s in sessions.sorted(by: { ($0.firstDay, $0.id!.uuidString) < ($1.firstDay, $1.id!.uuidString) }) {
            let c = counts[s.id!] ?? (0, 0)
            out[s.$course.id, default: []].append(Coming(session: s, confirmed: c.confirmed, waiting: c.waiting))
        }
        return out
    }

    /// « du 12/03/2026 au 13/03/2026 », or « le 12/03/2026 » for one day.
    static func dates(_ s: TrainingSession) -> String {
        let first = FrenchFormat.date(s.firstDay), last = FrenchFormat.date(s.lastDay)
        return s.firstDay == s.lastDay ? "le \(first)" : "du \(first) au \(last)"
    }

    /// « Du 12/03/2026 au 13/03/2026 », « Le 12/03/2026 »: `dates` opening a line.
    static func datesHeading(_ s: TrainingSession) -> String {
        let text = dates(s)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// « 3 places restantes », « Complet (2 en attente) ».
    static func seats(_ left: Int, waiting: Int) -> String {
        if left > 0 { return FrenchFormat.plural(left, "place restante", "places restantes") }
        return waiting > 0 ? "Complet (\(waiting) en liste d'attente)" : "Complet"
    }

    /// The half-days of a session, in order.
    static func halfDays(of id: UUID, on db: any Database) async throws -> [TrainingHalfDay] {
        try await TrainingHalfDay.query(on: db).filter(\.$session.$id == id).all()
            .sorted { ($0.day, $0.periodValue == .morning ? 0 : 1) < ($1.day, $1.periodValue == .morning ? 0 : 1) }
    }

    /// Accounts holding the trainer role (the session form's checkboxes), by name.
    static func trainerAccounts(on db: any Database) async throws -> [(id: UUID, name: String)] {
        let ids = try await RoleGrant.query(on: db).filter(\.$role == Role.trainer.rawValue).all().map(\.$user.id)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
            .map { (try $0.requireID(), $0.displayName) }
            .sorted { (FrenchSortKey($0.name), $0.id.uuidString) < (FrenchSortKey($1.name), $1.id.uuidString) }
    }
}
