import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// Every step of a registration's life (`RegistrationWorkflow`): registering up to five trainees,
/// cancelling one, moving the waiting list up, cancelling all of a cancelled session. Each step runs
/// in one `writeTransaction` with the session row locked first (`RowLock`), so the
/// seats are counted by one step at a time: never more confirmed than the session's capacity.
enum RegistrationService {
    static let maxTrainees = 5
    static let maxName = 100
    static let maxEmail = 200
    static let maxJob = 200

    /// Why a step was refused, in French.
    enum Refusal: Error, Equatable {
        /// Bad input, by field (422).
        case invalid(FieldErrors)
        /// The session does not take registrations, or the cancellation deadline has passed (409).
        case closed(String)
        /// The registration is no longer in a state the step starts from (409).
        case wrongState(RegistrationStatus)
        /// The person may not take this step (403; pages never offer it).
        case notPermitted

        var message: String {
            switch self {
            case .invalid(let errors): errors.summary.map(\.message).joined(separator: " ")
            case .closed(let why): why
            case .wrongState(let s): "Cette inscription est maintenant « \(s.label) » : cette action n'est plus possible. Rechargez la page."
            case .notPermitted: "Vous ne pouvez pas faire cette action sur cette inscription."
            }
        }

        static func == (a: Refusal, b: Refusal) -> Bool { a.message == b.message }
    }

    /// Who takes a step: the person (nil for the system) and what they are to the registration.
    typealias Actor = StepActor
    typealias Context = StepContext

    /// One person to register, as typed (`RegistrationForms` trims and bounds it).
    struct Trainee: Sendable, Equatable {
        var firstName: String
        var lastName: String
        var email: String
        var job: String
        var category: TraineeCategory
        var funding: TrainingFunding
    }

    /// What a register step did, in the order the trainees were given.
    struct Outcome: Sendable {
        var confirmed: [TrainingRegistration] = []
        var waiting: [TrainingRegistration] = []
        /// Rank on the waiting list of each waiting registration (1 = next to move up).
        var ranks: [UUID: Int] = [:]
    }

    // MARK: registering

    /// Registers `trainees` (1 to 5) of `structureID` to the session, in order: a free seat confirms,
    /// a full session puts on the waiting list. All or nothing: one refused trainee refuses them all.
    static func register(session sessionID: UUID, structure structureID: UUID, trainees: [Trainee], by actor: Actor,
                         context: Context, on db: any Database) async throws -> Outcome {
        guard !RegistrationWorkflow.table.transition(.register).by.isDisjoint(with: actor.parties) else { throw Refusal.notPermitted }
        let typed = validate(trainees)
        guard typed.isEmpty else { throw Refusal.invalid(typed) }
        return try await db.writeTransaction { tx in
            var errors = FieldErrors()
            try await lock(sessionID, on: tx)
            guard let session = try await TrainingSession.find(sessionID, on: tx),
                  let course = try await TrainingCourse.find(session.$course.id, on: tx),
                  let structure = try await Structure.find(structureID, on: tx) else { throw Refusal.notPermitted }
            if let why = closedReason(session, today: context.today) { throw Refusal.closed(why) }
            if session.kindValue == .intra, session.$structure.id != structureID {
                errors.add("structure", "Cette session intra est réservée à une autre structure : choisissez une session inter-structures.")
            }
            let existing = try await TrainingRegistration.query(on: tx).filter(\.$session.$id == sessionID).all()
            // Duplicates among the structure's own live registrations only: the form must not tell
            // a manager which addresses another structure registered.
            let live = Set(existing.filter { $0.statusValue.isLive && $0.$structure.id == structureID }.map { $0.email.lowercased() })
            for (i, t) in trainees.enumerated() where live.contains(t.email.lowercased()) {
                errors.add(field(i, "email"), "\(t.email) est déjà inscrit·e à cette session (ou en liste d'attente).")
            }
            guard errors.isEmpty else { throw Refusal.invalid(errors) }

            var confirmed = existing.filter { $0.statusValue == .confirmed }.count
            var position = existing.map(\.position).max() ?? 0
            var waitingRank = existing.filter { $0.statusValue == .waiting }.count
            var outcome = Outcome()
            let details = try await essentials(session: session, course: course, on: tx)
            for t in trainees {
                let action: RegistrationAction = confirmed < session.capacity ? .register : .enqueue
                let step = RegistrationWorkflow.table.transition(action)
                position += 1
                let r = TrainingRegistration()
                r.$session.id = sessionID
                r.$structure.id = structureID
                r.registeredBy = actor.user?.id
                r.registeredByName = actor.name
                r.firstName = t.firstName
                r.lastName = t.lastName
                r.email = t.email
                r.job = t.job
                r.traineeCategory = t.category.rawValue
                r.funding = t.funding.rawValue
                r.status = step.to.rawValue
                r.position = position
                r.registeredAt = context.now
                r.confirmedAt = step.to == .confirmed ? context.now : nil
                r.version = 1
                try await r.create(on: tx)
                let id = try r.requireID()
                try await Audit.record(.create, auditKind(action), id: id.uuidString,
                                       summary: "\(step.records) — \(r.fullName), \(course.code) du \(FrenchFormat.date(session.firstDay)) (\(structure.name))",
                                       after: snapshot(r), actor: actor.user, on: tx)
                let mail: RegistrationMail
                if step.to == .confirmed {
                    confirmed += 1
                    outcome.confirmed.append(r)
                    mail = .confirmed
                } else {
                    waitingRank += 1
                    outcome.waiting.append(r)
                    outcome.ranks[id] = waitingRank
                    mail = .waiting(rank: waitingRank)
                }
                try await notify(mail, registration: r, session: session, course: course, essentials: details,
                                 managerEmails: actor.user.map { [$0.email] } ?? [], baseURL: context.baseURL,
                                 outbox: context.outbox, on: tx)
            }
            return outcome
        }
    }

    /// Every problem of the typed trainees at once, by field (`trainee_<n>_<field>`, n from 1).
    static func validate(_ trainees: [Trainee]) -> FieldErrors {
        var errors = FieldErrors()
        if trainees.isEmpty { errors.add(field(0, "last_name"), "Indiquez au moins une personne à inscrire.") }
        if trainees.count > maxTrainees { errors.add(field(maxTrainees, "last_name"), "Cinq personnes au plus par envoi du formulaire.") }
        var seen: Set<String> = []
        for (i, t) in trainees.prefix(maxTrainees).enumerated() {
            if let refusal = MemberFields.controlRefusal(t.firstName, label: "Le prénom") { errors.add(field(i, "first_name"), refusal.message) }
            else if t.firstName.isEmpty { errors.add(field(i, "first_name"), "Indiquez le prénom.") }
            else if t.firstName.count > maxName { errors.add(field(i, "first_name"), "Le prénom ne peut dépasser 100 caractères.") }
            if let refusal = MemberFields.controlRefusal(t.lastName, label: "Le nom") { errors.add(field(i, "last_name"), refusal.message) }
            else if t.lastName.isEmpty { errors.add(field(i, "last_name"), "Indiquez le nom.") }
            else if t.lastName.count > maxName { errors.add(field(i, "last_name"), "Le nom ne peut dépasser 100 caractères.") }
            if let refusal = MemberFields.controlRefusal(t.email, label: "L'adresse e-mail") { errors.add(field(i, "email"), refusal.message) }
            else if t.email.isEmpty { errors.add(field(i, "email"), "Indiquez l'adresse e-mail de la personne (elle reçoit sa convocation).") }
            else if t.email.count > maxEmail { errors.add(field(i, "email"), "L'adresse e-mail ne peut dépasser 200 caractères.") }
            else if !isEmail(t.email) { errors.add(field(i, "email"), "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@structure.fr).") }
            else if !seen.insert(t.email.lowercased()).inserted {
                errors.add(field(i, "email"), "Cette adresse est déjà donnée pour une autre personne du formulaire.")
            }
            if let refusal = MemberFields.controlRefusal(t.job, label: "Le poste") { errors.add(field(i, "job"), refusal.message) }
            else if t.job.isEmpty { errors.add(field(i, "job"), "Indiquez le poste occupé.") }
            else if t.job.count > maxJob { errors.add(field(i, "job"), "Le poste ne peut dépasser 200 caractères.") }
        }
        return errors
    }

    /// The field id of trainee `index` (0-based) in the form: `trainee_1_email`.
    static func field(_ index: Int, _ name: String) -> String { "trainee_\(index + 1)_\(name)" }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }) else { return false }
        return true
    }

    /// Why the session takes no registration today, nil when it does.
    static func closedReason(_ session: TrainingSession, today: Day) -> String? {
        switch session.statusValue {
        case .cancelled: return "Cette session est annulée : elle ne prend plus d'inscriptions."
        case .done: return "Cette session a eu lieu : elle ne prend plus d'inscriptions."
        case .planned, .confirmed: break
        }
        if let deadline = session.registrationDeadlineValue, today > deadline {
            return "La date limite d'inscription (\(deadline.french)) est passée : cette session ne prend plus d'inscriptions."
        }
        return nil
    }

    // MARK: cancelling

    /// Cancels one registration. A manager only up to the session's cancellation deadline, a training
    /// admin at any time; a freed seat moves the waiting list up in the same transaction.
    @discardableResult
    static func cancel(registration id: UUID, by actor: Actor, context: Context, on db: any Database) async throws -> (TrainingRegistration, [TrainingRegistration]) {
        // The session id (never changed) read before the transaction: its first statement is the lock.
        guard let sessionID = try await TrainingRegistration.find(id, on: db)?.$session.id else { throw Refusal.notPermitted }
        return try await db.writeTransaction { tx in
            try await lock(sessionID, on: tx)
            guard let r = try await TrainingRegistration.find(id, on: tx), r.$session.id == sessionID,
                  let session = try await TrainingSession.find(r.$session.id, on: tx),
                  let course = try await TrainingCourse.find(session.$course.id, on: tx) else { throw Refusal.notPermitted }
            let from = r.statusValue
            let step: Transition<RegistrationStatus, RegistrationAction>
            switch Result(catching: { () throws(WorkflowRefusal<RegistrationStatus>) in
                try RegistrationWorkflow.table.check(.cancel, from: from, by: actor.parties)
            }) {
            case .success(let s): step = s
            case .failure(.wrongState(let s)): throw Refusal.wrongState(s)
            case .failure(.notPermitted): throw Refusal.notPermitted
            }
            if let why = cancelClosedReason(session, parties: actor.parties, today: context.today) { throw Refusal.closed(why) }
            let before = snapshot(r)
            r.status = step.to.rawValue
            r.cancelledAt = context.now
            r.cancelledByName = actor.name
            r.version += 1
            try await r.save(on: tx)
            try await Audit.record(.update, auditKind(.cancel), id: id.uuidString,
                                   summary: "\(step.records) — \(r.fullName), \(course.code) du \(FrenchFormat.date(session.firstDay))",
                                   before: before, after: snapshot(r), actor: actor.user, on: tx)
            try await notify(.cancelled(reason: nil), registration: r, session: session, course: course, essentials: "",
                             managerEmails: try await managerEmails(of: [r], on: tx)[id] ?? [], baseURL: context.baseURL,
                             outbox: context.outbox, on: tx)
            var promoted: [TrainingRegistration] = []
            if from == .confirmed {
                promoted = try await promoteWaiting(in: session, course: course, by: actor.user, at: context.now,
                                                    outbox: context.outbox, baseURL: context.baseURL, on: tx)
            }
            return (r, promoted)
        }
    }

    /// Why the person may not cancel now, nil when they may: the session over or cancelled, or, for a
    /// manager, the cancellation deadline passed (training admins cancel at any time).
    static func cancelClosedReason(_ session: TrainingSession, parties: Set<Party>, today: Day) -> String? {
        if parties.contains(.trainingAdmin) || parties.contains(.system) { return nil }
        guard session.statusValue.takesRegistrations else {
            return "Cette session est « \(session.statusValue.label) » : ses inscriptions ne peuvent plus être annulées."
        }
        if let deadline = session.cancellationDeadlineValue, today > deadline {
            return "La date limite d'annulation (\(deadline.french)) est passée : contactez l'organisme de formation pour annuler."
        }
        return nil
    }

    /// Cancels every live registration of a session being cancelled, inside the caller's
    /// transaction (the session row already locked by `RowLock`), with an
    /// outbox message to each registering manager and trainee (`baseURL`: the managers' link to the
    /// registration). Answers how many were cancelled.
    static func cancelAll(of session: TrainingSession, course: TrainingCourse, reason: String, by actor: CurrentUser?,
                          at now: Date, outbox: Outbox, baseURL: String, on tx: any Database) async throws -> Int {
        let sid = try session.requireID()
        let live = try await TrainingRegistration.query(on: tx).filter(\.$session.$id == sid)
            .filter(\.$status ~~ [RegistrationStatus.confirmed.rawValue, RegistrationStatus.waiting.rawValue]).sort(\.$position).all()
        let step = RegistrationWorkflow.table.transition(.cancel)
        let managers = try await managerEmails(of: live, on: tx)
        for r in live {
            let before = snapshot(r)
            r.status = step.to.rawValue
            r.cancelledAt = now
            r.cancelledByName = actor?.displayName ?? "Maillage"
            r.version += 1
            try await r.save(on: tx)
            try await Audit.record(.update, auditKind(.cancel), id: r.requireID().uuidString,
                                   summary: "\(step.records) (session annulée) — \(r.fullName), \(course.code) du \(FrenchFormat.date(session.firstDay))",
                                   before: before, after: snapshot(r), actor: actor, on: tx)
            try await notify(.cancelled(reason: reason), registration: r, session: session, course: course, essentials: "",
                             managerEmails: managers[r.requireID()] ?? [], baseURL: baseURL, outbox: outbox, on: tx)
        }
        return live.count
    }

    /// Moves the waiting list up while seats are free (after a cancellation or a larger capacity),
    /// inside the caller's transaction (session row locked), with an outbox message to each
    /// promoted trainee and their manager (`baseURL`: the manager's link to the registration).
    /// Answers the promoted registrations.
    static func promoteWaiting(in session: TrainingSession, course: TrainingCourse, by actor: CurrentUser?, at now: Date,
                               outbox: Outbox, baseURL: String, on tx: any Database) async throws -> [TrainingRegistration] {
        let sid = try session.requireID()
        guard session.statusValue.takesRegistrations else { return [] }
        let all = try await TrainingRegistration.query(on: tx).filter(\.$session.$id == sid).sort(\.$position).all()
        let confirmed = all.filter { $0.statusValue == .confirmed }.count
        // The first waiting ones, as many as there are free seats.
        let moving = Array(all.filter { $0.statusValue == .waiting }.prefix(max(0, session.capacity - confirmed)))
        guard !moving.isEmpty else { return [] }
        let details = try await essentials(session: session, course: course, on: tx)
        let managers = try await managerEmails(of: moving, on: tx)
        var promoted: [TrainingRegistration] = []
        for r in moving {
            let step = try RegistrationWorkflow.table.check(.promote, from: r.statusValue, by: [.system])
            let before = snapshot(r)
            r.status = step.to.rawValue
            r.confirmedAt = now
            r.version += 1
            try await r.save(on: tx)
            try await Audit.record(.update, auditKind(.promote), id: r.requireID().uuidString,
                                   summary: "\(step.records) — \(r.fullName), \(course.code) du \(FrenchFormat.date(session.firstDay))",
                                   before: before, after: snapshot(r), actor: actor, on: tx)
            try await notify(.promoted, registration: r, session: session, course: course, essentials: details,
                             managerEmails: managers[r.requireID()] ?? [], baseURL: baseURL, outbox: outbox, on: tx)
            promoted.append(r)
        }
        return promoted
    }

    // MARK: parts

    /// The session's row lock (PostgreSQL), or the write lock taken by a first write (SQLite):
    /// `RowLock`.
    static func lock(_ sessionID: UUID, on tx: any Database) async throws {
        try await RowLock.lock(TrainingSession.schema, sessionID, on: tx)
    }

    static func auditKind(_ action: RegistrationAction) -> String { "training.registration.\(action.rawValue)" }

    static func snapshot(_ r: TrainingRegistration) -> [String: String] {
        ["session": r.$session.id.uuidString, "structure": r.$structure.id.uuidString, "stagiaire": r.fullName,
         "statut": r.statusValue.label, "rang": String(r.position), "categorie": r.categoryValue.label,
         "financement": r.fundingValue.label, "version": String(r.version)]
    }

    /// By registration id: the e-mail of the manager who registered the trainee, or the structure's
    /// managers when that account is gone or inactive. One read of the accounts for all of them.
    static func managerEmails(of registrations: [TrainingRegistration], on db: any Database) async throws -> [UUID: [String]] {
        let ids = Array(Set(registrations.compactMap(\.registeredBy)))
        var active: [UUID: String] = [:]
        if !ids.isEmpty {
            for user in try await User.query(on: db).filter(\.$id ~~ ids).all() where user.isActive { active[try user.requireID()] = user.email }
        }
        var byStructure: [UUID: [String]] = [:]
        var out: [UUID: [String]] = [:]
        for r in registrations {
            if let by = r.registeredBy, let email = active[by] {
                out[try r.requireID()] = [email]
                continue
            }
            let sid = r.$structure.id
            if byStructure[sid] == nil { byStructure[sid] = try await QuestionService.managers(of: sid, on: db) }
            out[try r.requireID()] = byStructure[sid]
        }
        return out
    }

    /// A registration's rank on its session's waiting list (1 = next), nil when it is not waiting.
    static func waitingRank(of r: TrainingRegistration, on db: any Database) async throws -> Int? {
        guard r.statusValue == .waiting else { return nil }
        let ahead = try await TrainingRegistration.query(on: db).filter(\.$session.$id == r.$session.id)
            .filter(\.$status == RegistrationStatus.waiting.rawValue).filter(\.$position < r.position).count()
        return ahead + 1
    }
}
