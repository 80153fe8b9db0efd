import Foundation
import MaillageCore

/// The registration form (`training/registration-new`): the structure, five trainee rows, the seats
/// left said before sending; a session that takes no registration shows its notice and no form.
struct RegistrationNewPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let n: Int
        let firstName: String, lastName: String, email: String, job: String
        let categories: [QuestionOption]
        let fundings: [QuestionOption]
        let firstNameError: String?, lastNameError: String?, emailError: String?, jobError: String?
    }

    let course: String
    let dates: String
    let sessionHref: String?
    let listHref: String?
    /// Why the session takes no registration (then no form).
    let notice: String?
    let action: String?
    let structures: [QuestionOption]
    let onlyStructure: QuestionOption?
    let structureError: String?
    /// « Il reste 1 place : la deuxième personne sera inscrite en liste d'attente. »
    let seats: String
    let waiting: String?
    let rows: [Row]
    var errors = FieldErrors()
}

/// The registrations list (`training/registrations`).
struct RegistrationListPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let trainee: String
        let href: String?
        let structure: String
        let course: String
        let dates: String
        let status: String
        let statusCode: String
        let rank: String
    }

    let intro: String
    let list: ListView
    let action: String
    let statuses: [QuestionOption]
    let years: [QuestionOption]
    let structures: [QuestionOption]
    let rows: [Row]
}

/// What a convocation says: the course, each half-day with its hours, the place, the trainers and
/// the training body's contact.
struct ConvocationDetails: Encodable, Sendable {
    let course: String
    let code: String
    let halfDays: [String]
    let place: String?
    let address: String?
    let access: String?
    let remoteURL: String?
    let trainers: String?
    let contactLabel: String?
    let contactHref: String?
}

/// One registration (`training/registration`).
struct RegistrationShowPage: Encodable, Sendable {
    let trainee: String
    let email: String
    let job: String
    let category: String
    let funding: String
    let structure: String
    let status: String
    let statusCode: String
    /// « 2e sur la liste d'attente ».
    let rank: String?
    let registered: String
    let cancelled: String?
    let convocation: ConvocationDetails
    let listHref: String?
    let sessionHref: String?
    let convocationHref: String?
    let cancelHref: String?
    let certificateHref: String?
}

/// The printable convocation (`training/convocation`).
struct ConvocationPage: Encodable, Sendable {
    let federation: String
    let trainee: String
    let structure: String
    let status: String
    let confirmed: Bool
    let convocation: ConvocationDetails
    let backHref: String?
}

/// The confirmation page before cancelling (`training/registration-cancel`).
struct RegistrationCancelPage: Encodable, Sendable {
    let heading: String
    let lines: [String]
    /// Why it cannot be cancelled now (then no form).
    let notice: String?
    let action: String?
    let backHref: String
}

enum RegistrationPages {
    /// One line per half-day, in order: « lundi 11 janvier 2027, matin : 9 h – 12 h 30 ».
    static func halfDayLines(_ halfDays: [TrainingHalfDay]) -> [String] {
        halfDays.sorted { ($0.day, $0.periodValue) < ($1.day, $1.periodValue) }.map { h in
            let day = h.dayValue.map(FrenchFormat.longDay) ?? h.day
            let starts = LocalTime(stored: h.starts)?.french ?? h.starts
            let ends = LocalTime(stored: h.ends)?.french ?? h.ends
            return "\(day), \(h.periodValue.label) : \(starts) – \(ends)"
        }
    }

    static let ordinals = ["première", "deuxième", "troisième", "quatrième", "cinquième", "sixième"]

    /// What the form says before sending: the seats left and who would wait.
    static func seatsSentence(capacity: Int, confirmed: Int) -> String {
        let left = max(0, capacity - confirmed)
        switch left {
        case 0: return "La session est complète : les personnes inscrites iront en liste d'attente, dans l'ordre du formulaire."
        case 1: return "Il reste 1 place : la deuxième personne sera inscrite en liste d'attente."
        case 2..<RegistrationService.maxTrainees:
            return "Il reste \(left) places : à partir de la \(ordinals[left]) personne, les inscriptions iront en liste d'attente."
        default: return "Il reste \(FrenchFormat.integer(left)) places."
        }
    }

    static func waitingSentence(_ waiting: Int) -> String? {
        waiting == 0 ? nil : FrenchFormat.plural(waiting, "personne attend", "personnes attendent") + " déjà sur la liste d'attente."
    }
}
