import Foundation
import MaillageCore

/// `/formations/sessions/:sessionID`: what everyone who sees the session sees, plus the
/// registrations for its trainers and training admins (a member manager: their structures' only).
struct SessionPage: Encodable, Sendable {
    struct HalfDayLine: Encodable, Sendable { let day: String; let period: String; let times: String; let hours: String }
    struct Registration: Encodable, Sendable {
        let name: String
        let structure: String
        let job: String
        let status: String
        let waiting: Bool
        let href: String?
    }
    struct Step: Encodable, Sendable { let href: String; let label: String }

    let catalogueHref: String?
    let courseTitle: String
    let courseHref: String?
    let code: String
    let kind: String
    let structureName: String?
    let status: String
    let cancelled: Bool
    let cancelReason: String?
    let dates: String
    let halfDays: [HalfDayLine]
    let totalHours: String
    let placeName: String?
    let address: String?
    let accessInfo: String?
    let remoteURL: String?
    let remoteText: String?
    let delegation: String?
    let trainers: String?
    let capacity: String
    let seats: String
    let waiting: String?
    let registrationDeadline: String
    let cancellationDeadline: String
    let registerHref: String?
    let registrationClosed: String?
    /// Trainers of it and training admins: every live registration, confirmed then waiting.
    let staff: Bool
    /// A member manager: their structures' registrations only. nil when none.
    let registrations: [Registration]?
    let editHref: String?
    let attendanceHref: String?
    let sheetHref: String?
    let steps: [Step]?
    var notice: String? = nil
}

/// The session editor (new and edit).
struct SessionFormPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Row: Encodable, Sendable {
        let n: Int
        let day: String
        let morning: Bool
        let starts: String
        let ends: String
        let dayError: String?
        let periodError: String?
        let startsError: String?
        let endsError: String?
    }
    struct Trainer: Encodable, Sendable { let field: String; let name: String; let checked: Bool }

    let heading: String
    let backHref: String?
    let action: String?
    let cancelHref: String?
    var form: [String: String]
    var errors: FieldErrors
    let courses: [Option]
    let kinds: [Option]
    let delegations: [Option]
    let trainers: [Trainer]
    let rows: [Row]
    let submitLabel: String
    /// Set on an edit: the session's version when the page was read (hidden field).
    var version: String? = nil
    /// A session that cannot be edited any more (cancelled, done): the reason, and no form.
    var notice: String? = nil

    static func rows(_ v: [String: String], errors: FieldErrors) -> [Row] {
        (1...SessionInput.maxRows).map { n in
            Row(n: n, day: v["hd_day_\(n)"] ?? "", morning: v["hd_period_\(n)"] != HalfDayPeriod.afternoon.rawValue,
                starts: v["hd_starts_\(n)"] ?? "", ends: v["hd_ends_\(n)"] ?? "",
                dayError: errors["hd_day_\(n)"], periodError: errors["hd_period_\(n)"],
                startsError: errors["hd_starts_\(n)"], endsError: errors["hd_ends_\(n)"])
        }
    }
}

/// `/formations/sessions/:sessionID/etapes/:step` (GET): what the step will do, then the button.
struct SessionStepPage: Encodable, Sendable {
    let heading: String
    let courseTitle: String
    let dates: String
    let status: String
    let consequences: [String]
    /// nil when the step is not possible now (the notice says why).
    let action: String?
    let button: String
    let asksReason: Bool
    let reason: String
    var errors: FieldErrors
    let backHref: String?
    var notice: String? = nil

    static func heading(_ step: SessionStepName) -> String {
        switch step {
        case .confirm: "Confirmer la session"
        case .cancel: "Annuler la session"
        case .finish: "Terminer la session"
        case .reopen: "Rouvrir la session"
        }
    }

    static func consequences(_ step: SessionStepName, registered: Int, waiting: Int) -> [String] {
        switch step {
        case .confirm:
            ["La session passe de « Programmée » à « Confirmée » : elle aura lieu.",
             "Les calendriers abonnés voient le changement."]
        case .cancel:
            ["La session passe à « Annulée » et reste visible comme telle dans l'agenda.",
             "\(FrenchFormat.plural(registered, "inscription confirmée", "inscriptions confirmées")) et \(FrenchFormat.plural(waiting, "inscription en liste d'attente", "inscriptions en liste d'attente")) seront annulées.",
             "Chaque responsable et chaque stagiaire reçoit un courriel avec le motif.",
             "Cette étape ne peut pas être défaite."]
        case .finish:
            ["La session passe à « Réalisée » : les présences comptent dans les heures et les attestations.",
             "Chaque stagiaire présent au moins une demi-journée reçoit un lien pour donner son avis (valable 60 jours)."]
        case .reopen:
            ["La session repasse à « Confirmée » pour corriger les présences ou les dates.",
             "Les liens d'avis déjà envoyés restent valables."]
        }
    }

    static func button(_ step: SessionStepName) -> String {
        switch step {
        case .confirm: "Confirmer la session"
        case .cancel: "Annuler la session"
        case .finish: "Marquer la session réalisée"
        case .reopen: "Rouvrir la session"
        }
    }
}

/// `/formations/sessions`: the management list.
struct SessionsPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let dates: String
        let course: String
        let href: String
        let kind: String
        let place: String
        let delegation: String
        let status: String
        let registered: String
        let waiting: String
    }
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }

    let action: String
    let lines: [Line]
    let list: ListView
    let years: [Option]
    let statuses: [Option]
    let courses: [Option]
    let delegations: [Option]
    let newHref: String?
    let catalogueHref: String?
    let onlyMine: Bool
}
