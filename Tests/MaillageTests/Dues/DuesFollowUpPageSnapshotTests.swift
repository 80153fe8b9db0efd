import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The follow-up pages of the dues (home, dashboard, reminders) rendered from page models built
/// by hand, without a database. The lead records them (`SNAPSHOT_TESTING_RECORD`).
@Suite("Dues follow-up page snapshots", .snapshots(record: PageRenderer.record))
struct DuesFollowUpPageSnapshotTests {
    typealias D = SnapshotData

    static let map = NetworkMap(year: 2026, delegations: [D.pdl, D.nor])

    @Test("dues home: a national admin's links, and a member's calls, bases and mandate")
    func home() async throws {
        // setup
        let links = [DuesHomePage.Link(label: "Barèmes", href: SiteURL.dues(.grids).path, note: "Créer et versionner le barème de l'année"),
                     DuesHomePage.Link(label: "Tableau de bord 2026", href: DuesURL.dashboard(2026).path, note: nil),
                     DuesHomePage.Link(label: "Export : Appels (CSV)", href: DuesURL.export(2026, "appels.csv").path, note: nil)]
        let years = [DuesHomePage.Year(label: "2026", href: SiteURL.dues(.home).path(query: ["annee": "2026"]), current: true),
                     DuesHomePage.Year(label: "2025", href: SiteURL.dues(.home).path(query: ["annee": "2025"]), current: false)]
        let admin = DuesHomePage(year: 2026, heading: "Cotisations 2026", intro: "Barème, appels, paiements, relances et exports comptables de l'année.",
                                 years: years, admin: links, delegate: nil, delegateTitle: nil, calls: nil, callsEmpty: nil,
                                 bases: nil, mandates: nil, isMember: false)
        let call = DuesHomePage.Call(number: "2026-0012", href: DuesURL.call(D.uuid(501)).path, name: "Relais Emploi Nantes",
                                     issuedOn: "15/01/2026", dueOn: "14/02/2026", total: DuesHomePage.euros(Money(cents: 447_407)),
                                     outstanding: DuesHomePage.euros(Money(cents: 123_400)), status: "En retard", statusCode: "overdue")
        let member = DuesHomePage(year: 2026, heading: "Cotisations 2026", intro: "Les cotisations de votre structure.", years: nil,
                                  admin: nil, delegate: nil, delegateTitle: nil, calls: [call], callsEmpty: nil,
                                  bases: [.init(name: "Relais Emploi Nantes", text: "Assiette 2026 à confirmer ou déclarer avant le 30/04/2026.",
                                                href: DuesURL.base(2026, D.uuid(1)).path, linkLabel: "Voir l'assiette")],
                                  mandates: [.init(name: "Relais Emploi Nantes", text: "Mandat de prélèvement SEPA actif.",
                                                   href: DuesURL.mandate(D.uuid(1)).path, linkLabel: "Voir le mandat")],
                                  isMember: true)
        // MUT
        let adminHTML = try await PageRenderer.render("dues/home", title: admin.heading, admin, user: D.admin, path: SiteURL.dues(.home).path)
        let memberHTML = try await PageRenderer.render("dues/home", title: member.heading, member, user: D.manager, path: SiteURL.dues(.home).path)
        // validate
        assertSnapshot(of: adminHTML, as: .lines, named: "admin")
        assertSnapshot(of: memberHTML, as: .lines, named: "member")
    }

    @Test("dashboard: national figures with the split and each delegation's income")
    func dashboard() async throws {
        // setup
        var f = DuesDashboard.Figures()
        f.calls = 4
        f.called = Money(cents: 1_107_407)
        f.collected = Money(cents: 220_001)
        f.byStatus = ["overdue": (3, Money(cents: 887_406)), "paid": (1, .zero)]
        f.byType = ["AI": (1, Money(cents: 447_407), .zero), "ACI": (1, Money(cents: 180_000), Money(cents: 180_000)),
                    "*": (1, Money(cents: 340_000), .zero)]
        f.byMonth = ["2026-03": (2, Money(cents: 220_001))]
        f.split = DuesSplit(delegation: Money(cents: 88_000), national: Money(cents: 110_001), fund: Money(cents: 22_000))
        f.byDelegation = ["PDL": (Money(cents: 967_407), Money(cents: 180_000), Money(cents: 72_000)),
                          "NOR": (Money(cents: 140_000), Money(cents: 40_001), Money(cents: 16_000))]
        let url = DuesURL.dashboard(2026)
        let page = DuesDashboardPage(year: 2026, figures: f, delegation: nil, map: Self.map,
                                     choices: [.init(label: "Ensemble du réseau", href: url.path, current: true),
                                               .init(label: "Pays de la Loire", href: url.path(query: ["delegation": "PDL"]), current: false)],
                                     exports: [.init(label: "Appels (CSV)", href: DuesURL.export(2026, "appels.csv").path, current: false)],
                                     homeHref: SiteURL.dues(.home).path, callsHref: DuesURL.calls(2026).path,
                                     remindersHref: DuesURL.reminderPreview(2026).path)
        // MUT
        let html = try await PageRenderer.render("dues/dashboard", title: page.heading, page, user: D.admin, path: url.path)
        // validate
        #expect(html.contains("19,9\u{202F}%"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("reminders: a call to remind, one without recipient, the history")
    func reminders() async throws {
        // setup
        let plan = DuesReminders.Plan(due: [
            .init(callID: D.uuid(501), number: "2026-0012", name: "Relais Emploi Nantes", delegation: "PDL", dueOn: "2026-02-14",
                  outstanding: Money(cents: 123_400), step: 2, daysLate: 46, recipients: ["alex.responsable@exemple.fr"]),
            .init(callID: D.uuid(502), number: "2026-0013", name: "Chantier Nature Vendée", delegation: "PDL", dueOn: "2026-02-14",
                  outstanding: Money(cents: 180_000), step: 1, daysLate: 20, recipients: []),
        ])
        let history = [(number: "2026-0012", step: 1, sentAt: ISO8601DateFormatter().date(from: "2026-03-01T07:00:00Z")!, actor: "Maillage")]
        let page = DuesReminderPage(year: 2026, plan: plan, history: history, delays: [15, 45],
                                    sendHref: DuesURL.sendReminders(2026).path, homeHref: SiteURL.dues(.home).path,
                                    call: { DuesURL.call($0).path })
        // MUT
        let html = try await PageRenderer.render("dues/reminders", title: "Relances des cotisations 2026", page, user: D.delegate,
                                                 path: DuesURL.reminderPreview(2026).path)
        // validate
        #expect(html.contains("sans destinataire"))
        assertSnapshot(of: html, as: .lines)
    }
}
