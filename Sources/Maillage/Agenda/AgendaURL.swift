import Foundation
import Vapor

/// The network agenda's routes (`/agenda`), inside the one route table as `SiteURL.agenda(_)`.
enum AgendaURL: Sendable {
    /// The list (default) or the month view: `?vue=mois&mois=2026-12&delegation=PDL&type=webinaire`.
    case home
    case newEvent, createEvent
    case event(Parameter<UUID>), eventICS(Parameter<UUID>)
    case editEvent(Parameter<UUID>), updateEvent(Parameter<UUID>)
    case confirmCancelEvent(Parameter<UUID>), cancelEvent(Parameter<UUID>)
    case register(Parameter<UUID>), createRegistration(Parameter<UUID>)
    case registrants(Parameter<UUID>)
    case cancelRegistration(Parameter<UUID>)
    // iCalendar feeds and the page that lists them.
    case feeds, resetFeedToken
    case networkFeed
    /// `feed`: the delegation's code in lower case with `.ics` (`pdl.ics`).
    case delegationFeed(Parameter<String>)
    /// `feed`: the kind's key with `.ics` (`webinaire.ics`, `formation.ics`).
    case kindFeed(Parameter<String>)
    /// `feed`: the person's secret token with `.ics`.
    case personalFeed(Parameter<String>)
}

extension AgendaURL {
    var method: HTTPMethod {
        switch self {
        case .createEvent, .updateEvent, .cancelEvent, .createRegistration, .cancelRegistration, .resetFeedToken: .POST
        default: .GET
        }
    }

    var rule: Rule {
        switch self {
        case .home, .event, .eventICS, .feeds, .networkFeed, .delegationFeed, .kindFeed, .personalFeed: .everyone
        case .newEvent, .createEvent, .editEvent, .updateEvent, .confirmCancelEvent, .cancelEvent, .registrants: .manageEvents
        case .register, .createRegistration, .cancelRegistration: .registerToEvents
        case .resetFeedToken: .signedIn
        }
    }

    var segments: [String] {
        let root = "agenda"
        switch self {
        case .home: return [root]
        case .newEvent, .createEvent: return [root, "evenements", "nouveau"]
        case .event(let e): return [root, "evenements", e.segment("eventID")]
        case .eventICS(let e): return [root, "evenements", e.segment("eventID"), "evenement.ics"]
        case .editEvent(let e), .updateEvent(let e): return [root, "evenements", e.segment("eventID"), "modifier"]
        case .confirmCancelEvent(let e), .cancelEvent(let e): return [root, "evenements", e.segment("eventID"), "annuler"]
        case .register(let e), .createRegistration(let e): return [root, "evenements", e.segment("eventID"), "inscription"]
        case .registrants(let e): return [root, "evenements", e.segment("eventID"), "inscrits"]
        case .cancelRegistration(let r): return [root, "inscriptions", r.segment("eventRegistrationID"), "annuler"]
        case .feeds: return [root, "abonnements"]
        case .resetFeedToken: return [root, "abonnements", "renouveler"]
        case .networkFeed: return [root, "flux", "reseau.ics"]
        case .delegationFeed(let f): return [root, "flux", "delegations", f.segment("feed")]
        case .kindFeed(let f): return [root, "flux", "types", f.segment("feed")]
        case .personalFeed(let f): return [root, "flux", "personnel", f.segment("feed")]
        }
    }
}

// Links with values.
extension AgendaURL {
    static var start: SiteURL { .agenda(.home) }
    static func event(_ id: UUID) -> SiteURL { .agenda(.event(.value(id))) }
    static func eventICS(_ id: UUID) -> SiteURL { .agenda(.eventICS(.value(id))) }
    static func editEvent(_ id: UUID) -> SiteURL { .agenda(.editEvent(.value(id))) }
    static func updateEvent(_ id: UUID) -> SiteURL { .agenda(.updateEvent(.value(id))) }
    static func confirmCancelEvent(_ id: UUID) -> SiteURL { .agenda(.confirmCancelEvent(.value(id))) }
    static func cancelEvent(_ id: UUID) -> SiteURL { .agenda(.cancelEvent(.value(id))) }
    static func register(_ id: UUID) -> SiteURL { .agenda(.register(.value(id))) }
    static func createRegistration(_ id: UUID) -> SiteURL { .agenda(.createRegistration(.value(id))) }
    static func registrants(_ id: UUID) -> SiteURL { .agenda(.registrants(.value(id))) }
    static func cancelRegistration(_ id: UUID) -> SiteURL { .agenda(.cancelRegistration(.value(id))) }
    static func delegationFeed(code: String) -> SiteURL { .agenda(.delegationFeed(.value(code.lowercased() + ".ics"))) }
    static func kindFeed(_ key: String) -> SiteURL { .agenda(.kindFeed(.value(key + ".ics"))) }
    static func personalFeed(token: String) -> SiteURL { .agenda(.personalFeed(.value(token + ".ics"))) }
}
