import Fluent
import Foundation
import MaillageCore
import Vapor

/// Saving the attendance of a session: which half-days were posted, and for each one which
/// confirmed trainees were present (the others absent). Every id must belong to the session and
/// no half-day may be after today in Paris; then one transaction upserts the rows and audits.
enum AttendanceService {
    struct Posted: Sendable, Equatable {
        /// The half-days whose column was on the form (hidden `h_<id>`).
        var halfDays: Set<UUID> = []
        /// (registration, half-day) pairs ticked « Présent·e » (`p_<registration>_<halfDay>`).
        var present: Set<Pair> = []
        struct Pair: Sendable, Hashable { let registration: UUID; let halfDay: UUID }

        /// Reads the form's keys; a key of ours carrying something that is not an id is forged (nil).
        static func parse(_ values: [String: String]) -> Posted? {
            var p = Posted()
            for key in values.keys {
                if key.hasPrefix("h_") {
                    guard let id = UUID(uuidString: String(key.dropFirst(2))) else { return nil }
                    p.halfDays.insert(id)
                } else if key.hasPrefix("p_") {
                    let parts = key.dropFirst(2).split(separator: "_", omittingEmptySubsequences: false)
                    guard parts.count == 2, let r = UUID(uuidString: String(parts[0])), let h = UUID(uuidString: String(parts[1])) else { return nil }
                    p.present.insert(Pair(registration: r, halfDay: h))
                }
            }
            return p
        }
    }

    enum Refusal: Error, Equatable {
        /// An id that is not the session's, or a tick outside the posted half-days (422).
        case forged
        /// Half-days after today (422), their labels.
        case future([String])
        /// Nothing to save (422).
        case empty
        /// The session's state does not take attendance (409), a French sentence.
        case closed(String)

        var status: HTTPStatus {
            if case .closed = self { return .conflict }
            return .unprocessableEntity
        }

        var message: String {
            switch self {
            case .forged: "Le formulaire ne correspond pas à cette session : rechargez la page et recommencez. Rien n'a été enregistré."
            case .future(let labels): "L'émargement d'une demi-journée à venir n'est pas possible (\(labels.joined(separator: ", "))). Rien n'a été enregistré."
            case .empty: "Aucune demi-journée à enregistrer."
            case .closed(let s): s
            }
        }
    }

    /// Why a session does not take attendance now (nil: it does).
    static func closedNotice(_ status: SessionStatus) -> String? {
        switch status {
        case .cancelled: "Cette session est annulée : l'émargement est en lecture seule."
        case .done: "Cette session est réalisée : l'émargement est en lecture seule. Un administrateur de la formation peut la rouvrir pour le corriger."
        case .planned, .confirmed: nil
        }
    }

    struct Saved: Sendable, Equatable { let halfDays: Int; let present: Int; let absent: Int }

    static func save(_ posted: Posted, sessionID: UUID, today: Day, now: Date, actor: CurrentUser, on db: any Database) async throws -> Saved {
        try await db.writeTransaction { tx in
            try await RowLock.lock(TrainingSession.schema, sessionID, on: tx)
            guard let session = try await TrainingSession.find(sessionID, on: tx) else { throw Abort(.notFound) }
            if let notice = closedNotice(session.statusValue) { throw Refusal.closed(notice) }
            let halfDays = try await TrainingHalfDay.query(on: tx).filter(\.$session.$id == sessionID).all()
            let byID = Dictionary(uniqueKeysWithValues: halfDays.compactMap { h in h.id.map { ($0, h) } })
            let trainees = try await AttendanceRoster.confirmedTrainees(of: sessionID, on: tx)
            let traineeIDs = Set(trainees.compactMap(\.id))
            guard !posted.halfDays.isEmpty else { throw Refusal.empty }
            guard posted.halfDays.allSatisfy({ byID[$0] != nil }),
                  posted.present.allSatisfy({ traineeIDs.contains($0.registration) && posted.halfDays.contains($0.halfDay) }) else { throw Refusal.forged }
            let future = posted.halfDays.compactMap { byID[$0] }.filter { ($0.dayValue ?? today) > today }
                .sorted { ($0.day, $0.periodValue) < ($1.day, $1.periodValue) }
            guard future.isEmpty else { throw Refusal.future(future.map(AttendanceRoster.halfDayLabel)) }
            let existing = try await TrainingAttendance.query(on: tx).filter(\.$halfDay.$id ~~ Array(posted.halfDays)).all()
            var rows: [Posted.Pair: TrainingAttendance] = [:]
            for a in existing { rows[.init(registration: a.$registration.id, halfDay: a.$halfDay.id)] = a }
            var present = 0, absent = 0
            var created: [TrainingAttendance] = []
            for h in posted.halfDays {
                for r in traineeIDs {
                    let pair = Posted.Pair(registration: r, halfDay: h)
                    let isPresent = posted.present.contains(pair)
                    if isPresent { present += 1 } else { absent += 1 }
                    if let row = rows[pair] {
                        guard row.present != isPresent else { continue }
                        row.present = isPresent
                        row.markedBy = actor.id
                        row.markedAt = now
                        try await row.update(on: tx)
                    } else {
                        let row = TrainingAttendance()
                        row.$registration.id = r
                        row.$halfDay.id = h
                        row.present = isPresent
                        row.markedBy = actor.id
                        row.markedAt = now
                        created.append(row)
                    }
                }
            }
            // The new marks in one statement (a first sheet for a full session is dozens of rows).
            if !created.isEmpty { try await created.create(on: tx) }
            let course = try await TrainingCourse.find(session.$course.id, on: tx)
            let labels = posted.halfDays.compactMap { byID[$0] }.sorted { ($0.day, $0.periodValue) < ($1.day, $1.periodValue) }
                .map(AttendanceRoster.halfDayLabel)
            try await Audit.record(.update, "training.attendance", id: sessionID.uuidString,
                                   summary: "Émargement enregistré — \(course?.title ?? "session") (\(labels.joined(separator: ", ")))",
                                   after: ["demi_journees": labels.joined(separator: ", "), "presents": String(present), "absents": String(absent)],
                                   actor: actor, on: tx)
            return Saved(halfDays: posted.halfDays.count, present: present, absent: absent)
        }
    }
}
