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
        func text(_ key: String) -> String { (v[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        /// A control character (a NUL, which PostgreSQL refuses) is refused next to its field.
        func clean(_ key: String, _ label: String) -> Bool {
            guard let refusal = MemberFields.controlRefusal(text(key), label: label) else { return true }
            errors.add(key, refusal.message)
            return false
        }
        func optional(_ key: String, _ label: String, max: Int, _ message: String) -> String? {
            let t = text(key)
            if clean(key, label), t.count > max { errors.add(key, message) }
            return t.isEmpty ? nil : t
        }
        let title = text("event_title")
        if clean("event_title", "Le titre") {
            if title.isEmpty { errors.add("event_title", "Indiquez le titre de l'événement.") }
            else if title.count > 200 { errors.add("event_title", "Le titre ne peut dépasser 200 caractères.") }
        }
        let kind = EventKind(rawValue: text("event_kind"))
        if kind == nil { errors.add("event_kind", "Choisissez le type d'événement.") }
        let audience = EventAudience(rawValue: text("event_audience"))
        if audience == nil { errors.add("event_audience", "Choisissez à qui l'événement s'adresse.") }
        var delegationID: UUID?
        let code = text("event_delegation")
        if code == "national" || code.isEmpty {
            if !nationalAllowed { errors.add("event_delegation", "Choisissez votre délégation : seule l'administration nationale crée des événements nationaux.") }
        } else if let id = delegations[code] {
            delegationID = id
        } else {
            errors.add("event_delegation", "Choisissez une délégation de la liste.")
        }
        let allDay = text("event_all_day") == "1"
        let first = Day(typed: text("event_day"))
        if text("event_day").isEmpty { errors.add("event_day", "Indiquez le jour (jj/mm/aaaa).") }
        else if first == nil || !(2000...2100).contains(first!.year) { errors.add("event_day", "Ce jour n'existe pas : écrivez-le jj/mm/aaaa.") }
        var last = first
        var startsAt = Date(timeIntervalSince1970: 0), endsAt = startsAt
        if allDay {
            let typed = text("event_last_day")
            if !typed.isEmpty {
                last = Day(typed: typed)
                if last == nil || !(2000...2100).contains(last!.year) { errors.add("event_last_day", "Ce jour n'existe pas : écrivez-le jj/mm/aaaa.") }
                else if let f = first, last! < f { errors.add("event_last_day", "Le dernier jour ne peut précéder le premier.") }
                else if let f = first, last! - f > 31 { errors.add("event_last_day", "Un événement dure au plus 32 jours.") }
            }
            if let f = first, let l = last {
                startsAt = ParisTime.midnight(f)
                endsAt = ParisTime.midnight(l.adding(days: 1))
            }
        } else {
            let start = LocalTime(typed: text("event_starts"))
            let end = LocalTime(typed: text("event_ends"))
            if start == nil { errors.add("event_starts", "Indiquez l'heure de début, par exemple 9 h 30.") }
            if end == nil { errors.add("event_ends", "Indiquez l'heure de fin, par exemple 12 h 30.") }
            if let s = start, let e = end, e <= s { errors.add("event_ends", "L'heure de fin doit suivre l'heure de début.") }
            if let f = first, let s = start, let e = end {
                startsAt = ParisTime.instant(f, s)
                endsAt = ParisTime.instant(f, e)
            }
        }
        let place = optional("event_place", "Le lieu", max: 200, "Le lieu ne peut dépasser 200 caractères.")
        let address = optional("event_address", "L'adresse", max: 500, "L'adresse ne peut dépasser 500 caractères.")
        var online = optional("event_online_url", "Le lien de connexion", max: 500, "Le lien ne peut dépasser 500 caractères.")
        if let link = online, errors["event_online_url"] == nil {
            if !link.lowercased().hasPrefix("https://") {
                errors.add("event_online_url", "Le lien de connexion doit commencer par https://.")
            } else if case .failure(let refusal) = WebAddress.check(link) {
                errors.add("event_online_url", refusal.message)
            } else if URL(string: link)?.host == nil {
                errors.add("event_online_url", "Ce lien n'est pas une adresse web valide.")
            }
            online = link
        }
        let description = text("event_description")
        if clean("event_description", "La description"), description.count > 5000 { errors.add("event_description", "La description ne peut dépasser 5 000 caractères.") }
        let registrationOpen = text("event_registration_open") == "1"
        var capacity: Int?
        var deadline: Day?
        if registrationOpen {
            let c = text("event_capacity")
            if let n = Int(c), (1...5000).contains(n) { capacity = n }
            else { errors.add("event_capacity", "Indiquez un nombre de places entre 1 et 5 000.") }
            let d = text("event_deadline")
            if d.isEmpty { errors.add("event_deadline", "Indiquez la date limite d'inscription (jj/mm/aaaa).") }
            else if let day = Day(typed: d), (2000...2100).contains(day.year) {
                deadline = day
                if let l = last, day > l { errors.add("event_deadline", "La date limite d'inscription ne peut suivre le dernier jour de l'événement.") }
            } else { errors.add("event_deadline", "Ce jour n'existe pas : écrivez-le jj/mm/aaaa.") }
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
            "event_day": e.firstDayValue?.french ?? "", "event_last_day": e.allDay && e.lastDay != e.firstDay ? (e.lastDayValue?.french ?? "") : "",
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
        func text(_ key: String) -> String { (v[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let structure = UUID(uuidString: text("reg_structure")).flatMap { structures.contains($0) ? $0 : nil }
        if structure == nil { errors.add("reg_structure", "Choisissez une de vos structures.") }
        var people: [EventPerson] = []
        for i in 1...rows {
            let name = text("reg_name_\(i)"), email = text("reg_email_\(i)"), job = text("reg_job_\(i)")
            if name.isEmpty && email.isEmpty && job.isEmpty { continue }
            // A control character (a NUL, which PostgreSQL refuses) is refused next to its field.
            if let refusal = MemberFields.controlRefusal(name, label: "Le nom") { errors.add("reg_name_\(i)", refusal.message) }
            else if name.isEmpty { errors.add("reg_name_\(i)", "Indiquez le nom de la personne.") }
            else if name.count > 200 { errors.add("reg_name_\(i)", "Le nom ne peut dépasser 200 caractères.") }
            if let refusal = MemberFields.controlRefusal(email, label: "L'adresse e-mail") { errors.add("reg_email_\(i)", refusal.message) }
            else if !isEmail(email) { errors.add("reg_email_\(i)", "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.") }
            if let refusal = MemberFields.controlRefusal(job, label: "La fonction") { errors.add("reg_job_\(i)", refusal.message) }
            else if job.count > 200 { errors.add("reg_job_\(i)", "La fonction ne peut dépasser 200 caractères.") }
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
