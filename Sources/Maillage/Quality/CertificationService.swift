import Fluent
import Foundation
import MaillageCore

/// Every step of a certification's life (`CertificationWorkflow`), for pages and the daily job.
/// One step is one `writeTransaction`: the row locked and re-read, the table and the form's
/// version checked, the record written with its event, its audit entry, the register's cache
/// version (the public directory shows the labels) and, for the steps the managers must know of,
/// an e-mail to them.
enum CertificationService {
    static let maxText = 200
    static let maxNote = 4000
    static let maxCycleDays = 10 * 366

    typealias Actor = StepActor
    typealias Context = StepContext

    /// Why a step was refused, in French for the page.
    enum Refusal: Error, Equatable {
        /// Not in a state the step starts from (409).
        case wrongState(CertificationStatus)
        /// The page was read before another step (409).
        case stale
        /// Taking note of the expiry before the expiry's next day (409).
        case notExpired
        /// The person may not take this step (403; pages never offer it).
        case notPermitted
        /// Bad input, by field (422).
        case invalid(FieldErrors)

        var message: String {
            switch self {
            case .wrongState(let s):
                "Cette certification est maintenant « \(s.label.lowercased()) » : cette étape n'est plus possible. Rechargez la page."
            case .stale:
                "La certification a changé depuis que vous avez ouvert la page (quelqu'un vient de l'enregistrer). Rechargez la page et recommencez."
            case .notExpired:
                "L'échéance de cette certification n'est pas encore passée : elle ne peut être constatée qu'à partir du lendemain."
            case .notPermitted:
                "Vous ne pouvez pas faire cette étape sur cette certification."
            case .invalid(let errors):
                errors.summary.map(\.message).joined(separator: " ")
            }
        }

        static func == (a: Refusal, b: Refusal) -> Bool { a.message == b.message }
    }

    /// A new certification, as read by `CertificationForms`.
    struct NewCertification: Sendable {
        var structureID: UUID
        var standardID: UUID
        var engagedOn: Day
        var body: String = ""
        var auditor: String = ""
        var note: String = ""
    }

    /// What a step carries, as read by `CertificationForms` (each step reads what it needs).
    struct StepInput: Sendable {
        /// The audit's day (plan, surveillance), the decision's (certify, renew), the reinstatement's.
        var day: Day?
        /// The new expiry (certify, renew); nil: the decision plus the standard's cycle.
        var expiresOn: Day?
        var auditKind: AuditKind?
        /// The body and the auditor; nil keeps the record's.
        var body: String?
        var auditor: String?
        /// The audit's outcome, or the reason of a suspension or withdrawal.
        var note: String = ""
        /// « Je confirme le retrait ».
        var confirmed = false
    }

    // MARK: creating

    static func create(_ input: NewCertification, by actor: Actor, context: Context, on db: any Database) async throws -> Certification {
        try await db.writeTransaction { tx in
            guard !CertificationWorkflow.table.transition(.create).by.isDisjoint(with: actor.parties) else { throw Refusal.notPermitted }
            // The structure's row locked: two engagements under one standard at once would both pass the live check.
            try await RowLock.lock(Structure.schema, input.structureID, on: tx)
            guard let structure = try await Structure.find(input.structureID, on: tx) else { throw Refusal.notPermitted }
            var errors = FieldErrors()
            let standard = try await QualityStandard.find(input.standardID, on: tx)
            if let standard, standard.active {
                let existing = try await Certification.query(on: tx).filter(\.$structure.$id == input.structureID)
                    .filter(\.$standard.$id == input.standardID).all()
                if let live = existing.first(where: { $0.statusValue.isLive }) {
                    errors.add("certification_standard", "\(structure.name) a déjà une certification \(standard.name) en cours "
                        + "(« \(live.statusValue.label.lowercased()) ») : poursuivez-la plutôt que d'en engager une autre.")
                }
            } else {
                errors.add("certification_standard", "Choisissez un référentiel dans la liste.")
            }
            guard errors.isEmpty, let standard else { throw Refusal.invalid(errors) }
            let c = Certification(structureID: input.structureID, standardID: try standard.requireID(), engagedOn: input.engagedOn,
                                  body: input.body, auditor: input.auditor, note: input.note)
            try await c.create(on: tx)
            let id = try c.requireID()
            try await CertificationEvent(certificationID: id, action: CertificationAction.create.rawValue, from: nil, to: .engaged,
                                         on: input.engagedOn, note: input.note, actorID: actor.user?.id).create(on: tx)
            try await Audit.record(.create, CertificationAction.create.auditKind, id: id.uuidString,
                                   summary: "Certification \(standard.name) engagée — \(structure.name)",
                                   after: snapshot(c, standard: standard), actor: actor.user, on: tx)
            try await CacheVersions.bump(.register, on: tx)
            return c
        }
    }

    // MARK: the steps

    /// Takes `action` on the certification `id` of the structure `structureID`. `version`: the
    /// form's (nil is stale, except for the application itself).
    @discardableResult
    static func perform(_ action: CertificationAction, on id: UUID, of structureID: UUID, version: Int?, input: StepInput = StepInput(),
                        by actor: Actor, context: Context, on db: any Database) async throws -> Certification {
        try await db.writeTransaction { tx in
            try await RowLock.lock(Certification.schema, id, on: tx)
            guard let c = try await Certification.find(id, on: tx), c.$structure.id == structureID,
                  let standard = try await QualityStandard.find(c.$standard.id, on: tx),
                  let structure = try await Structure.find(structureID, on: tx) else { throw Refusal.notPermitted }
            if version != c.version, !(version == nil && actor.parties.contains(.system)) { throw Refusal.stale }
            let from = c.statusValue
            switch Result(catching: { () throws(WorkflowRefusal<CertificationStatus>) in
                try CertificationWorkflow.table.check(action, from: from, by: actor.parties)
            }) {
            case .success: break
            case .failure(.wrongState(let s)): throw Refusal.wrongState(s)
            case .failure(.notPermitted): throw Refusal.notPermitted
            }
            let today = context.today
            let step = try checked(action, input, certification: c, standard: standard, today: today)
            let before = snapshot(c, standard: standard)
            let to = CertificationWorkflow.target(action, from: from, renewals: c.renewals)
            apply(action, step, to: c, standard: standard)
            c.status = to.rawValue
            c.version += 1
            try await c.save(on: tx)
            try await CertificationEvent(certificationID: id, action: action.rawValue, from: from, to: to,
                                         on: step.eventDay ?? today, expiresOn: step.expiresOn, auditKind: step.auditKind,
                                         note: step.note, actorID: actor.user?.id).create(on: tx)
            var after = snapshot(c, standard: standard)
            if !step.note.isEmpty { after["etape_note"] = step.note }
            let transition = CertificationWorkflow.table.transition(action)
            try await Audit.record(.update, action.auditKind, id: id.uuidString,
                                   summary: "\(transition.records) — \(standard.name), \(structure.name)\(step.summarySuffix)",
                                   before: before, after: after, actor: actor.user, on: tx)
            try await CacheVersions.bump(.register, on: tx)
            if action.mailsManagers {
                try await mail(action, certification: c, standard: standard, structure: structure, note: step.note, context: context, on: tx)
            }
            return c
        }
    }

    /// The daily job's part: every certified, renewed or suspended certification whose expiry is
    /// before `today` lapses, as of the expiry's next day, taken by the application (`system`).
    /// Returns how many lapsed. A record someone changes meanwhile is left for the next run.
    @discardableResult
    static func lapseExpired(today: Day, baseURL: String = "", on db: any Database) async throws -> Int {
        let held = [CertificationStatus.certified, .renewed, .suspended].map(\.rawValue)
        let due = try await Certification.query(on: db).filter(\.$status ~~ held)
            .filter(\.$expiresOn != nil).filter(\.$expiresOn < today.iso).all()
        // The job runs for a day, whatever its clock: noon in Paris of that day.
        let context = Context(now: ParisTime.instant(today, LocalTime(hour: 12, minute: 0)!), baseURL: baseURL, outbox: Outbox())
        var lapsed = 0
        for c in due {
            guard let id = c.id else { continue }
            do {
                try await perform(.lapse, on: id, of: c.$structure.id, version: c.version, by: .system, context: context, on: db)
                lapsed += 1
            } catch is Refusal {
                continue
            }
        }
        return lapsed
    }
}
