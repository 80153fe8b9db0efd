import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// Reminders of overdue calls (issue #11, item 6): a call whose due date is passed by at least
/// one of its grid's delays (« 15,45 »: step 1 fifteen days after, step 2 forty-five days after),
/// with something still owed and not cancelled, gets one message for the highest step it has
/// reached, unless that step (or a later one) was already sent — `dues_reminders` is UNIQUE on
/// (call, step), so a step is never sent twice, by a click or by the daily job.
enum DuesReminders {
    static let kind = "dues.reminders"
    static let hour = 8

    /// A call due for a reminder now, or listed because nobody can receive it.
    struct Due: Sendable {
        let callID: UUID
        let number: String
        let name: String
        let delegation: String
        let dueOn: String
        let outstanding: Money
        /// 1-based step of the grid's delays.
        let step: Int
        let daysLate: Int
        let recipients: [String]
    }

    struct Plan: Sendable {
        let due: [Due]
        /// Calls a send reminds now.
        var targets: [Due] { due.filter { !$0.recipients.isEmpty } }
        /// Overdue calls whose member has no manager account: listed « sans destinataire ».
        var unreachable: [Due] { due.filter(\.recipients.isEmpty) }
    }

    struct Outcome: Sendable, Equatable {
        let messages: Int
        let unreachable: Int
    }

    /// The calls of `year` in `scope` due for a reminder on `today` (a few reads: the calls
    /// with their departments, the grids, the steps sent, the managers).
    static func plan(year: Int, scope: DuesScope, today: Day, map: NetworkMap, on db: any Database) async throws -> Plan {
        let calls = try await DuesFollowUp.calls(year: year, scope: scope, map: map, on: db)
            .filter { $0.call.status != "cancelled" && $0.call.outstanding.cents > 0 }
        guard !calls.isEmpty else { return Plan(due: []) }
        let grids = try await DuesGrid.query(on: db).filter(\.$year == year).all()
        let delays = Dictionary(uniqueKeysWithValues: grids.map { ($0.id!, $0.reminderDelays) })
        var candidates: [(DuesFollowUp.Located, Int, Int)] = []
        for l in calls {
            guard let due = Day(iso: l.call.dueOn) else { continue }
            let late = Deadline.days(from: due, to: today)
            let reached = (delays[l.call.$grid.id] ?? []).filter { late >= $0 }.count
            if reached > 0 { candidates.append((l, reached, late)) }
        }
        guard !candidates.isEmpty else { return Plan(due: []) }
        let ids = candidates.map { $0.0.call.id! }
        var sent: [UUID: Int] = [:]
        for r in try await DuesReminder.query(on: db).filter(\.$call.$id ~~ ids).all() {
            sent[r.$call.id] = max(sent[r.$call.id] ?? 0, r.step)
        }
        candidates = candidates.filter { (sent[$0.0.call.id!] ?? 0) < $0.1 }
        guard !candidates.isEmpty else { return Plan(due: []) }
        let structures = try await Structure.query(on: db).filter(\.$id ~~ Set(candidates.map { $0.0.call.$structure.id })).all()
        let managers = try await AnswerMail.managers(of: structures, on: db)
        return Plan(due: candidates.map { l, step, late in
            Due(callID: l.call.id!, number: l.call.number, name: l.call.structureName, delegation: l.delegationCode,
                dueOn: l.call.dueOn, outstanding: l.call.outstanding, step: step, daysLate: late,
                recipients: Array(Set(managers[l.call.$structure.id] ?? [])).sorted())
        })
    }

    /// Sends every reminder due in `scope` in one transaction that plans again under a lock on
    /// the year's grids: the steps are recorded with their messages and an audit entry, so a
    /// second click (or the job after a click) finds them sent and queues nothing.
    static func send(year: Int, scope: DuesScope, actor: CurrentUser?, today: Day, now: Date, map: NetworkMap,
                     baseURL: String, outbox: Outbox, on db: any Database) async throws -> Outcome {
        try await db.writeTransaction { tx in
            try await lock(year: year, on: tx)
            let plan = try await plan(year: year, scope: scope, today: today, map: map, on: tx)
            let outcome = Outcome(messages: plan.targets.count, unreachable: plan.unreachable.count)
            guard !plan.targets.isEmpty else { return outcome }
            for d in plan.targets {
                let r = DuesReminder()
                r.$call.id = d.callID
                r.step = d.step
                r.sentAt = now
                r.sentBy = actor?.id
                try await r.create(on: tx)
                try await outbox.queue(to: d.recipients, subject: subject(d.number), body: body(d, baseURL: baseURL), on: tx)
            }
            try await Audit.record(.create, "relance_cotisation", id: String(year),
                                   summary: "Relance des appels de cotisation \(year) : "
                                       + FrenchFormat.plural(outcome.messages, "appel relancé", "appels relancés")
                                       + " (" + plan.targets.map(\.number).joined(separator: ", ") + ")",
                                   after: ["annee": String(year), "appels": plan.targets.map(\.number).joined(separator: ", ")],
                                   actor: actor, on: tx)
            return outcome
        }
    }

    static func subject(_ number: String) -> String { "Relance : appel de cotisation \(number)" }

    static func body(_ d: Due, baseURL: String) -> String {
        "Bonjour,\n\nSauf erreur de notre part, l'appel de cotisation \(d.number) (\(d.name)) arrivé à échéance le "
            + "\(FrenchFormat.date(d.dueOn)) n'est pas entièrement réglé : il reste \(FrenchFormat.euros(cents: d.outstanding.cents)) à payer.\n\n"
            + "Vous pouvez régler par virement en indiquant le numéro \(d.number) dans le libellé, par chèque, "
            + "ou par prélèvement si un mandat SEPA est en place. Si vous avez déjà payé, merci de ne pas tenir compte de ce message.\n\n"
            + "Voir l'appel : \(baseURL)\(DuesURL.call(d.callID).path)\n"
    }

    /// PostgreSQL: the year's grid rows stay locked until the transaction ends, so two sends
    /// of the same year take turns; SQLite writes one transaction at a time.
    private static func lock(year: Int, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        _ = try await sql.select().column("id").from(DuesGrid.schema)
            .where("year", .equal, SQLBind(year)).for(.update).all()
    }

    /// The earlier reminders of the year in the scope, latest first (call number, step, when, who).
    static func history(year: Int, scope: DuesScope, map: NetworkMap, on db: any Database) async throws
        -> [(number: String, step: Int, sentAt: Date, actor: String)] {
        let calls = try await DuesFollowUp.calls(year: year, scope: scope, map: map, on: db)
        let numbers = Dictionary(uniqueKeysWithValues: calls.map { ($0.call.id!, $0.call.number) })
        guard !numbers.isEmpty else { return [] }
        let rows = try await DuesReminder.query(on: db).filter(\.$call.$id ~~ Array(numbers.keys))
            .sort(\.$sentAt, .descending).limit(200).all()
        let ids = Set(rows.compactMap(\.sentBy))
        let users = ids.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.displayName) } })
        return rows.map { (numbers[$0.$call.id] ?? "—", $0.step, $0.sentAt, $0.sentBy.flatMap { names[$0] } ?? "Maillage") }
    }

    // MARK: the daily job

    static func register(on app: Application) {
        app.jobs.register(kind, maxAttempts: 3) { try await run($0) }
        app.jobs.daily(kind, at: hour, kind: kind)
    }

    /// Every step due network-wide, for every year with calls not fully paid (sent_by nil).
    static func run(_ ctx: JobContext) async throws -> String? {
        let app = ctx.application
        let today = Day.today(now: app.services.clock.now)
        let map = try await app.services.networkMaps.current(on: ctx.db)
        let years = try await DuesGrid.query(on: ctx.db).all().map(\.year)
        var lines: [String] = []
        for year in Set(years).sorted() {
            let outcome = try await send(year: year, scope: DuesScope(all: true, delegationIDs: [], departments: [], structureIDs: []),
                                         actor: nil, today: today, now: app.services.clock.now, map: map,
                                         baseURL: app.config.baseURL, outbox: app.services.outbox, on: ctx.db)
            if outcome.messages > 0 || outcome.unreachable > 0 {
                lines.append("\(year): \(outcome.messages) relances, \(outcome.unreachable) sans destinataire")
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }
}
