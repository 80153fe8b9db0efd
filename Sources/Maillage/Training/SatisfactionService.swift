import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// The satisfaction survey: one-time links sent when a session is done, the rating they take once.
/// A token is 32 random bytes (base64url) shown only in the e-mail; the registration keeps its
/// SHA-256 (`survey_token_hash`) and every look-up goes by that hash, never by the plain token.
enum SatisfactionService {
    /// How long a link stays valid after it was sent.
    static let validity: TimeInterval = 60 * 86_400

    /// When a session is done: a one-time token (its SHA-256 stored on the registration) for each
    /// confirmed trainee present at least one half-day, sent by the outbox with the link
    /// `/formations/avis/<token>` (valid 60 days). Inside the caller's transaction. Answers how many.
    static func issueTokens(for session: TrainingSession, course: TrainingCourse, at now: Date,
                            outbox: Outbox, baseURL: String, on tx: any Database) async throws -> Int {
        let sid = try session.requireID()
        let trainees = try await AttendanceRoster.confirmedTrainees(of: sid, on: tx)
        let ids = trainees.compactMap(\.id)
        guard !ids.isEmpty else { return 0 }
        let present = Set(try await TrainingAttendance.query(on: tx).filter(\.$registration.$id ~~ ids)
            .filter(\.$present == true).all(\.$registration.$id))
        let rated = Set(try await TrainingRating.query(on: tx).filter(\.$registration.$id ~~ ids).all(\.$registration.$id))
        let dates = SessionQueries.dates(session)
        var sent = 0
        for r in trainees {
            guard let rid = r.id, present.contains(rid), !rated.contains(rid) else { continue }
            let token = SecretToken.generate()
            r.surveyTokenHash = SecretToken.hash(token)
            r.surveySentAt = now
            r.version += 1
            try await r.update(on: tx)
            let link = baseURL + TrainingURL.survey(token).path
            try await outbox.queue(to: r.email, subject: "Votre avis sur la formation : \(course.title) (\(FrenchFormat.date(session.firstDay)))",
                body: """
                Bonjour \(r.fullName),

                Vous avez suivi la formation « \(course.title) » \(dates). Votre avis nous aide à l'améliorer : \
                cinq questions et un commentaire, deux minutes suffisent.

                Donnez votre avis avec ce lien personnel (valable 60 jours, une seule réponse) :
                \(link)

                Merci !
                """, on: tx)
            sent += 1
        }
        return sent
    }

    /// A token as it may appear in a link: 43 base64url characters (32 bytes). Anything else is
    /// not looked up at all.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    /// The registration a live token opens (confirmed, link sent less than 60 days ago, not yet
    /// used), with its session and course; nil for an unknown, used or expired token.
    static func open(_ token: String, now: Date, on db: any Database) async throws -> (TrainingRegistration, TrainingSession, TrainingCourse)? {
        guard isWellFormed(token) else { return nil }
        guard let r = try await TrainingRegistration.query(on: db).filter(\.$surveyTokenHash == SecretToken.hash(token)).first(),
              r.statusValue == .confirmed, let sent = r.surveySentAt, now <= sent.addingTimeInterval(validity),
              let session = try await TrainingSession.find(r.$session.id, on: db),
              let course = try await TrainingCourse.find(session.$course.id, on: db) else { return nil }
        return (r, session, course)
    }

    /// Records the rating once: re-opens the token in the transaction (the registration row locked on
    /// PostgreSQL), inserts the rating and forgets the token. A used token answers nil (nothing written).
    static func submit(_ token: String, answers: SurveyAnswers, now: Date, on db: any Database) async throws -> TrainingRating? {
        // The token opened before the transaction, whose first statement locks the registration's row.
        guard let rid = try await open(token, now: now, on: db)?.0.requireID() else { return nil }
        return try await db.writeTransaction { tx in
            try await RowLock.lock(TrainingRegistration.schema, rid, on: tx)
            // Re-read under the lock: a concurrent submit may have used the token meanwhile.
            guard let opened = try await open(token, now: now, on: tx), opened.0.id == rid else { return nil }
            let session = opened.1
            guard let r = try await TrainingRegistration.find(rid, on: tx), r.surveyTokenHash == SecretToken.hash(token),
                  try await TrainingRating.query(on: tx).filter(\.$registration.$id == rid).count() == 0 else { return nil }
            let rating = TrainingRating()
            rating.$registration.id = rid
            rating.$session.id = r.$session.id
            (rating.q1, rating.q2, rating.q3, rating.q4, rating.q5) = (answers.scores[0], answers.scores[1], answers.scores[2], answers.scores[3], answers.scores[4])
            rating.comment = answers.comment
            rating.submittedAt = now
            try await rating.create(on: tx)
            r.surveyTokenHash = nil
            r.version += 1
            try await r.update(on: tx)
            // The journal names the session, never the token nor the trainee's answers.
            try await Audit.record(.create, "training.rating", id: rating.requireID().uuidString,
                                   summary: "Avis de satisfaction reçu (\(opened.2.title), session du \(FrenchFormat.date(session.firstDay)))",
                                   after: ["session": r.$session.id.uuidString], actor: nil, on: tx)
            return rating
        }
    }
}
