import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// Agenda pages rendered from page models built by hand (no database, fixed days).
enum AgendaSnapshotData {
    typealias D = SnapshotData
    static let today = Day(year: 2027, month: 3, day: 9)!
    static let map = NetworkMap(year: 2027, delegations: [D.pdl, D.nor])
    static let names = [D.pdl.delegationID: D.pdl.name, D.nor.delegationID: D.nor.name]

    static func item(_ n: Int, _ title: String, kind: EventKind = .directorsMeeting, delegation: UUID? = nil,
                     audience: EventAudience = .public, day: Day, start: String = "09:30", end: String = "12:30",
                     allDayUntil: Day? = nil, place: String? = "Nantes", online: String? = nil, cancelled: Bool = false) -> AgendaItem {
        AgendaItem(source: .event(D.uuid(n)), uid: "event-\(n)@maillage.agenda", title: title, kindKey: kind.rawValue,
                   kindLabel: kind.label, delegationID: delegation, audience: audience, allDay: allDayUntil != nil,
                   startsAt: allDayUntil != nil ? ParisTime.midnight(day) : ParisTime.instant(day, LocalTime(stored: start)!),
                   endsAt: allDayUntil.map { ParisTime.midnight($0.adding(days: 1)) } ?? ParisTime.instant(day, LocalTime(stored: end)!),
                   firstDay: day, lastDay: allDayUntil ?? day, place: place, address: nil, onlineURL: online,
                   description: "Ordre du jour.", cancelled: cancelled, sequence: 0, updatedAt: ParisTime.midnight(day))
    }

    static let items = [
        item(1, "Réunion des directeurs Pays de la Loire", delegation: D.pdl.delegationID, day: Day(year: 2027, month: 3, day: 10)!),
        item(2, "Webinaire : actualités", kind: .webinar, audience: .members, day: Day(year: 2027, month: 3, day: 11)!,
             start: "11:00", end: "12:00", place: nil, online: "https://visio.exemple.fr/w"),
        item(3, "Journée régionale Normandie", kind: .regionalDay, delegation: D.nor.delegationID, day: Day(year: 2027, month: 3, day: 22)!,
             allDayUntil: Day(year: 2027, month: 3, day: 23)!, cancelled: true),
        item(4, "Assemblée générale", kind: .generalAssembly, audience: .members, day: Day(year: 2027, month: 4, day: 2)!),
    ]

    static func page(_ raw: [String: String]) -> AgendaPage {
        let f = AgendaFilters.parse(raw, map: map, today: today)
        return AgendaPageBuilder(filters: f, items: items, names: names, today: today, month: f.month ?? (2027, 3), map: map,
                                 newHref: "/agenda/evenements/nouveau").page()
    }
}

@Suite("Agenda list page snapshots", .snapshots(record: PageRenderer.record))
struct AgendaListPageSnapshotTests {
    @Test("list, month view, and bad filter values with their notices")
    func list() async throws {
        let list = try await PageRenderer.render("agenda/index", title: "Agenda du réseau", AgendaSnapshotData.page([:]), user: SnapshotData.admin)
        assertSnapshot(of: list, as: .lines, named: "list")
        let month = try await PageRenderer.render("agenda/index", title: "Agenda du réseau",
                                                  AgendaSnapshotData.page(["vue": "mois", "mois": "2027-03"]))
        assertSnapshot(of: month, as: .lines, named: "month")
        let bad = try await PageRenderer.render("agenda/index", title: "Agenda du réseau",
                                                AgendaSnapshotData.page(["delegation": "zz", "type": "fete", "mois": "13"]))
        assertSnapshot(of: bad, as: .lines, named: "notices")
    }
}

@Suite("Agenda event page snapshots", .snapshots(record: PageRenderer.record))
struct AgendaEventPageSnapshotTests {
    @Test("event page with registrations and writer actions; the form refused")
    func event() async throws {
        let page = EventPage(
            title: "Réunion des directeurs Pays de la Loire", kind: "Réunion des directeurs", scope: "Pays de la Loire",
            audience: "Réservé : adhérents", when: "mardi 12 janvier 2027, 9\u{202F}h\u{202F}30 – 12\u{202F}h\u{202F}30", cancelled: false,
            place: "Nantes, salle du réseau", address: "12 rue de la Solidarité", onlineURL: "https://visio.exemple.fr/r",
            paragraphs: ["Ordre du jour : actualités.", "Déjeuner sur place."], icsHref: "/agenda/evenements/x/evenement.ics",
            registration: .init(seats: "12 places restantes sur 40", deadline: "Inscriptions jusqu'au jeudi 7 janvier 2027", closed: nil,
                                registerHref: "/agenda/evenements/x/inscription"),
            editHref: "/agenda/evenements/x/modifier", cancelHref: "/agenda/evenements/x/annuler",
            registrantsHref: "/agenda/evenements/x/inscrits", agendaHref: "/agenda")
        let html = try await PageRenderer.render("agenda/event", title: page.title, page, user: SnapshotData.admin)
        assertSnapshot(of: html, as: .lines, named: "event")
        var values: [String: String] = [:]
        for (k, v) in [("event_title", ""), ("event_kind", "reunion-directeurs"), ("event_delegation", "national"), ("event_audience", "public"),
                       ("event_day", "31/02/2027"), ("event_starts", "14h"), ("event_ends", "10h"), ("event_registration_open", "1")] {
            values[k] = v
        }
        guard case .failure(let errors) = EventForm.parse(values, delegations: [:], nationalAllowed: true) else {
            Issue.record("the form should be refused")
            return
        }
        let form = EventFormPage(heading: "Nouvel événement", action: "/agenda/evenements/nouveau", cancelHref: "/agenda", form: values,
                                 errors: errors, kinds: EventKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .directorsMeeting) },
                                 delegations: [.init(value: "national", label: "National", selected: true)],
                                 audiences: EventAudience.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .public) },
                                 version: nil, allDay: false, registrationOpen: true)
        let formHTML = try await PageRenderer.render("agenda/event-form", title: form.heading, form, user: SnapshotData.admin)
        assertSnapshot(of: formHTML, as: .lines, named: "form-errors")
    }
}

@Suite("Agenda registration page snapshots", .snapshots(record: PageRenderer.record))
struct AgendaRegistrationPageSnapshotTests {
    @Test("the registration form with one person already registered")
    func register() async throws {
        let page = EventRegistrationPage(
            title: "Journée régionale", eventHref: "/agenda/evenements/x", when: "lundi 22 mars 2027 (toute la journée)",
            seats: "3 places restantes", closed: nil, action: "/agenda/evenements/x/inscription",
            structures: [.init(value: SnapshotData.uuid(1).uuidString, label: "Relais Emploi Nantes", selected: true)],
            people: (1...5).map { .init(index: $0, name: "", email: "", job: "", nameError: nil, emailError: nil, jobError: nil) },
            errors: FieldErrors(),
            existing: [.init(name: "Lou Martin", email: "lou@exemple.fr", structure: "Relais Emploi Nantes",
                             cancelAction: "/agenda/inscriptions/y/annuler")])
        let html = try await PageRenderer.render("agenda/register", title: "Inscription", page, user: SnapshotData.manager)
        assertSnapshot(of: html, as: .lines, named: "register")
    }
}

@Suite("Agenda feeds page snapshots", .snapshots(record: PageRenderer.record))
struct AgendaFeedsPageSnapshotTests {
    @Test("the subscriptions page, signed in (personal URL) and as a visitor")
    func feeds() async throws {
        let base = "https://maillage.exemple.fr"
        func page(personal: Bool) -> FeedsPage {
            FeedsPage(network: FeedsPage.feed("Tout le réseau", .agenda(.networkFeed), baseURL: base),
                      delegations: [FeedsPage.feed("Pays de la Loire", AgendaURL.delegationFeed(code: "PDL"), baseURL: base)],
                      kinds: [FeedsPage.feed("Webinaire", AgendaURL.kindFeed("webinaire"), baseURL: base)],
                      personal: personal ? .init(feeds: [FeedsPage.feed("Tout ce que je peux voir", AgendaURL.personalFeed(token: "jeton"), baseURL: base)],
                                                 token: "jeton", resetAction: "/agenda/abonnements/renouveler") : nil,
                      signInHref: personal ? nil : "/connexion", agendaHref: "/agenda")
        }
        let signed = try await PageRenderer.render("agenda/feeds", title: "S'abonner à l'agenda", page(personal: true), user: SnapshotData.manager)
        assertSnapshot(of: signed, as: .lines, named: "personal")
        let visitor = try await PageRenderer.render("agenda/feeds", title: "S'abonner à l'agenda", page(personal: false))
        assertSnapshot(of: visitor, as: .lines, named: "visitor")
        #expect(signed.contains("webcal://maillage.exemple.fr/agenda/flux/personnel/jeton.ics"))
    }
}

@Suite("Agenda registrants page snapshots", .snapshots(record: PageRenderer.record))
struct AgendaRegistrantsPageSnapshotTests {
    @Test("the registrants list with its exports")
    func registrants() async throws {
        let state = ListState([:], columns: AgendaRegistrationController.columns, defaultSort: ListSort("nom"))
        let list = ListView(AgendaURL.registrants(SnapshotData.uuid(5)), columns: AgendaRegistrationController.columns, state: state,
                            filters: [], total: 2, exportable: true, noun: ("inscription", "inscriptions"))
        let page = RegistrantsPage(title: "Journée régionale", eventHref: "/agenda/evenements/x", seats: "2 personnes inscrites sur 40 places",
                                   list: list, rows: [
                                       .init(name: "Lou Martin", email: "lou@exemple.fr", job: "Directrice", structure: "Relais Emploi Nantes",
                                             status: "Inscrit·e", date: "02/03/2027 10:15"),
                                       .init(name: "Sacha Petit", email: "sacha@exemple.fr", job: "", structure: "Chantier Nature Vendée",
                                             status: "Annulée", date: "03/03/2027 09:00"),
                                   ])
        let html = try await PageRenderer.render("agenda/registrants", title: "Inscrits", page, user: SnapshotData.admin)
        assertSnapshot(of: html, as: .lines, named: "registrants")
    }
}
