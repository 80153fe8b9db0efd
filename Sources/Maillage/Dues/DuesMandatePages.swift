import Foundation
import MaillageCore

/// The national list of SEPA mandates (`dues/mandates`).
struct DuesMandatesPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let structure: String
        let href: String?
        let reference: String
        let signedOn: String
        let iban: String
        let status: String
        let active: Bool
    }

    let list: ListView
    let rows: [Row]
}

/// One member's mandate (`dues/mandate`): read-only for its managers and delegate, a form for
/// a national admin (save, revoke after confirmation).
struct DuesMandatePage: Encodable, Sendable {
    struct Shown: Encodable, Sendable {
        let reference: String
        let signedOn: String
        let debtorName: String
        let iban: String
        let bic: String
        let status: String
        let active: Bool
        /// « jamais utilisé : le prochain prélèvement sera le premier (FRST) » or the last day.
        let usage: String
    }

    let structure: String
    let structureHref: String?
    let listHref: String?
    let mandate: Shown?
    /// The admin's form (nil: read-only).
    let action: String?
    var form: [String: String] = [:]
    var errors = FieldErrors()
    /// The revoke button's target (an active mandate, admin).
    let revokeAction: String?
}

extension DuesMandatePage.Shown {
    init(_ m: DuesMandate) {
        reference = m.reference
        signedOn = FrenchFormat.date(m.signedOn)
        debtorName = m.debtorName
        iban = DuesMandateService.masked(m.iban)
        bic = m.bic ?? "—"
        status = DuesMandateService.statusLabel(m.status)
        active = m.status == "active"
        usage = m.lastUsedOn.map { "dernier prélèvement le \(FrenchFormat.date($0)) : les suivants sont récurrents (RCUR)" }
            ?? "jamais utilisé : le prochain prélèvement sera le premier (FRST)"
    }
}
