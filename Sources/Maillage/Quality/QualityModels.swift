import Fluent
import Foundation
import MaillageCore

// Quality records (migration 020). Days are `YYYY-MM-DD` text (`Day`, Paris).

/// A quality standard as data: CEDRE, CEDRE ISO 9001 (a group certification with cross audits),
/// Qualiopi, CAP RSE, and any other a national admin adds. `cycleYears` is the certificate's
/// validity; `surveillanceMonths` the interval of surveillance audits (0: none);
/// `reminderDays` the reminders before an expiry or an audit ("90,30").
final class QualityStandard: Model, @unchecked Sendable {
    static let schema = "quality_standards"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "cycle_years") var cycleYears: Int
    @Field(key: "surveillance_months") var surveillanceMonths: Int
    @Field(key: "group_certification") var groupCertification: Bool
    @Field(key: "public_label") var publicLabel: Bool
    @Field(key: "reminder_days") var reminderDays: String
    @Field(key: "active") var active: Bool
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(code: String, name: String, description: String, cycleYears: Int, surveillanceMonths: Int,
         groupCertification: Bool = false, publicLabel: Bool = true, reminderDays: String = "90,30", active: Bool = true, position: Int) {
        self.code = code
        self.name = name
        self.description = description
        self.cycleYears = cycleYears
        self.surveillanceMonths = surveillanceMonths
        self.groupCertification = groupCertification
        self.publicLabel = publicLabel
        self.reminderDays = reminderDays
        self.active = active
        self.position = position
    }

    /// The reminder offsets in days, largest first ("90,30" → [90, 30]); bad parts are skipped.
    var reminderOffsets: [Int] {
        reminderDays.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            .filter { (1...730).contains($0) }.sorted(by: >)
    }
}

/// A structure's certification under one standard, with its current state and dates. Its
/// history is in `CertificationEvent`s; figures are computed from those events.
final class Certification: Model, @unchecked Sendable {
    static let schema = "quality_certifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Parent(key: "standard_id") var standard: QualityStandard
    @Field(key: "status") var status: String
    @Field(key: "engaged_on") var engagedOn: String
    /// The next planned audit (initial, surveillance or renewal), if any.
    @OptionalField(key: "audit_on") var auditOn: String?
    @OptionalField(key: "audit_kind") var auditKind: String?
    /// The first certification decision.
    @OptionalField(key: "certified_on") var certifiedOn: String?
    /// The latest decision (certification or renewal).
    @OptionalField(key: "decision_on") var decisionOn: String?
    @OptionalField(key: "expires_on") var expiresOn: String?
    @Field(key: "renewals") var renewals: Int
    /// The certifying body and the auditor (free text, may be empty).
    @Field(key: "body") var body: String
    @Field(key: "auditor") var auditor: String
    @Field(key: "note") var note: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(structureID: UUID, standardID: UUID, engagedOn: Day, body: String = "", auditor: String = "", note: String = "") {
        self.$structure.id = structureID
        self.$standard.id = standardID
        self.status = CertificationStatus.engaged.rawValue
        self.engagedOn = engagedOn.iso
        self.renewals = 0
        self.body = body
        self.auditor = auditor
        self.note = note
        self.version = 1
    }

    var statusValue: CertificationStatus { CertificationStatus(rawValue: status) ?? .engaged }
    var auditKindValue: AuditKind? { auditKind.flatMap(AuditKind.init(rawValue:)) }
    var engagedOnValue: Day? { Day(iso: engagedOn) }
    var auditOnValue: Day? { auditOn.flatMap(Day.init(iso:)) }
    var certifiedOnValue: Day? { certifiedOn.flatMap(Day.init(iso:)) }
    var decisionOnValue: Day? { decisionOn.flatMap(Day.init(iso:)) }
    var expiresOnValue: Day? { expiresOn.flatMap(Day.init(iso:)) }
}

/// One step of a certification's life, as it happened: the action, the states, the day it took
/// effect, the expiry it set (certify, renew) and the audit kind (audits). Never edited.
final class CertificationEvent: Model, @unchecked Sendable {
    static let schema = "quality_certification_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "certification_id") var certification: Certification
    @Field(key: "action") var action: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @Field(key: "on_day") var onDay: String
    @OptionalField(key: "expires_on") var expiresOn: String?
    @OptionalField(key: "audit_kind") var auditKind: String?
    @Field(key: "note") var note: String
    @OptionalParent(key: "actor_id") var actor: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(certificationID: UUID, action: String, from: CertificationStatus?, to: CertificationStatus, on day: Day,
         expiresOn: Day? = nil, auditKind: AuditKind? = nil, note: String = "", actorID: UUID?) {
        self.$certification.id = certificationID
        self.action = action
        self.fromStatus = from?.rawValue
        self.toStatus = to.rawValue
        self.onDay = day.iso
        self.expiresOn = expiresOn?.iso
        self.auditKind = auditKind?.rawValue
        self.note = note
        self.$actor.id = actorID
    }

    var toStatusValue: CertificationStatus { CertificationStatus(rawValue: toStatus) ?? .engaged }
    var onDayValue: Day? { Day(iso: onDay) }
    var expiresOnValue: Day? { expiresOn.flatMap(Day.init(iso:)) }
}

/// What a certification's document is.
enum CertificationDocumentKind: String, Codable, CaseIterable, Sendable {
    case auditReport = "audit_report", certificate, other

    var label: String {
        switch self {
        case .auditReport: "Rapport d'audit"
        case .certificate: "Certificat"
        case .other: "Autre document"
        }
    }
}

/// A file kept with a certification (audit report, certificate), stored by `App/Uploads.swift`.
final class CertificationDocument: Model, @unchecked Sendable {
    static let schema = "quality_certification_documents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "certification_id") var certification: Certification
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "file_key") var fileKey: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var kindValue: CertificationDocumentKind { CertificationDocumentKind(rawValue: kind) ?? .other }
}

/// How ready a mock audit found the structure.
enum MockAuditReadiness: String, Codable, CaseIterable, Sendable {
    case ready, almost, notReady = "not_ready"

    var label: String {
        switch self {
        case .ready: "Prête pour l'audit"
        case .almost: "Quelques écarts à lever"
        case .notReady: "Pas encore prête"
        }
    }
}

/// A mock audit (« audit blanc ») a delegate held with a member, with its findings.
final class MockAudit: Model, @unchecked Sendable {
    static let schema = "quality_mock_audits"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Parent(key: "standard_id") var standard: QualityStandard
    @Field(key: "held_on") var heldOn: String
    @OptionalParent(key: "auditor_id") var auditorUser: User?
    @Field(key: "auditor_name") var auditorName: String
    @Field(key: "readiness") var readiness: String
    @Field(key: "strengths") var strengths: String
    @Field(key: "findings") var findings: String
    @Field(key: "recommendations") var recommendations: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var heldOnValue: Day? { Day(iso: heldOn) }
    var readinessValue: MockAuditReadiness { MockAuditReadiness(rawValue: readiness) ?? .notReady }
}

/// What a reminder is about: the certificate's expiry or the next audit.
enum QualityReminderKind: String, Codable, CaseIterable, Sendable {
    case expiry, audit
}

/// A reminder queued once: (certification, kind, target day, days before) is unique, so the daily
/// job never queues the same step twice, even on two instances.
final class QualityReminder: Model, @unchecked Sendable {
    static let schema = "quality_reminders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "certification_id") var certification: Certification
    @Field(key: "kind") var kind: String
    @Field(key: "target_on") var targetOn: String
    @Field(key: "days_before") var daysBefore: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(certificationID: UUID, kind: QualityReminderKind, targetOn: Day, daysBefore: Int) {
        self.$certification.id = certificationID
        self.kind = kind.rawValue
        self.targetOn = targetOn.iso
        self.daysBefore = daysBefore
    }
}
