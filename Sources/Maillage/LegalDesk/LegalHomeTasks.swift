import Fluent
import Foundation
import MaillageCore
import Vapor

/// The legal desk's tasks of the home page (one `HomePage.Section`), from grouped counts: a jurist
/// takes the new unassigned questions, answers the ones they hold, and sees the overdue ones; a
/// member manager answers the jurists' requests and reads the new answers. Nil for anybody else.
enum LegalHomeTasks {
    struct Counts: Sendable, Equatable {
        var unassigned = 0, mine = 0, overdue = 0, waiting = 0, answered = 0
    }

    static func section(_ req: Request, user: CurrentUser, today: Day) async throws -> HomePage.Section? {
        let jurist = user.has(.jurist)
        guard jurist || !user.managedStructureIDs.isEmpty else { return nil }
        let c = try await counts(user: user, today: today, on: req.db)
        var tasks: [HomeTask] = []
        let home = SiteURL.legal(.home)
        if jurist {
            if c.unassigned > 0 {
                tasks.append(HomeTask(FrenchFormat.plural(c.unassigned, "nouvelle question attend un juriste", "nouvelles questions attendent un juriste"),
                                      count: c.unassigned, href: req.link(to: home, query: ["statut": "new", "juriste": "aucun"]), urgency: .soon))
            }
            if c.mine > 0 {
                tasks.append(HomeTask(FrenchFormat.plural(c.mine, "question en cours vous est attribuée", "questions en cours vous sont attribuées"),
                                      count: c.mine, href: req.link(to: home, query: ["statut": "in_progress", "juriste": user.id.uuidString])))
            }
            if c.overdue > 0 {
                tasks.append(HomeTask(FrenchFormat.plural(c.overdue, "question a dépassé le délai promis", "questions ont dépassé le délai promis"),
                                      count: c.overdue, href: req.link(to: home, query: ["retard": "1"]), urgency: .late))
            }
        }
        if !user.managedStructureIDs.isEmpty {
            if c.waiting > 0 {
                tasks.append(HomeTask(FrenchFormat.plural(c.waiting, "question attend votre réponse", "questions attendent votre réponse"),
                                      count: c.waiting, href: req.link(to: home, query: ["statut": "waiting"]), urgency: .soon))
            }
            if c.answered > 0 {
                tasks.append(HomeTask(FrenchFormat.plural(c.answered, "nouvelle réponse à lire", "nouvelles réponses à lire"),
                                      count: c.answered, href: req.link(to: home, query: ["statut": "answered"])))
            }
        }
        return HomePage.Section(id: "juridique", title: "Appui juridique", tasks: tasks,
                                empty: "Rien n'attend de votre part à l'appui juridique.")
    }

    /// The counts, from the open questions' few fields (status, assignee, due day).
    static func counts(user: CurrentUser, today: Day, on db: any Database) async throws -> Counts {
        var c = Counts()
        if user.has(.jurist) {
            let open = try await LegalQuestion.query(on: db).filter(\.$status ~~ [QuestionStatus.new.rawValue, QuestionStatus.inProgress.rawValue])
                .field(\.$id).field(\.$status).field(\.$assigneeID).field(\.$dueOn).all()
            for q in open {
                if q.statusValue == .new && q.assigneeID == nil { c.unassigned += 1 }
                if q.statusValue == .inProgress && q.assigneeID == user.id { c.mine += 1 }
                if LegalListQueries.isOverdue(status: q.statusValue, dueOn: q.dueOn, today: today) { c.overdue += 1 }
            }
        }
        if !user.managedStructureIDs.isEmpty {
            let own = try await LegalQuestion.query(on: db).filter(\.$structure.$id ~~ Array(user.managedStructureIDs))
                .filter(\.$status ~~ [QuestionStatus.waiting.rawValue, QuestionStatus.answered.rawValue]).field(\.$id).field(\.$status).all()
            c.waiting = own.filter { $0.statusValue == .waiting }.count
            c.answered = own.filter { $0.statusValue == .answered }.count
        }
        return c
    }
}
