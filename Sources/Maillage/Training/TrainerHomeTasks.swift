import Fluent
import Foundation
import MaillageCore
import Vapor

/// The trainers' tasks on the home page (one `HomePage.Section`): for each session they run that
/// is confirmed, the half-days already begun where a confirmed trainee is not marked yet, and the
/// sessions past their last day still to close (« terminer »). Nil for someone who runs none.
enum TrainerHomeTasks {
    struct Pending: Sendable, Equatable {
        let sessionID: UUID
        let title: String
        let firstDay: String
        /// Half-days begun (day ≤ today) with at least one confirmed trainee not marked.
        let unmarked: Int
        /// Past its last day: to close.
        let toClose: Bool
    }

    static let limit = 5

    static func section(_ req: Request, user: CurrentUser, today: Day) async throws -> HomePage.Section? {
        guard user.has(.trainer) else { return nil }
        let pending = try await pending(trainerID: user.id, today: today, on: req.db)
        var tasks: [HomeTask] = []
        for p in pending.filter({ $0.unmarked > 0 }).prefix(limit) {
            tasks.append(HomeTask("Émargement à compléter : \(p.title) (\(FrenchFormat.date(p.firstDay)))", count: p.unmarked,
                                  deadline: FrenchFormat.plural(p.unmarked, "demi-journée à renseigner", "demi-journées à renseigner"),
                                  href: req.link(to: TrainingURL.attendance(p.sessionID)), urgency: .soon))
        }
        for p in pending.filter(\.toClose).prefix(limit) {
            tasks.append(HomeTask("Session à clôturer : \(p.title) (\(FrenchFormat.date(p.firstDay)))",
                                  deadline: "Terminée : clôturez-la pour envoyer les évaluations et ouvrir les attestations",
                                  href: req.link(to: TrainingURL.confirmSessionStep(p.sessionID, .finish)), urgency: .late))
        }
        return HomePage.Section(id: "formation", title: "Mes sessions de formation", tasks: tasks,
                                empty: "Aucun émargement à compléter ni session à clôturer.")
    }

    /// From the trainer's confirmed sessions begun by today: their half-days, confirmed trainees and marks (ids only).
    static func pending(trainerID: UUID, today: Day, on db: any Database) async throws -> [Pending] {
        let sessionIDs = try await TrainingSessionTrainer.query(on: db).filter(\.$userID == trainerID).all(\.$session.$id)
        guard !sessionIDs.isEmpty else { return [] }
        let sessions = try await TrainingSession.query(on: db).filter(\.$id ~~ sessionIDs)
            .filter(\.$status == SessionStatus.confirmed.rawValue).filter(\.$firstDay <= today.iso).with(\.$course).all()
        guard !sessions.isEmpty else { return [] }
        let ids = sessions.compactMap(\.id)
        let halfDays = try await TrainingHalfDay.query(on: db).filter(\.$session.$id ~~ ids).filter(\.$day <= today.iso).all()
        let trainees = try await TrainingRegistration.query(on: db).filter(\.$session.$id ~~ ids)
            .filter(\.$status == RegistrationStatus.confirmed.rawValue).field(\.$id).field(\.$session.$id).all()
        let traineeIDs = trainees.compactMap(\.id)
        let marked = traineeIDs.isEmpty ? [] : try await TrainingAttendance.query(on: db).filter(\.$registration.$id ~~ traineeIDs)
            .field(\.$halfDay.$id).all()
        var marksPerHalfDay: [UUID: Int] = [:]
        for a in marked { marksPerHalfDay[a.$halfDay.id, default: 0] += 1 }
        var traineesPerSession: [UUID: Int] = [:]
        for t in trainees { traineesPerSession[t.$session.id, default: 0] += 1 }
        return sessions.sorted { ($0.firstDay, $0.course.title) < ($1.firstDay, $1.course.title) }.compactMap { s in
            guard let sid = s.id else { return nil }
            let expected = traineesPerSession[sid] ?? 0
            let unmarked = expected == 0 ? 0 : halfDays.filter { $0.$session.id == sid && (marksPerHalfDay[$0.id ?? UUID()] ?? 0) < expected }.count
            let toClose = (s.lastDayValue.map { $0 < today }) ?? false
            guard unmarked > 0 || toClose else { return nil }
            return Pending(sessionID: sid, title: s.course.title, firstDay: s.firstDay, unmarked: unmarked, toClose: toClose)
        }
    }
}
