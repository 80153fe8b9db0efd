import Foundation
import MaillageCore

/// A parsed form, or its problems by field.
enum AgendaFormResult<Value: Sendable>: Sendable {
    case success(Value)
    case failure(FieldErrors)
}

/// An event as the form gives it, checked: every problem in French next to its field, all at once.
struct EventInput: Sendable, Equatable {
    var title: String
    var kind: EventKind
    /// Nil: a national event.
    var delegationID: UUID?
    var audience: EventAudience
    var allDay: Bool
    var firstDay: Day
    var lastDay: Day
    var startsAt: Date
    var endsAt: Date
    var place: String?
    var address: String?
    var onlineURL: String?
    var description: String
    var registrationOpen: Bool
    var capacity: Int?
    var deadline: Day?
}

/// The event form's fields (names are the inputs' ids and the error summary's anchors).
enum EventForm {
    static let fields = ["event_title", "event_kind", "event_delegation", "event_audience", "event_all_day", "event_day",
                         "event_last_day", "event_starts", "event_ends", "event_place", "event_address", "event_online_url",
                         "event_description", "event_registration_open", "event_capacity", "event_deadline"]

    /// Labels of the error summary (`FieldErrors.label(for:)` reads them through `formLabels`).
    static let labels: [String: String] = [
        "event_title": "Titre", "event_kind": "Type d'événement", "event_delegation": "Délégation",
        "event_audience": "Public", "event_day": "Jour", "event_last_day": "Dernier jour", "event_starts": "Début",
        "event_ends": "Fin", "event_place": "Lieu", "event_address": "Adresse", "event_online_url": "Lien de connexion",
        "event_description": "Description", "event_capacity": "Nombre de places", "event_deadline": "Date limite d'inscription",
    ]

    /// `delegations`: code → id of the delegations the person may choose ("national" is the national event,
    /// allowed when `nationalAllowed`).
    static func parse(_ v: [String: String], delegations: [String: UUID], nationalAllowed: Bool) -> AgendaFormResult<EventInput> {
        var errors = FieldErrors()
        func text(_ key: String, _ label: String, max: Int) -> String { FormText.read(v, key, label: label, max: max, into: &errors) }
        func choice(_ key: String) -> String { FormText.choice(v, key) }
        func day(_ key: String, missing: String?) -> Day? { FormText.day(v, key, missing: missing, into: &errors) }
        func optional(_ t: String) -> String? { t.isEmpty ? nil : t }
        let title = text("event_title", "Le titre", max: 200)
        if errors["event_title"] == nil, title.isEmpty { errors.add("event_title", "Indiquez le titre de l'événement.") }
        let kind = EventKind(rawValue: choice("event_kind"))
        if kind == nil { errors.add("event_kind", "Choisissez le type d'événement.") }
        let audience = EventAudience(rawValue: choice("event_audience"))
        if audience == nil { errors.add("event_audience", "Choisissez à qui l'événement s'adresse.") }
        var delegationID: UUID?
        let code = choice("event_delegation")
        if code == "national" || code.isEmpty {
            if !nationalAllowed { errors.add("event_delegation", "Choisissez votre délégation : seule l'administration nationale crée des événements nationaux.") }
        } else if let id = delegations[code] {
            delegationID = id
        } else {
            errors.add("event_delegation", "Choisissez une délégation de la liste.")
        }
        let allDay = choice("event_all_day") == "1"
        let first = day("event_day", missing: "Indiquez le jour (jj/mm/aaaa).")
        var last = first
        var startsAt = Date(timeIntervalSince1970: 0), endsAt = startsAt
        if allDay {
            if !choice("event_last_day").isEmpty {
                last = day("event_last_day", missing: nil)
                if let f = first, let l = last, l < f { errors.add("event_last_day", "Le dernier jour ne peut précéder le premier.") }
                else if let f = first, let l = last, l - f > 31 { errors.add("event_last_day", "Un événement dure au plus 32 jours.") }
            }
            if let f = first, let l = last {
                startsAt = ParisTime.midnight(f)
                endsAt = ParisTime.midnight(l.adding(days: 1))
            }
        } else {
            let start = LocalTime(typed: choice("event_starts"))
            let end = LocalTime(typed: choice("event_ends"))
            if start == nil { errors.add("event_starts", "Indiquez l'heure de début, par exemple 9 h 30.") }
            if end == nil { errors.add("event_ends", "Indiquez l'heure de fin, par exemple 12 h 30.") }
            if let s = start, let e = end, e <= s { errors.add("event_ends", "L'heure de fin doit suivre l'heure de début.") }
            if let f = first, let s = start, let e = end {
                startsAt = ParisTime.instant(f, s)
                endsAt = ParisTime.instant(f, e)
            }
        }
        let place = optional(text("event_place", "Le lieu", max: 200))
        let address = optional(text("event_address", "L'adresse", max: 500))
        let online = optional(text("event_online_url", "Le lien de connexion", max: 500))
        if let link = online, errors["event_online_url"] == nil {
            if !link.lowercased().hasPrefix("https://") {
                errors.add("event_online_url", "Le lien de connexion doit commencer par https://.")
            } else if case .failure(let refusal) = WebAddress.check(link) {
                errors.add("event_online_url", refusal.message)
            } else if URL(string: link)?.host == nil {
                errors.add("event_online_url", "Ce lien n'est pas une adresse web valide.")
            }
        }
        let description = text("event_description", "La description", max: 5000)
        let registrationOpen = choice("event_registration_open") == "1"
        var capacity: Int?
        var deadline: Day?
        if registrationOpen {
            if let n = Int(choice("event_capacity")), (1...5000).contains(n) { capacity = n }
            else { errors.add("event_capacity", "Indiquez un nombre de places entre 1 et 5 000.") }
            deadline = day("event_deadline", missing: "Indiquez la date limite d'inscription (jj/mm/aaaa).")
            if let d = deadline, let l = last, d > l { errors.add("event_deadline", "La date limite d'inscription ne peut suivre le dernier jour de l'événement.") }
        }
        guard errors.isEmpty, let kind, let audience, let first, let last else { return .failure(errors) }
        return .success(EventInput(title: title, kind: kind, delegationID: delegationID, audience: audience, allDay: allDay,
                                   firstDay: first, lastDay: last, startsAt: startsAt, endsAt: endsAt, place: place,
                                   address: address, onlineURL: online, description: description,
                                   registrationOpen: registrationOpen, capacity: capacity, deadline: deadline))
    }

    /// The form's values of a stored event.
    static func values(_ e: AgendaEvent, delegationCode: String?) -> [String: String] {
        let start = ParisTime.local(e.startsAt), end = ParisTime.local(e.endsAt)
        return [
            "event_title": e.title, "event_kind": e.kind, "event_delegation": delegationCode ?? "national",
            "event_audience": e.audience, "event_all_day": e.allDay ? "1" : "",
            "event_day": e.firstDayValue.french, "event_last_day": e.allDay && e.lastDay != e.firstDay ? e.lastDayValue.french : "",
            "event_starts": e.allDay ? "" : start.time.french, "event_ends": e.allDay ? "" : end.time.french,
            "event_place": e.place ?? "", "event_address": e.address ?? "", "event_online_url": e.onlineURL ?? "",
            "event_description": e.description, "event_registration_open": e.registrationOpen ? "1" : "",
            "event_capacity": e.capacity.map(String.init) ?? "", "event_deadline": e.registrationDeadline.map(FrenchFormat.date) ?? "",
        ]
    }
}

/// One person registered to an event, as typed.
struct EventPerson: Sendable, Equatable {
    var name: String
    var email: String
    var job: String?
}

/// The registration form: a structure among the manager's, up to five people (name, e-mail, job).
enum RegistrationForm {
    static let rows = 5

    static func parse(_ v: [String: String], structures: Set<UUID>) -> AgendaFormResult<(UUID, [EventPerson])> {
        var errors = FieldErrors()
        let structure = UUID(uuidString: FormText.choice(v, "reg_structure")).flatMap { structures.contains($0) ? $0 : nil }
        if structure == nil { errors.add("reg_structure", "Choisissez une de vos structures.") }
        var people: [EventPerson] = []
        for i in 1...rows {
            // Each text through `MemberFields.text` (control characters, length): its refusal next to its field.
            var rowErrors = FieldErrors()
            let name = FormText.read(v, "reg_name_\(i)", label: "Le nom", max: 200, into: &rowErrors)
            let email = FormText.read(v, "reg_email_\(i)", label: "L'adresse e-mail", max: 254, into: &rowErrors)
            let job = FormText.read(v, "reg_job_\(i)", label: "La fonction", max: 200, into: &rowErrors)
            if name.isEmpty && email.isEmpty && job.isEmpty { continue }
            for field in rowErrors.order { errors.add(field, rowErrors[field]!) }
            if rowErrors["reg_name_\(i)"] == nil, name.isEmpty { errors.add("reg_name_\(i)", "Indiquez le nom de la personne.") }
            if rowErrors["reg_email_\(i)"] == nil, !isEmail(email) { errors.add("reg_email_\(i)", "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.") }
            people.append(EventPerson(name: name, email: email.lowercased(), job: job.isEmpty ? nil : job))
        }
        if people.isEmpty && errors.isEmpty { errors.add("reg_name_1", "Indiquez au moins une personne.") }
        guard errors.isEmpty, let structure else { return .failure(errors) }
        return .success((structure, people))
    }

    static func isEmail(_ s: String) -> Bool {
        guard s.count <= 254, !s.contains(where: \.isWhitespace) else { return false }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    static let labels: [String: String] = ["reg_structure": "Structure"].merging((1...rows).flatMap { i in
        [("reg_name_\(i)", "Nom (personne \(i))"), ("reg_email_\(i)", "Adresse e-mail (personne \(i))"),
         ("reg_job_\(i)", "Fonction (personne \(i))")]
    }, uniquingKeysWith: { a, _ in a })
}

/// Reading the agenda forms' values: free texts through `MemberFields.text`, choices trimmed, days
/// typed « jj/mm/aaaa » (one reading for every day field).
enum FormText {
    /// The trimmed text; its refusal (a control character, too long) added next to `key`.
    static func read(_ v: [String: String], _ key: String, label: String, max: Int, into errors: inout FieldErrors) -> String {
        let raw = v[key] ?? ""
        if case .failure(let refusal) = MemberFields.text(raw, label: label, max: max) { errors.add(key, refusal.message) }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A choice (a code, a flag, a number), trimmed: a value out of its list is refused by its caller.
    static func choice(_ v: [String: String], _ key: String) -> String {
        (v[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A day typed « jj/mm/aaaa » within 2000…2100; nil with its French refusal next to `key`, or
    /// nil without one when empty and `missing` is nil (an optional day).
    static func day(_ v: [String: String], _ key: String, missing: String?, into errors: inout FieldErrors) -> Day? {
        let typed = choice(v, key)
        if typed.isEmpty {
            if let missing { errors.add(key, missing) }
            return nil
        }
        guard let d = Day(typed: typed), (2000...2100).contains(d.year) else {
            errors.add(key, "Ce jour n'existe pas : écrivez-le jj/mm/aaaa.")
            return nil
        }
        return d
    }
}
