import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// Reminders before a certificate's expiry and before each planned audit (issue #14, item 2):
/// every day at 06:00 (Paris), for every certification neither withdrawn nor lapsed, the steps
/// its standard's `reminderDays` make due today (`ReminderPlan`) are recorded in
/// `quality_reminders` — UNIQUE on (certification, kind, target, days before), inserted with
/// `ON CONFLICT DO NOTHING`, so a step is recorded once whatever the number of runs or
/// instances — and a step just recorded that is its target's nearest sends one message to the
/// structure's managers and its delegation's delegates, in the same transaction. Then the
/// certifications whose expiry has passed lapse (`CertificationService.lapseExpired`).
enum QualityReminders {
    static let kind = "quality.reminders"
    static let hour = 6

    static func register(on app: Application) {
        app.jobs.register(kind, maxAttempts: 3) { try await run($0) }
        app.jobs.daily(kind, at: hour, kind: kind)
    }

    struct Outcome: Sendable, Equatable {
        /// Steps recorded now (with or without a message).
        var recorded = 0
        /// Messages queued (one per recipient).
        var messages = 0
        /// Steps recorded with a message but nobody to receive it.
        var unreachable = 0
    }

    static func run(_ ctx: JobContext) async throws -> String? {
        let app = ctx.application
        let today = Day.today(now: app.services.clock.now)
        let outcome = try await send(today: today, now: app.services.clock.now, map: try await app.services.networkMaps.current(on: ctx.db),
                                     baseURL: app.config.baseURL, outbox: app.services.outbox, on: ctx.db)
        let lapsed = try await CertificationService.lapseExpired(today: today, baseURL: app.config.baseURL, on: ctx.db)
        ctx.logger.info("quality reminders", metadata: ["recorded": .stringConvertible(outcome.recorded),
                                                        "messages": .stringConvertible(outcome.messages),
                                                        "lapsed": .stringConvertible(lapsed)])
        guard outcome.recorded > 0 || lapsed > 0 else { return nil }
        return "\(FrenchFormat.plural(outcome.recorded, "rappel enregistré", "rappels enregistrés")), "
            + "\(FrenchFormat.plural(outcome.messages, "message", "messages")), "
            + "\(FrenchFormat.plural(lapsed, "certification échue", "certifications échues"))"
    }

    /// Records the steps due `today` and queues their messages, in one write transaction.
    static func send(today: Day, now: Date, map: NetworkMap, baseURL: String, outbox: Outbox,
                     on db: any Database) async throws -> Outcome {
        try await db.writeTransaction { tx in
            let live = CertificationStatus.allCases.filter(\.isLive).map(\.rawValue)
            let certifications = try await Certification.query(on: tx).filter(\.$status ~~ live)
                .group(.or) { $0.filter(\.$expiresOn != nil).filter(\.$auditOn != nil) }.all()
            guard !certifications.isEmpty else { return Outcome() }
            let standards = Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: tx).all().map { ($0.id!, $0) })
            var outcome = Outcome()
            var recipients: [UUID: [String]]? = nil
            var structures: [UUID: Structure] = [:]
            for c in certifications {
                guard let cid = c.id, let standard = standards[c.$standard.id] else { continue }
                let steps = ReminderPlan.due(targets: ReminderPlan.targets(expiresOn: c.expiresOnValue, auditOn: c.auditOnValue),
                                             offsets: standard.reminderOffsets, today: today)
                for step in steps {
                    guard try await insert(cid, step, now: now, on: tx) else { continue }
                    outcome.recorded += 1
                    guard step.mails else { continue }
                    if recipients == nil {
                        (structures, recipients) = try await people(of: certifications, map: map, on: tx)
                    }
                    let to = recipients?[c.$structure.id] ?? []
                    guard let structure = structures[c.$structure.id], !to.isEmpty else { outcome.unreachable += 1; continue }
                    try await outbox.queue(to: to, subject: subject(step, standard: standard, structure: structure),
                                           body: body(step, certification: c, standard: standard, structure: structure, baseURL: baseURL), on: tx)
                    outcome.messages += Set(to).count
                }
            }
            return outcome
        }
    }

    /// One step, recorded unless it already is: true when this call recorded it.
    static func insert(_ certificationID: UUID, _ step: ReminderPlan.Step, now: Date, on db: any Database) async throws -> Bool {
        struct Inserted: Decodable { let id: UUID }
        let query: SQLQueryString = """
            INSERT INTO quality_reminders (id, certification_id, kind, target_on, days_before, created_at)
            VALUES (\(bind: UUID()), \(bind: certificationID), \(bind: step.kind.rawValue), \(bind: step.target.iso), \(bind: step.daysBefore), \(bind: now))
            ON CONFLICT (certification_id, kind, target_on, days_before) DO NOTHING RETURNING id
            """
        return try await (db as! any SQLDatabase).raw(query).first(decoding: Inserted.self) != nil
    }

    /// The structures of the certifications, and who hears of each: its managers (and its GES's)
    /// and the regional delegates of its delegation in this year's map.
    static func people(of certifications: [Certification], map: NetworkMap,
                       on db: any Database) async throws -> ([UUID: Structure], [UUID: [String]]) {
        let list = try await Structure.query(on: db).filter(\.$id ~~ Set(certifications.map(\.$structure.id))).all()
        let managers = try await AnswerMail.managers(of: list, on: db)
        let grants = try await RoleGrant.query(on: db).filter(\.$role == Role.regionalDelegate.rawValue).with(\.$user).all()
        var delegates: [UUID: [String]] = [:]
        for g in grants where g.user.isActive { if let d = g.$delegation.id { delegates[d, default: []].append(g.user.email) } }
        var structures: [UUID: Structure] = [:], people: [UUID: [String]] = [:]
        for s in list {
            guard let id = s.id else { continue }
            structures[id] = s
            let delegation = map.delegation(ofDepartment: s.departmentCode).flatMap { delegates[$0.delegationID] } ?? []
            people[id] = Array(Set((managers[id] ?? []) + delegation)).sorted()
        }
        return (structures, people)
    }

    static func subject(_ step: ReminderPlan.Step, standard: QualityStandard, structure: Structure) -> String {
        switch step.kind {
        case .expiry: "Certification \(standard.name) de \(structure.name) : échéance le \(step.target.french)"
        case .audit: "Audit \(standard.name) de \(structure.name) prévu le \(step.target.french)"
        }
    }

    static func body(_ step: ReminderPlan.Step, certification c: Certification, standard: QualityStandard, structure: Structure,
                     baseURL: String) -> String {
        let when = "le \(FrenchFormat.longDate(step.target)) (\(distance(step.daysLeft)))"
        let what: String
        switch step.kind {
        case .expiry:
            what = "La certification \(standard.name) de \(structure.name) arrive à échéance \(when). "
                + "Sans renouvellement d'ici là, elle sera constatée échue le lendemain : pensez à programmer l'audit de renouvellement "
                + "avec l'organisme certificateur."
        case .audit:
            let kind = c.auditKindValue?.label ?? "L'audit"
            what = "\(kind) de la certification \(standard.name) de \(structure.name) est prévu \(when)."
                + (c.body.isEmpty ? "" : " Organisme : \(c.body).")
        }
        return "Bonjour,\n\n\(what)\n\nVoir la certification : \(baseURL)\(QualityURL.certification(structure.id!, c.id!).path)\n"
    }

    /// « dans 30 jours », « demain », « aujourd'hui ».
    static func distance(_ days: Int) -> String {
        switch days {
        case 0: "aujourd'hui"
        case 1: "demain"
        default: "dans \(days) jours"
        }
    }
}
