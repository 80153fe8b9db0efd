import Fluent
import Foundation
import MaillageCore

/// What the follow-up list shows: each certification of the scope with something coming — its
/// expiry within the horizon, its next audit within the horizon (or overdue) — and those that
/// lapsed (or whose expiry passed without renewal) in the last twelve months.
struct QualityFollowUpItem: Sendable {
    enum What: String, Sendable, CaseIterable {
        case expiry = "echeance", audit, lapsed = "echue"

        var label: String {
            switch self {
            case .expiry: "Échéance du certificat"
            case .audit: "Audit"
            case .lapsed: "Certification échue"
            }
        }
    }

    let certificationID: UUID
    let structureID: UUID
    let structure: String
    let siret: String
    let standard: String
    let delegation: String?
    let what: What
    /// The audit's kind (« Audit de surveillance »), for `.audit`.
    let auditKind: AuditKind?
    let day: Day
    let status: CertificationStatus
    /// Days from today to `day` (negative once passed).
    let daysLeft: Int

    var whatLabel: String { what == .audit ? (auditKind?.label ?? "Audit") : what.label }

    /// « dans 12 jours », « aujourd'hui », « il y a 3 jours ».
    var distance: String {
        switch daysLeft {
        case 0: "aujourd'hui"
        case 1: "demain"
        case 2...: "dans \(daysLeft) jours"
        case -1: "hier"
        default: "il y a \(-daysLeft) jours"
        }
    }
}

enum QualityFollowUpQueries {
    /// The horizons offered (months), the default first.
    static let horizons = [6, 3, 12]

    /// The items of the structures in `departments` (nil: the whole network) from `today` to
    /// `months` months ahead, and the lapses of the last twelve months.
    static func items(today: Day, months: Int, departments: Set<String>?, map: NetworkMap,
                      on db: any Database) async throws -> [QualityFollowUpItem] {
        let horizon = CertificationDates.adding(months: months, to: today)
        let yearAgo = CertificationDates.adding(months: -12, to: today)
        let statuses = CertificationStatus.allCases.filter { $0 != .withdrawn }.map(\.rawValue)
        let certifications = try await Certification.query(on: db).filter(\.$status ~~ statuses)
            .group(.or) { $0.filter(\.$expiresOn != nil).filter(\.$auditOn != nil) }.all()
        guard !certifications.isEmpty else { return [] }
        let structures = Dictionary(uniqueKeysWithValues: try await Structure.query(on: db)
            .filter(\.$id ~~ Set(certifications.map(\.$structure.id))).all().compactMap { s in s.id.map { ($0, s) } })
        let standards = Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: db).all().map { ($0.id!, $0.name) })
        var items: [QualityFollowUpItem] = []
        for c in certifications {
            guard let cid = c.id, let s = structures[c.$structure.id] else { continue }
            if let departments, !departments.contains(s.departmentCode) { continue }
            func item(_ what: QualityFollowUpItem.What, _ day: Day, kind: AuditKind? = nil) -> QualityFollowUpItem {
                QualityFollowUpItem(certificationID: cid, structureID: c.$structure.id, structure: s.name, siret: s.siret,
                                    standard: standards[c.$standard.id] ?? "—", delegation: map.delegation(ofDepartment: s.departmentCode)?.name,
                                    what: what, auditKind: kind, day: day, status: c.statusValue, daysLeft: day - today)
            }
            let status = c.statusValue
            if let expiry = c.expiresOnValue {
                if status == .lapsed || (status.holdsCertificate || status == .suspended) && expiry < today {
                    if expiry >= yearAgo { items.append(item(.lapsed, expiry)) }
                } else if status.isLive, expiry <= horizon {
                    items.append(item(.expiry, expiry))
                }
            }
            if status.isLive, let audit = c.auditOnValue, audit <= horizon {
                items.append(item(.audit, audit, kind: c.auditKindValue))
            }
        }
        return items
    }
}
