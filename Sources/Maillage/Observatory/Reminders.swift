import Fluent
import Foundation
import MaillageCore
import SQLKit

/// One click on « Relancer »: when, by whom, how many messages went to how many structures.
/// Its targets are the structures it reminded: none of them is reminded again within the
/// delay (`AppConfig.reminderDelayDays`).
final class ReminderRun: Model, @unchecked Sendable {
    static let schema = "reminder_runs"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "at") var at: Date
    /// Who clicked (nil: the application itself).
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// Messages queued: one per manager, whatever the number of their late structures.
    @Field(key: "recipients") var recipients: Int
    @Field(key: "structures") var structures: Int

    // relationships
    @Parent(key: "campaign_id") var campaign: Campaign
    @Children(for: \.$run) var targets: [ReminderTarget]

    init() {}

    init(campaignID: UUID, at: Date, actorID: UUID?, recipients: Int, structures: Int) {
        self.$campaign.id = campaignID
        self.at = at
        self.actorID = actorID
        self.recipients = recipients
        self.structures = structures
    }
}

/// A structure a run reminded.
final class ReminderTarget: Model, @unchecked Sendable {
    static let schema = "reminder_targets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "run_id") var run: ReminderRun
    @Field(key: "structure_id") var structureID: UUID

    init() {}

    init(runID: UUID, structureID: UUID) {
        self.$run.id = runID
        self.structureID = structureID
    }
}

/// Reminders of a campaign's late structures (issue #9): who they will reach and who not
/// is said before anything is sent, a structure reminded within the delay is skipped, and
/// each run is recorded with its targets in the same transaction as its messages — so a
/// second click queues nothing.
enum Reminders {
    /// A late structure: it owes at least one answer not yet transmitted.
    struct Late: Sendable {
        let id: UUID
        let name: String
        let delegation: String?
        /// Answers it owes (one per type it holds).
        let answers: Int
        /// Its active managers (its own, and its GES's).
        let managers: [String]
        /// When it was last reminded, if within the delay: it is skipped.
        let remindedAt: Date?
    }

    /// What a click would do now, for the preview page and the send alike.
    struct Plan: Sendable {
        let late: [Late]
        /// Answers owed by the late structures, in the person's perimeter.
        var lateAnswers: Int { late.reduce(0) { $0 + $1.answers } }
        /// Reminded within the delay: skipped.
        var skipped: [Late] { late.filter { $0.remindedAt != nil } }
        /// No manager account: nobody to remind.
        var unreachable: [Late] { late.filter { $0.remindedAt == nil && $0.managers.isEmpty } }
        /// The structures a click reminds now.
        var targets: [Late] { late.filter { $0.remindedAt == nil && !$0.managers.isEmpty } }
        /// Each recipient with the names of their structures, one message each.
        var messages: [(recipient: String, structures: [String])] {
            var byRecipient: [String: Set<String>] = [:]
            for s in targets { for m in s.managers { byRecipient[m, default: []].insert(s.name) } }
            return byRecipient.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted()) }
        }
    }

    /// What a run did, for the flash message.
    struct Outcome: Sendable, Equatable {
        let recipients: Int
        let structures: Int
        let skipped: Int
        let unreachable: Int
    }

    /// The late structures in the person's perimeter (`CampaignProgress`: every one for an
    /// admin, their delegations' for a delegate), with their managers and their last reminder.
    static func plan(_ campaign: Campaign, for user: CurrentUser, map: NetworkMap, now: Date, delayDays: Int,
                     on db: any Database) async throws -> Plan {
        let progress = try await CampaignProgress.load(campaign, for: user, map: map, on: db)
        var owed: [UUID: Int] = [:]
        var delegation: [UUID: String] = [:]
        for u in progress.units where u.state == .notStarted || u.state == .drafting {
            owed[u.structure.id, default: 0] += 1
            delegation[u.structure.id] = u.delegation?.name
        }
        guard !owed.isEmpty else { return Plan(late: []) }
        let structures = try await Structure.query(on: db).filter(\.$id ~~ Array(owed.keys)).sort(\.$name).all()
        let managers = try await AnswerMail.managers(of: structures, on: db)
        let reminded = try await lastReminded(campaign, since: now.addingTimeInterval(-Double(delayDays) * 86_400), on: db)
        let late = try structures.map { s in
            let id = try s.requireID()
            return Late(id: id, name: s.name, delegation: delegation[id] ?? nil, answers: owed[id] ?? 0,
                        managers: managers[id] ?? [], remindedAt: reminded[id])
        }
        return Plan(late: late)
    }

    /// Each structure of the campaign reminded since `since`, with its last reminder.
    static func lastReminded(_ campaign: Campaign, since: Date, on db: any Database) async throws -> [UUID: Date] {
        let runs = try await ReminderRun.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$at > since).with(\.$targets).all()
        var out: [UUID: Date] = [:]
        for run in runs { for t in run.targets { out[t.structureID] = max(out[t.structureID] ?? run.at, run.at) } }
        return out
    }

    /// Queues one message per manager of the structures to remind now and records the run,
    /// in one transaction that plans again inside it (under a lock on the campaign's row,
    /// where the database has one): a second click, even a simultaneous one, finds every
    /// structure reminded and queues nothing. A run that reaches nobody is not recorded.
    static func send(_ campaign: Campaign, by user: CurrentUser, map: NetworkMap, now: Date, delayDays: Int,
                     baseURL: String, outbox: Outbox, on db: any Database) async throws -> Outcome {
        try await send(campaign, perimeter: user, actor: user, map: map, now: now, delayDays: delayDays,
                       baseURL: baseURL, outbox: outbox, on: db)
    }

    /// The same send for the late structures of `perimeter`, recorded as taken by `actor`
    /// (nil: the application itself, e.g. the daily automatic reminder, `ReminderSchedule`).
    static func send(_ campaign: Campaign, perimeter user: CurrentUser, actor: CurrentUser?, map: NetworkMap, now: Date,
                     delayDays: Int, baseURL: String, outbox: Outbox, on db: any Database) async throws -> Outcome {
        try await db.transaction { tx in
            try await lock(campaign, on: tx)
            let plan = try await plan(campaign, for: user, map: map, now: now, delayDays: delayDays, on: tx)
            let messages = plan.messages
            let outcome = Outcome(recipients: messages.count, structures: plan.targets.count,
                                  skipped: plan.skipped.count, unreachable: plan.unreachable.count)
            guard !messages.isEmpty else { return outcome }
            for m in messages {
                try await outbox.queue(to: m.recipient, subject: "Observatoire \(campaign.year) : votre réponse est attendue",
                                       body: body(campaign, structures: m.structures, baseURL: baseURL), on: tx)
            }
            let run = ReminderRun(campaignID: try campaign.requireID(), at: now, actorID: actor?.id,
                                  recipients: outcome.recipients, structures: outcome.structures)
            try await run.create(on: tx)
            for s in plan.targets { try await ReminderTarget(runID: try run.requireID(), structureID: s.id).create(on: tx) }
            try await Audit.record(.create, "relance_observatoire", id: run.id!.uuidString,
                                   summary: "Relance de la campagne \(campaign.year) : "
                                       + "\(FrenchFormat.plural(outcome.recipients, "message", "messages")) pour "
                                       + FrenchFormat.plural(outcome.structures, "structure", "structures"),
                                   actor: actor, on: tx)
            return outcome
        }
    }

    static func body(_ campaign: Campaign, structures: [String], baseURL: String) -> String {
        "Bonjour,\n\nL'enquête de l'Observatoire sur les données \(campaign.year) est ouverte jusqu'au "
            + "\(FrenchFormat.date(campaign.closesOn)). Nous attendons encore la réponse de : "
            + "\(structures.joined(separator: ", ")).\n\nRépondre : \(baseURL)\(SiteURL.observatory.path)\n"
    }

    /// The earlier runs of the campaign, latest first, with the name of who sent each.
    static func history(_ campaign: Campaign, on db: any Database) async throws -> [(run: ReminderRun, actor: String)] {
        let runs = try await ReminderRun.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .sort(\.$at, .descending).all()
        let ids = Set(runs.compactMap(\.actorID))
        let users = ids.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.displayName) } })
        return runs.map { ($0, $0.actorID.flatMap { names[$0] } ?? "Maillage") }
    }

    /// Serializes reminders of one campaign: PostgreSQL locks its row until the transaction
    /// ends (`FOR UPDATE`); SQLite, which writes one transaction at a time, leaves the clause out.
    private static func lock(_ campaign: Campaign, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { return }
        _ = try await sql.select().column("id").from(Campaign.schema)
            .where("id", .equal, SQLBind(try campaign.requireID())).for(.update).all()
    }
}
