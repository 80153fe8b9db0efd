import Fluent
import Foundation
import MaillageCore
import Vapor

/// The member managers' training tasks on the home page (one `HomePage.Section`): their staff's
/// coming sessions, the next one with its cancellation deadline, and who waits on a waiting list.
/// Nil for anybody who manages no structure.
enum RegistrationHomeTasks {
    struct Counts: Sendable, Equatable {
        var coming = 0, waiting = 0
        /// The next session's first day and cancellation deadline among the coming confirmed ones.
        var nextDay: String? = nil
        var nextCancellation: String? = nil
    }

    static func section(_ req: Request, user: CurrentUser, today: Day) async throws -> HomePage.Section? {
        guard user.has(.memberManager), !user.managedStructureIDs.isEmpty else { return nil }
        let c = try await counts(structureIDs: user.managedStructureIDs, today: today, on: req.db)
        var tasks: [HomeTask] = []
        let list = SiteURL.training(.registrations)
        if c.coming > 0 {
            let deadline = c.nextCancellation.flatMap { Deadline(iso: $0, today: today) }
            tasks.append(HomeTask(FrenchFormat.plural(c.coming, "personne de votre personnel est inscrite à une formation à venir",
                                                     "personnes de votre personnel sont inscrites à des formations à venir"),
                                  count: c.coming,
                                  deadline: deadline.map { "Annulation de la prochaine session " + $0.sentence },
                                  detail: c.nextDay.map { "Prochaine session le \(FrenchFormat.date($0))." },
                                  href: req.link(to: list, query: ["statut": RegistrationStatus.confirmed.rawValue])))
        }
        if c.waiting > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(c.waiting, "personne attend sur une liste d'attente", "personnes attendent sur des listes d'attente"),
                                  count: c.waiting, href: req.link(to: list, query: ["statut": RegistrationStatus.waiting.rawValue]),
                                  urgency: .soon))
        }
        return HomePage.Section(id: "formations", title: "Formations de votre personnel", tasks: tasks,
                                empty: "Personne de votre personnel n'est inscrit à une formation à venir.")
    }

    /// The counts, from the live registrations of the structures and their sessions' few fields.
    static func counts(structureIDs: Set<UUID>, today: Day, on db: any Database) async throws -> Counts {
        var c = Counts()
        let live = try await TrainingRegistration.query(on: db).filter(\.$structure.$id ~~ Array(structureIDs))
            .filter(\.$status ~~ [RegistrationStatus.confirmed.rawValue, RegistrationStatus.waiting.rawValue])
            .field(\.$id).field(\.$session.$id).field(\.$status).all()
        guard !live.isEmpty else { return c }
        let sessions = try await TrainingSession.query(on: db).filter(\.$id ~~ Array(Set(live.map(\.$session.id))))
            .filter(\.$lastDay >= today.iso).filter(\.$status ~~ [SessionStatus.planned.rawValue, SessionStatus.confirmed.rawValue])
            .field(\.$id).field(\.$firstDay).field(\.$lastDay).field(\.$cancellationDeadline).field(\.$status).all()
        let coming = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id!, $0) })
        for r in live {
            guard let s = coming[r.$session.id] else { continue }
            if r.statusValue == .waiting { c.waiting += 1; continue }
            c.coming += 1
            if c.nextDay == nil || s.firstDay < c.nextDay! { c.nextDay = s.firstDay; c.nextCancellation = s.cancellationDeadline }
        }
        return c
    }
}
