import Foundation
import MaillageCore

/// A choice of a select.
struct AgendaOption: Encodable, Sendable, Equatable {
    let value: String
    let label: String
    let selected: Bool
}

/// `/agenda`: the filters, then the list (by month and day) or the month's table.
struct AgendaPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let title: String
        let href: String
        let kind: String
        /// The delegation's name or « National ».
        let scope: String
        /// The place, or « En ligne ».
        let place: String?
        let hours: String
        /// Nil for a public item.
        let audience: String?
        let cancelled: Bool
    }
    struct DayGroup: Encodable, Sendable { let heading: String; let rows: [Row] }
    struct MonthGroup: Encodable, Sendable { let heading: String; let days: [DayGroup] }
    struct Cell: Encodable, Sendable {
        /// Nil for the days of the neighbouring months.
        let number: String?
        let label: String?
        let today: Bool
        let rows: [Row]?
    }
    struct Week: Encodable, Sendable { let cells: [Cell] }
    struct Calendar: Encodable, Sendable {
        let caption: String
        let previousHref: String
        let previousLabel: String
        let nextHref: String
        let nextLabel: String
        let weeks: [Week]
    }

    let action: String
    let view: String
    let delegations: [AgendaOption]
    let kinds: [AgendaOption]
    let months: [AgendaOption]
    /// French notices for filter values that were not understood.
    let notices: [String]?
    let listHref: String
    let monthHref: String
    let heading: String
    /// List view: months of days of rows; nil when empty.
    let groups: [MonthGroup]?
    /// Month view.
    let calendar: Calendar?
    let empty: String?
    /// Said when the list of coming events is cut (`AgendaPageBuilder.listLimit`).
    let more: String?
    let newHref: String?
    let feedsHref: String
}

/// One event.
struct EventPage: Encodable, Sendable {
    struct Registration: Encodable, Sendable {
        let seats: String
        let deadline: String?
        let closed: String?
        let registerHref: String?
    }
    let title: String
    let kind: String
    let scope: String
    let audience: String?
    let when: String
    let cancelled: Bool
    let place: String?
    let address: String?
    let onlineURL: String?
    let paragraphs: [String]?
    let icsHref: String
    let registration: Registration?
    let editHref: String?
    let cancelHref: String?
    let registrantsHref: String?
    let agendaHref: String
    var refusal: String?
}

/// The event form (new and edit).
struct EventFormPage: Encodable, Sendable {
    let heading: String
    let action: String
    let cancelHref: String
    let form: [String: String]
    let errors: FieldErrors
    let kinds: [AgendaOption]
    let delegations: [AgendaOption]
    let audiences: [AgendaOption]
    let version: String?
    let allDay: Bool
    let registrationOpen: Bool
    var refusal: String?
}

/// Registering people to an event.
struct EventRegistrationPage: Encodable, Sendable {
    struct Person: Encodable, Sendable {
        let index: Int
        let name: String
        let email: String
        let job: String
        let nameError: String?
        let emailError: String?
        let jobError: String?
    }
    struct Existing: Encodable, Sendable {
        let name: String
        let email: String
        let structure: String
        let cancelAction: String?
    }
    let title: String
    let eventHref: String
    let when: String
    let seats: String
    let closed: String?
    let action: String?
    let structures: [AgendaOption]
    let people: [Person]
    let errors: FieldErrors
    let existing: [Existing]?
}

/// The registrants of an event (its writers).
struct RegistrantsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let name: String
        let email: String
        let job: String
        let structure: String
        let status: String
        let date: String
    }
    let title: String
    let eventHref: String
    let seats: String
    let list: ListView
    let rows: [Row]
}

/// `/agenda/abonnements`.
struct FeedsPage: Encodable, Sendable {
    struct Feed: Encodable, Sendable {
        let label: String
        let url: String
        let webcal: String
    }
    struct Personal: Encodable, Sendable {
        let feeds: [Feed]
        let token: String
        let resetAction: String
    }
    let network: Feed
    let delegations: [Feed]
    let kinds: [Feed]
    let personal: Personal?
    let signInHref: String?
    let agendaHref: String

    static func feed(_ label: String, _ url: SiteURL, baseURL: String, query: String = "") -> Feed {
        let absolute = baseURL + url.path + query
        let webcal = absolute.replacingOccurrences(of: "^https?://", with: "webcal://", options: .regularExpression)
        return Feed(label: label, url: absolute, webcal: webcal)
    }
}
