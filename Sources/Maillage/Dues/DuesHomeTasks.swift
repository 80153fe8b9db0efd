import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// The dues tasks of the home page (one `HomePage.Section`), from a few grouped reads: a member
/// manager declares its bases before the deadline and pays what is due; a delegate follows the
/// overdue calls of their delegation; a national admin issues the year's calls once a grid exists
/// and applies the uploaded statements. Nil while no grid exists (dues not started).
enum DuesHomeTasks {
    static func section(_ req: Request, user: CurrentUser, map: NetworkMap, today: Day) async throws -> HomePage.Section? {
        guard user.isNationalAdmin || !user.delegatedDelegationIDs.isEmpty || !user.managedStructureIDs.isEmpty else { return nil }
        let grids = try await DuesGrid.query(on: req.db).field(\.$id).field(\.$year).field(\.$version)
            .field(\.$declarationDeadline).sort(\.$version, .descending).all()
        guard !grids.isEmpty else { return nil }
        let year = today.year
        let grid = grids.first { $0.year == year }
        var tasks: [HomeTask] = []
        if user.isNationalAdmin {
            tasks += try await admin(req, year: year, hasGrid: grid != nil)
        } else if !user.delegatedDelegationIDs.isEmpty {
            tasks += try await delegate(req, user: user, map: map, today: today)
        }
        if !user.managedStructureIDs.isEmpty {
            tasks += try await member(req, user: user, year: year, deadline: grid?.declarationDeadline, today: today)
        }
        return HomePage.Section(id: "cotisations", title: "Cotisations", tasks: tasks,
                                empty: "Rien n'attend de votre part pour les cotisations.")
    }

    /// Calls not yet issued for the year of a grid; statements uploaded but not applied.
    static func admin(_ req: Request, year: Int, hasGrid: Bool) async throws -> [HomeTask] {
        var tasks: [HomeTask] = []
        if hasGrid, try await DuesCall.query(on: req.db).filter(\.$year == year).count() == 0 {
            tasks.append(HomeTask("Le barème \(year) existe : les appels de cotisation \(year) ne sont pas encore émis",
                                  href: req.link(to: DuesURL.generate(year)), urgency: .soon))
        }
        let statements = try await DuesStatementBatch.query(on: req.db).filter(\.$appliedAt == nil).count()
        if statements > 0 {
            tasks.append(HomeTask(FrenchFormat.plural(statements, "relevé bancaire déposé n'est pas appliqué", "relevés bancaires déposés ne sont pas appliqués"),
                                  count: statements, href: req.link(to: .dues(.statements))))
        }
        return tasks
    }

    /// Overdue calls of each delegation followed (one grouped read per year with calls).
    static func delegate(_ req: Request, user: CurrentUser, map: NetworkMap, today: Day) async throws -> [HomeTask] {
        let sql = req.db as! any SQLDatabase
        struct Row: Decodable { let year: Int; let dep: String; let del: UUID?; let n: Int64 }
        let rows = try await sql.raw("""
            SELECT c.year AS year, s.department_code AS dep, c.delegation_id AS del, COUNT(*) AS n
            FROM dues_calls c JOIN structures s ON s.id = c.structure_id
            WHERE c.status NOT IN ('cancelled', 'paid') AND c.due_on < \(bind: today.iso) AND c.total_cents - c.credited_cents - c.paid_cents > 0
            GROUP BY c.year, s.department_code, c.delegation_id
            """).all(decoding: Row.self)
        let mine = Set(user.delegatedDelegationIDs)
        var byYear: [Int: Int] = [:]
        for r in rows {
            guard let d = DuesFollowUp.delegation(recorded: r.del, department: r.dep, map: map), mine.contains(d.delegationID) else { continue }
            byYear[r.year, default: 0] += Int(r.n)
        }
        return byYear.keys.sorted().map { y in
            HomeTask(FrenchFormat.plural(byYear[y]!, "appel de cotisation \(y) est en retard", "appels de cotisation \(y) sont en retard")
                     + " dans votre délégation", count: byYear[y]!, href: req.link(to: DuesURL.reminderPreview(y)), urgency: .late)
        }
    }

    /// The bases to declare before the deadline, and each call with something still owed.
    static func member(_ req: Request, user: CurrentUser, year: Int, deadline: String?, today: Day) async throws -> [HomeTask] {
        var tasks: [HomeTask] = []
        let ids = Array(user.managedStructureIDs)
        if let deadline, let limit = Deadline(iso: deadline, today: today), limit.daysLeft >= 0 {
            let done = Set(try await DuesBase.query(on: req.db).filter(\.$year == year).filter(\.$structure.$id ~~ ids)
                .filter(\.$source ~~ ["declared", "confirmed", "corrected"]).field(\.$structure.$id).all().map { $0.$structure.id })
            let structures = try await Structure.query(on: req.db).filter(\.$id ~~ ids).field(\.$id).field(\.$name).sort(\.$name).all()
            for s in structures where !done.contains(s.id!) {
                tasks.append(HomeTask("Déclarez votre assiette \(year) avant le \(FrenchFormat.longDate(limit.day))"
                                        + (structures.count > 1 ? " (\(s.name))" : ""),
                                      deadline: "Date limite \(limit.distance)", href: req.link(to: DuesURL.base(year, s.id!)),
                                      urgency: limit.urgency))
            }
        }
        let calls = try await DuesCall.query(on: req.db).filter(\.$structure.$id ~~ ids).filter(\.$status != "cancelled")
            .field(\.$id).field(\.$number).field(\.$dueOn).field(\.$totalCents).field(\.$creditedCents).field(\.$paidCents)
            .field(\.$status).field(\.$year).field(\.$seq).sort(\.$year).sort(\.$seq).all()
        for c in calls where c.outstanding.cents > 0 {
            let due = Deadline(iso: c.dueOn, today: today)
            let owed = FrenchFormat.euros(cents: c.outstanding.cents)
            tasks.append(HomeTask("Appel \(c.number) : \(owed) \(c.outstanding.cents >= 200 ? "restent dus" : "reste dû")"
                                    + (due.map { " (échéance le \(FrenchFormat.longDate($0.day)))" } ?? ""),
                                  deadline: due.map { $0.daysLeft < 0 ? "Échéance dépassée depuis \(FrenchFormat.plural(-$0.daysLeft, "jour", "jours"))" : "Échéance \($0.distance)" },
                                  href: req.link(to: DuesURL.call(c.id!)), urgency: due?.urgency ?? .info))
        }
        return tasks
    }
}
