import Foundation
import MaillageCore

/// `/qualite`: for national admins and delegates, the key counts of their scope and the links to
/// follow-up, figures and the admin pages; for member managers, each structure's certifications
/// and this year's CAP self-assessment, with their links.
struct QualityHomePage: Encodable, Sendable {
    struct Certificate: Encodable, Sendable {
        let standard: String
        let status: String
        let statusKey: String
        /// « Valable jusqu'au 12/03/2027 », « Échue depuis le 12/03/2026 », « Audit prévu le … ».
        let dates: String?
        let href: String?
        let flagged: Bool
    }
    struct Card: Encodable, Sendable {
        let name: String
        let href: String?
        let certificates: [Certificate]?
        /// « Auto-diagnostic CAP 2026 : brouillon enregistré ».
        let assessment: String?
        let assessmentHref: String?
        let assessmentAction: String?
        let planHref: String?
    }

    let heading: String
    let intro: String
    let tiles: [HomePage.Tiles]?
    let links: [HomePage.Link]?
    let cards: [Card]?
}

extension QualityHomePage {
    static func certificate(_ c: Certification, standard: String, today: Day, href: String?) -> Certificate {
        let status = c.statusValue
        var dates: String?
        var flagged = false
        if let expiry = c.expiresOnValue {
            if status == .lapsed || (status.holdsCertificate || status == .suspended) && expiry < today {
                dates = "Échue depuis le \(expiry.adding(days: 1).french)"
                flagged = true
            } else if status.isLive {
                dates = "Valable jusqu'au \(expiry.french)"
            }
        }
        if status.isLive, let audit = c.auditOnValue {
            let kind = c.auditKindValue?.label ?? "Audit"
            dates = [dates, "\(kind) prévu le \(audit.french)"].compactMap { $0 }.joined(separator: " · ")
        }
        if status == .engaged, dates == nil, let engaged = c.engagedOnValue { dates = "Engagée le \(engaged.french)" }
        return Certificate(standard: standard, status: flagged && status != .lapsed ? "Échue (à constater)" : status.label,
                           statusKey: status.rawValue, dates: dates, href: href, flagged: flagged)
    }

    static func assessmentLine(_ status: CapAssessmentStatus?, year: Int, questionnaire: Bool) -> (text: String, action: String?) {
        guard questionnaire else { return ("Auto-diagnostic CAP \(year) : le questionnaire n'est pas encore publié", nil) }
        switch status {
        case nil: return ("Auto-diagnostic CAP \(year) : à remplir", "Remplir l'auto-diagnostic")
        case .draft: return ("Auto-diagnostic CAP \(year) : brouillon enregistré", "Reprendre l'auto-diagnostic")
        case .submitted: return ("Auto-diagnostic CAP \(year) : transmis", "Voir les résultats")
        }
    }
}
