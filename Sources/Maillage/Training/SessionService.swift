import Fluent
import Foundation
import MaillageCore
import Vapor

/// Why a session's step or edit was refused; the controller shows it with the session (422/409/403).
enum SessionRefusal: Error, Sendable {
    case form(FieldErrors)
    case wrongState(SessionStatus)
    case notPermitted
    /// The form's version is not the session's any more: someone saved it in between.
    case stale
    /// Finishing a session whose last half-day has not ended.
    case notOver

    static let notOverMessage = "La session n'est pas encore terminée."

    var status: HTTPStatus {
        switch self {
        case .form: .unprocessableEntity
        case .notPermitted: .forbidden
        case .wrongState, .stale, .notOver: .conflict
        }
    }

    var message: String {
        switch self {
        case .form: "Le formulaire contient des erreurs."
        case .wrongState(let s): "Cette action n'est pas possible sur une session « \(s.label.lowercased()) » : la page a peut-être changé entre-temps."
        case .notPermitted: "Vous ne pouvez pas faire cette action sur cette session."
        case .stale: "Cette session a été modifiée entre-temps par une autre personne : vos changements ne sont pas enregistrés. Rechargez la page."
        case .notOver: Self.notOverMessage
        }
    }
}

/// Writes sessions: creation, edits and the steps of `SessionWorkflow`. Each one in one
/// transaction: the session row locked first (PostgreSQL), re-read, checked, written with its
/// half-days and trainers, its audit entry and the agenda's cache version. `sequence` goes up
/// on every change the agenda shows, `version` on every write.
enum SessionService {
    static let maxReason = 500

    static func create(_ input: SessionInput, by actor: CurrentUser, on db: any Database) async throws -> TrainingSession {
        try await db.writeTransaction { tx in
            let session = TrainingSession()
            session.status = SessionStatus.planned.rawValue
            session.sequence = 0
            session.version = 1
            apply(input, to: session)
            try await session.create(on: tx)
            let id = try session.requireID()
            for h in input.halfDays { try await halfDay(h, session: id).create(on: tx) }
            for t in input.trainers { try await TrainingSessionTrainer(sessionID: id, userID: t.id, name: t.name).create(on: tx) }
            let course = try await TrainingCourse.find(input.courseID, on: tx)
            try await Audit.record(.create, "training.session", id: id.uuidString,
                                   summary: "Session de « \(course?.title ?? "") » programmée \(SessionQueries.dates(session))",
                                   after: try await snapshot(session, halfDays: try await SessionQueries.halfDays(of: id, on: tx), on: tx),
                                   actor: actor, on: tx)
            try await CacheVersions.bump(.agenda, on: tx)
            return session
        }
    }

    /// Saves an edit of a planned or confirmed session. `version`: the form's; a missing or older
    /// one is refused (`.stale`, nothing written). A larger capacity moves the waiting list up
    /// (`baseURL`: the managers' link to each promoted registration).
    static func update(_ id: UUID, version: Int?, _ input: SessionInput, by actor: CurrentUser, now: Date, outbox: Outbox,
                       baseURL: String, on db: any Database) async throws -> Result<TrainingSession, SessionRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(TrainingSession.schema, id, on: tx)
            guard let session = try await TrainingSession.find(id, on: tx) else { return .failure(.notPermitted) }
            guard let version, version == session.version else { return .failure(.stale) }
            guard session.statusValue.takesRegistrations else { return .failure(.wrongState(session.statusValue)) }
            // The half-days read once: the snapshots and the agenda's key before and after come from this list.
            let existing = try await SessionQueries.halfDays(of: id, on: tx)
            let before = try await snapshot(session, halfDays: existing, on: tx)
            let agendaBefore = agendaKey(session, halfDays: existing)
            let oldCapacity = session.capacity
            var errors = FieldErrors()
            // Intra belongs to one structure: not while others hold seats (checked here, not only in the form).
            if input.kind == .intra {
                let others = try await TrainingRegistration.query(on: tx).filter(\.$session.$id == id)
                    .filter(\.$status ~~ [RegistrationStatus.confirmed.rawValue, RegistrationStatus.waiting.rawValue]).all()
                    .filter { $0.$structure.id != input.structureID }.count
                if others > 0 {
                    errors.add("session_kind", "\(FrenchFormat.plural(others, "inscription", "inscriptions")) d'autres structures \(others > 1 ? "sont en cours" : "est en cours") : "
                        + "la session ne peut devenir intra pour cette structure. Annulez-les d'abord ou gardez-la inter-structures.")
                }
            }
            // Half-days: kept by (day, period); one with attendance marked cannot be taken out.
            let wanted = Set(input.halfDays.map { "\($0.day.iso)-\($0.period.rawValue)" })
            let leaving = existing.filter { !wanted.contains("\($0.day)-\($0.period)") }
            let marked = leaving.isEmpty ? Set<UUID>()
                : Set(try await TrainingAttendance.query(on: tx).filter(\.$halfDay.$id ~~ leaving.compactMap(\.id)).all(\.$halfDay.$id))
            var removed: [TrainingHalfDay] = []
            for h in leaving {
                if marked.contains(try h.requireID()) {
                    errors.add("session_half_days", "La demi-journée du \(FrenchFormat.date(h.day)) (\(h.periodValue.label)) a des présences saisies : gardez-la.")
                } else {
                    removed.append(h)
                }
            }
            if !errors.isEmpty { return .failure(.form(errors)) }
            for h in removed { try await h.delete(on: tx) }
            var current: [TrainingHalfDay] = []
            for h in input.halfDays {
                if let row = existing.first(where: { $0.day == h.day.iso && $0.period == h.period.rawValue }) {
                    row.starts = h.starts.description
                    row.ends = h.ends.description
                    row.minutes = h.minutes
                    try await row.save(on: tx)
                    current.append(row)
                } else {
                    let row = halfDay(h, session: id)
                    try await row.create(on: tx)
                    current.append(row)
                }
            }
            current.sort { ($0.day, $0.periodValue == .morning ? 0 : 1) < ($1.day, $1.periodValue == .morning ? 0 : 1) }
            try await TrainingSessionTrainer.query(on: tx).filter(\.$session.$id == id).delete()
            for t in input.trainers { try await TrainingSessionTrainer(sessionID: id, userID: t.id, name: t.name).create(on: tx) }
            apply(input, to: session)
            session.version += 1
            let agendaChanged = agendaKey(session, halfDays: current) != agendaBefore
            if agendaChanged { session.sequence += 1 }
            try await session.save(on: tx)
            guard let course = try await TrainingCourse.find(session.$course.id, on: tx) else { return .failure(.notPermitted) }
            try await Audit.record(.update, "training.session", id: id.uuidString,
                                   summary: "Session de « \(course.title) » modifiée (\(SessionQueries.dates(session)))",
                                   before: before, after: try await snapshot(session, halfDays: current, on: tx), actor: actor, on: tx)
            // Every write changes the feeds' bytes (LAST-MODIFIED, DTSTAMP): the feeds' ETag moves too.
            try await CacheVersions.bump(.agenda, on: tx)
            if session.capacity > oldCapacity,
               try await TrainingRegistration.query(on: tx).filter(\.$session.$id == id)
                   .filter(\.$status == RegistrationStatus.waiting.rawValue).count() > 0 {
                _ = try await RegistrationService.promoteWaiting(in: session, course: course, by: actor, at: now, outbox: outbox,
                                                                 baseURL: baseURL, on: tx)
            }
            return .success(session)
        }
    }

    /// Takes a step of `SessionWorkflow`. `reason`: why a session is cancelled (required, ≤ 500).
    static func step(_ action: SessionAction, id: UUID, reason: String?, parties: Set<Party>, by actor: CurrentUser, now: Date,
                     outbox: Outbox, baseURL: String, on db: any Database) async throws -> Result<TrainingSession, SessionRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(TrainingSession.schema, id, on: tx)
            guard let session = try await TrainingSession.find(id, on: tx),
                  let course = try await TrainingCourse.find(session.$course.id, on: tx) else { return .failure(.notPermitted) }
            let step: Transition<SessionStatus, SessionAction>
            do throws(WorkflowRefusal<SessionStatus>) {
                step = try SessionWorkflow.table.check(action, from: session.statusValue, by: parties)
            } catch {
                switch error {
                case .wrongState(let s): return .failure(.wrongState(s))
                case .notPermitted: return .failure(.notPermitted)
                }
            }
            let reasonText = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if action == .cancel {
                var errors = FieldErrors()
                if let refusal = MemberFields.controlRefusal(reasonText, label: "Le motif") { errors.add("cancel_reason", refusal.message) }
                else if reasonText.isEmpty { errors.add("cancel_reason", "Indiquez le motif de l'annulation : il est envoyé aux inscrits.") }
                else if reasonText.count > maxReason { errors.add("cancel_reason", "Le motif ne peut dépasser \(maxReason) caractères.") }
                if !errors.isEmpty { return .failure(.form(errors)) }
            }
            let halfDays = try await SessionQueries.halfDays(of: id, on: tx)
            if action == .finish, endsAt(halfDays).map({ now < $0 }) ?? true { return .failure(.notOver) }
            let before = try await snapshot(session, halfDays: halfDays, on: tx)
            session.status = step.to.rawValue
            if action == .cancel { session.cancelReason = reasonText }
            session.sequence += 1
            session.version += 1
            try await session.save(on: tx)
            var summary = "\(step.records) : « \(course.title) » \(SessionQueries.dates(session))"
            if action == .cancel { summary += " — \(reasonText)" }
            try await Audit.record(.update, "training.session.\(action.rawValue)", id: id.uuidString, summary: summary,
                                   before: before, after: try await snapshot(session, halfDays: halfDays, on: tx), actor: actor, on: tx)
            try await CacheVersions.bump(.agenda, on: tx)
            switch action {
            case .cancel:
                _ = try await RegistrationService.cancelAll(of: session, course: course, reason: reasonText, by: actor, at: now,
                                                            outbox: outbox, baseURL: baseURL, on: tx)
            case .finish:
                _ = try await SatisfactionService.issueTokens(for: session, course: course, at: now, outbox: outbox,
                                                              baseURL: baseURL, on: tx)
            case .confirm, .reopen: break
            }
            return .success(session)
        }
    }

    /// The instant the session's last half-day ends (Paris), nil without half-days (`halfDays` in order).
    static func endsAt(_ halfDays: [TrainingHalfDay]) -> Date? {
        guard let last = halfDays.last, let day = last.dayValue, let ends = LocalTime(stored: last.ends) else { return nil }
        return ParisTime.instant(day, ends)
    }

    // MARK: parts

    private static func apply(_ input: SessionInput, to s: TrainingSession) {
        s.$course.id = input.courseID
        s.kind = input.kind.rawValue
        s.$structure.id = input.kind == .intra ? input.structureID : nil
        s.$delegation.id = input.delegationID
        s.placeName = input.placeName
        s.address = input.address
        s.accessInfo = input.accessInfo
        s.remoteURL = input.remoteURL
        s.capacity = input.capacity
        s.firstDay = input.firstDay.iso
        s.lastDay = input.lastDay.iso
        s.registrationDeadline = input.firstDay.adding(days: -input.registrationDays).iso
        s.cancellationDeadline = input.firstDay.adding(days: -input.cancellationDays).iso
    }

    private static func halfDay(_ h: SessionInput.HalfDay, session id: UUID) -> TrainingHalfDay {
        let row = TrainingHalfDay()
        row.$session.id = id
        row.day = h.day.iso
        row.period = h.period.rawValue
        row.starts = h.starts.description
        row.ends = h.ends.description
        row.minutes = h.minutes
        return row
    }

    /// What the agenda shows of a session: its course, place, link, status and half-days' times.
    private static func agendaKey(_ s: TrainingSession, halfDays rows: [TrainingHalfDay]) -> String {
        let halfDays = rows.map { "\($0.day) \($0.period) \($0.starts)-\($0.ends)" }
        return [s.$course.id.uuidString, s.kind, s.$structure.id?.uuidString ?? "", s.$delegation.id?.uuidString ?? "",
                s.placeName ?? "", s.address ?? "", s.remoteURL ?? "", s.status, s.firstDay, s.lastDay,
                halfDays.joined(separator: ",")].joined(separator: "|")
    }

    /// What the journal keeps of a session (`halfDays`: its half-days in order, read by the caller).
    static func snapshot(_ s: TrainingSession, halfDays: [TrainingHalfDay], on db: any Database) async throws -> [String: String] {
        let id = try s.requireID()
        let trainers = try await TrainingSessionTrainer.query(on: db).filter(\.$session.$id == id).all().map(\.trainerName).sorted()
        return ["cours": s.$course.id.uuidString, "type": s.kind, "structure": s.$structure.id?.uuidString ?? "",
                "delegation": s.$delegation.id?.uuidString ?? "", "lieu": s.placeName ?? "", "adresse": s.address ?? "",
                "lien": s.remoteURL ?? "", "places": String(s.capacity), "statut": s.status,
                "date_limite_inscription": s.registrationDeadline, "date_limite_annulation": s.cancellationDeadline,
                "motif_annulation": s.cancelReason ?? "", "formateurs": trainers.joined(separator: ", "),
                "demi_journees": halfDays.map { "\($0.day) \($0.period) \($0.starts)-\($0.ends)" }.joined(separator: ", ")]
    }
}
