import Fluent
import Foundation
import MaillageCore

/// The e-mails of a registration's steps, to the manager who registered the trainee and to the
/// trainee: the course, the dates and times, the place (the convocation's essentials). Never a word
/// about other trainees or other structures.
enum RegistrationMail: Sendable, Equatable {
    case confirmed
    case waiting(rank: Int)
    case promoted
    case cancelled(reason: String?)
}

extension RegistrationService {
    /// `essentials`: the session's `essentials(session:course:on:)`, read once by the caller for all
    /// its trainees (unused by a cancellation).
    static func notify(_ mail: RegistrationMail, registration r: TrainingRegistration, session: TrainingSession,
                       course: TrainingCourse, essentials: String, managerEmails: [String], baseURL: String, outbox: Outbox,
                       on tx: any Database) async throws {
        let when = FrenchFormat.date(session.firstDay)
        let subject: String
        let intro: String
        switch mail {
        case .confirmed:
            subject = "Inscription confirmée : \(course.title) (\(when))"
            intro = "\(r.fullName) est inscrit·e à la formation « \(course.title) ». Voici les informations de la convocation."
        case .waiting(let rank):
            subject = "Liste d'attente : \(course.title) (\(when))"
            intro = "La session est complète : \(r.fullName) est inscrit·e en liste d'attente (\(ordinalRank(rank)) sur la liste d'attente). "
                + "Une place libérée est attribuée automatiquement dans l'ordre de la liste, et un message vous le dira."
        case .promoted:
            subject = "Place libérée, inscription confirmée : \(course.title) (\(when))"
            intro = "Une place s'est libérée : \(r.fullName) quitte la liste d'attente et est inscrit·e à la formation « \(course.title) »."
        case .cancelled(let reason):
            subject = "Inscription annulée : \(course.title) (\(when))"
            intro = reason.map { "La session est annulée (\($0)) : l'inscription de \(r.fullName) est annulée." }
                ?? "L'inscription de \(r.fullName) à la formation « \(course.title) » est annulée."
        }
        var body = "Bonjour,\n\n\(intro)\n\n"
        if case .cancelled = mail {} else {
            body += essentials
        }
        let managerBody = body + (baseURL.isEmpty ? "" : "\nVoir l'inscription : \(baseURL)\(TrainingURL.registration(try r.requireID()).path)\n")
        try await outbox.queue(to: managerEmails, subject: subject, body: managerBody, on: tx)
        if !managerEmails.contains(where: { $0.caseInsensitiveCompare(r.email) == .orderedSame }) {
            try await outbox.queue(to: r.email, subject: subject, body: body, on: tx)
        }
    }

    /// The convocation's essentials as text: the course, each half-day with its hours, the place.
    static func essentials(session: TrainingSession, course: TrainingCourse, on db: any Database) async throws -> String {
        let days = try await TrainingHalfDay.query(on: db).filter(\.$session.$id == session.requireID()).all()
        var text = "Formation : \(course.title) (\(course.code))\n"
        for line in RegistrationPages.halfDayLines(days) { text += "- \(line)\n" }
        if let place = session.placeName, !place.isEmpty { text += "Lieu : \(place)\n" }
        if let address = session.address, !address.isEmpty { text += "Adresse : \(address)\n" }
        if let access = session.accessInfo, !access.isEmpty { text += "Accès : \(access)\n" }
        if let remote = session.remoteURL, !remote.isEmpty { text += "À distance : \(remote)\n" }
        return text
    }

    /// « 1re sur la liste d'attente », « 2e … ».
    static func ordinalRank(_ rank: Int) -> String { rank == 1 ? "1re" : "\(rank)e" }
}
