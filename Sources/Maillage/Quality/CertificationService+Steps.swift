import Fluent
import Foundation
import MaillageCore

/// The business rules of each step, what it writes, what the journal keeps and what the managers read.
extension CertificationService {
    /// A step checked against the record: the days it sets and what its event keeps.
    struct CheckedStep: Sendable {
        var eventDay: Day?
        var expiresOn: Day?
        var auditKind: AuditKind?
        var auditOn: Day?
        var note: String
        var body: String?
        var auditor: String?
        var summarySuffix = ""
    }

    /// The step's rules against the record (French messages by field, all at once).
    static func checked(_ action: CertificationAction, _ input: StepInput, certification c: Certification,
                        standard: QualityStandard, today: Day) throws -> CheckedStep {
        var errors = FieldErrors()
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        var step = CheckedStep(note: note, body: input.body, auditor: input.auditor)
        let engaged = c.engagedOnValue
        let lastDecision = c.decisionOnValue
        let expiry = c.expiresOnValue
        func needDay(_ what: String) -> Day? {
            guard let day = input.day else { errors.add("certification_day", "Indiquez \(what) (jj/mm/aaaa)."); return nil }
            return day
        }
        func notFuture(_ day: Day, _ what: String) {
            if day > today { errors.add("certification_day", "\(what) ne peut être postérieure à aujourd'hui (\(today.french)).") }
        }
        func expiryAfter(_ decision: Day) -> Day {
            let e = input.expiresOn ?? CertificationDates.expiry(decision: decision, cycleYears: standard.cycleYears)
            if e <= decision { errors.add("certification_expires_on", "L'échéance doit suivre la décision (\(decision.french)).") }
            else if e - decision > maxCycleDays { errors.add("certification_expires_on", "L'échéance ne peut dépasser dix ans après la décision.") }
            return e
        }
        /// A decision (certify, renew) on `day`: the new expiry and the next surveillance audit.
        func decide(_ day: Day) {
            let e = expiryAfter(day)
            step.eventDay = day
            step.expiresOn = e
            step.auditOn = CertificationDates.nextSurveillance(from: day, surveillanceMonths: standard.surveillanceMonths, expiresOn: e)
            step.auditKind = step.auditOn == nil ? nil : .surveillance
            step.summarySuffix = " le \(day.french), échéance le \(e.french)"
        }
        switch action {
        case .create:
            throw Refusal.notPermitted
        case .planAudit:
            let initial = c.statusValue == .engaged || c.statusValue == .auditPlanned
            let kind = initial ? AuditKind.initial : input.auditKind
            if initial, let k = input.auditKind, k != .initial {
                errors.add("certification_audit_kind", "Avant la première certification, l'audit est l'audit initial.")
            }
            if !initial, kind == nil || kind == .initial {
                errors.add("certification_audit_kind", "Choisissez un audit de surveillance ou de renouvellement.")
            }
            if let day = needDay("la date de l'audit") {
                if let engaged, day < engaged { errors.add("certification_day", "L'audit ne peut précéder l'engagement (\(engaged.french)).") }
                if kind == .surveillance, let expiry, day > expiry {
                    errors.add("certification_day", "Un audit de surveillance se tient avant l'échéance (\(expiry.french)) : programmez plutôt l'audit de renouvellement.")
                }
                step.auditOn = day
                step.summarySuffix = " : \((kind ?? .initial).label.lowercased()) le \(day.french)"
            }
            step.auditKind = kind
            step.eventDay = today
        case .certify:
            if let day = needDay("la date de la décision") {
                notFuture(day, "La décision")
                if let engaged, day < engaged { errors.add("certification_day", "La décision ne peut précéder l'engagement (\(engaged.french)).") }
                decide(day)
            }
        case .recordSurveillance:
            if let day = needDay("la date de l'audit de surveillance") {
                notFuture(day, "La date de l'audit")
                if let lastDecision, day < lastDecision { errors.add("certification_day", "L'audit ne peut précéder la décision (\(lastDecision.french)).") }
                if let expiry, day > expiry { errors.add("certification_day", "L'audit ne peut suivre l'échéance (\(expiry.french)).") }
                step.eventDay = day
                step.auditOn = CertificationDates.nextSurveillance(from: day, surveillanceMonths: standard.surveillanceMonths, expiresOn: expiry)
                step.auditKind = step.auditOn == nil ? nil : .surveillance
                step.summarySuffix = " le \(day.french)"
            }
            step.expiresOn = expiry
        case .renew:
            if let day = needDay("la date de la décision de renouvellement") {
                notFuture(day, "La décision")
                if let lastDecision, day < lastDecision { errors.add("certification_day", "Le renouvellement ne peut précéder la décision précédente (\(lastDecision.french)).") }
                decide(day)
            }
        case .suspend, .withdraw:
            if note.isEmpty { errors.add("certification_note", action == .suspend ? "Indiquez le motif de la suspension." : "Indiquez le motif du retrait.") }
            if action == .withdraw, !input.confirmed { errors.add("certification_confirm", "Cochez « Je confirme le retrait » : le retrait est définitif.") }
            step.eventDay = today
            if !note.isEmpty { step.summarySuffix = " : \(note)" }
        case .reinstate:
            let day = input.day ?? today
            notFuture(day, "La date du rétablissement")
            step.eventDay = day
        case .lapse:
            guard let expiry, today > expiry else { throw Refusal.notExpired }
            step.eventDay = expiry.adding(days: 1)
            step.expiresOn = expiry
            step.summarySuffix = " : échue le \(expiry.french)"
        }
        guard errors.isEmpty else { throw Refusal.invalid(errors) }
        return step
    }

    /// Writes the step's days on the record (the state is written by the caller).
    static func apply(_ action: CertificationAction, _ step: CheckedStep, to c: Certification, standard: QualityStandard) {
        if let body = step.body { c.body = body }
        if let auditor = step.auditor { c.auditor = auditor }
        switch action {
        case .planAudit:
            c.auditOn = step.auditOn?.iso
            c.auditKind = step.auditKind?.rawValue
        case .certify, .renew:
            if action == .certify, c.certifiedOn == nil { c.certifiedOn = step.eventDay?.iso }
            if action == .renew { c.renewals += 1 }
            c.decisionOn = step.eventDay?.iso
            c.expiresOn = step.expiresOn?.iso
            c.auditOn = step.auditOn?.iso
            c.auditKind = step.auditKind?.rawValue
        case .recordSurveillance:
            c.auditOn = step.auditOn?.iso
            c.auditKind = step.auditKind?.rawValue
        case .withdraw, .lapse:
            // Nothing more is planned for a stopped certification.
            c.auditOn = nil
            c.auditKind = nil
        case .create, .suspend, .reinstate:
            break
        }
    }

    /// What the journal keeps of a certification, in French keys (`QualityAudit` labels them).
    static func snapshot(_ c: Certification, standard: QualityStandard) -> [String: String] {
        ["structure": c.$structure.id.uuidString, "referentiel": standard.name, "statut": c.status,
         "engagement": c.engagedOn, "audit": c.auditOn ?? "", "type_audit": c.auditKind ?? "",
         "certification": c.certifiedOn ?? "", "decision": c.decisionOn ?? "", "echeance": c.expiresOn ?? "",
         "renouvellements": String(c.renewals), "organisme": c.body, "auditeur": c.auditor, "note": c.note,
         "version": String(c.version)]
    }

    /// The e-mail to the structure's managers (and its GES's) on the steps they must know of.
    static func mail(_ action: CertificationAction, certification c: Certification, standard: QualityStandard, structure: Structure,
                     note: String, context: Context, on tx: any Database) async throws {
        let to = try await AnswerMail.managers(of: structure, on: tx)
        guard !to.isEmpty else { return }
        let name = "\(standard.name) de \(structure.name)"
        let (subject, sentence): (String, String) = switch action {
        case .certify:
            ("Certification \(standard.name) obtenue", "La certification \(name) est obtenue"
                + (c.expiresOnValue.map { ", jusqu'au \($0.french)." } ?? "."))
        case .renew:
            ("Certification \(standard.name) renouvelée", "La certification \(name) est renouvelée"
                + (c.expiresOnValue.map { ", jusqu'au \($0.french)." } ?? "."))
        case .suspend:
            ("Certification \(standard.name) suspendue", "La certification \(name) est suspendue. Motif : \(note)")
        case .withdraw:
            ("Certification \(standard.name) retirée", "La certification \(name) est retirée. Motif : \(note)")
        case .lapse:
            ("Certification \(standard.name) échue", "La certification \(name) est échue"
                + (c.expiresOnValue.map { " depuis le \($0.adding(days: 1).french) (échéance du \($0.french) sans renouvellement)." } ?? "."))
        default:
            ("Certification \(standard.name)", "La certification \(name) a changé.")
        }
        var body = "Bonjour,\n\n\(sentence)\n"
        if !context.baseURL.isEmpty, let id = c.id {
            body += "\nVoir la certification : \(context.baseURL)\(QualityURL.certification(structure.id!, id).path)\n"
        }
        try await context.outbox.queue(to: to, subject: subject, body: body, on: tx)
    }
}

