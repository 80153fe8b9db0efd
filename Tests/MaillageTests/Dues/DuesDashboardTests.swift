import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// A hand-made dues year for the follow-up tests, today 1 April 2026 (12:00 in Paris):
/// - A 2026-0001 Relais Emploi Nantes (AI, PDL, managed by `member`): 800 + 0,6 % × 612 345,00 = 4 474,07 €,
///   due 14 February (46 days late: reminder step 2), nothing paid;
/// - B 2026-0002 Chantier Nature Vendée (ACI, PDL, no manager): 800 + 1 000 = 1 800,00 €, paid in full on 1 March;
/// - C 2026-0003 Tempo Emploi Caen (ETTI, NOR): 800 + 600 = 1 400,00 €, due 20 March (12 days late: no
///   reminder yet), 400,01 € paid on 10 March;
/// - D 2026-0004 Duo Insertion Nantes (AI + ACI, PDL, no manager): 800 + min(1 800 + 800, 4 752) = 3 400,00 €,
///   due 14 February, nothing paid.
struct DuesYear {
    let f: Fixtures
    let clock: FixedClock
    let grid: DuesGrid
    let a: DuesCall, b: DuesCall, c: DuesCall, d: DuesCall
    let duo: Structure

    static let april1 = ISO8601DateFormatter().date(from: "2026-04-01T10:00:00Z")!

    static func load(_ app: Application, now: Date = april1, deadline: String? = nil) async throws -> DuesYear {
        let clock = FixedClock(now)
        app.services = AppServices(config: app.config, clock: clock)
        let f = try await Fixtures.load(on: app)
        let db = app.db
        try await DuesFactory.makeSettings(on: db)
        let grid = try await DuesFactory.makeGrid(on: db, declarationDeadline: deadline)
        let duo = try await Fixtures.structure("Duo Insertion Nantes", siren: "100000005", types: [.ai, .aci], dep: "44",
                                               commune: "Nantes", on: db)
        let a = try await DuesFactory.makeCall(on: db, structure: f.inPDL, grid: grid, bases: [.ai: Money(cents: 61_234_500)])
        let b = try await DuesFactory.makeCall(on: db, structure: f.otherPDL, grid: grid, bases: [.aci: Money(cents: 50_000_000)])
        let c = try await DuesFactory.makeCall(on: db, structure: f.entityNOR, grid: grid, bases: [.etti: Money(cents: 10_000_000)],
                                               issuedOn: "2026-02-18", dueOn: "2026-03-20")
        let d = try await DuesFactory.makeCall(on: db, structure: duo, grid: grid,
                                               bases: [.ai: Money(cents: 30_000_000), .aci: Money(cents: 40_000_000)])
        try await DuesFactory.makePayment(on: db, call: b, cents: 180_000, paidOn: "2026-03-01")
        try await DuesFactory.makePayment(on: db, call: c, cents: 40_001, paidOn: "2026-03-10")
        return DuesYear(f: f, clock: clock, grid: grid, a: a, b: b, c: c, d: d, duo: duo)
    }

    /// « 4 474,07 € », as the pages show amounts (the euro sign once).
    static func euros(_ cents: Int64) -> String { FrenchFormat.euros(cents: cents) }
}

@Suite("Dues dashboard")
struct DuesDashboardTests {
    static let today = Day(iso: "2026-04-01")!

    @Test("national figures: called, collected, outstanding, rate, statuses, types, months, and a split that adds back exactly")
    func nationalFigures() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let map = try await app.services.networkMaps.current(on: app.db)
            // MUT
            let f = try DuesDashboard.figures(calls: try await DuesDashboard.callGroups(year: 2026, today: Self.today, on: app.db),
                                              payments: try await DuesDashboard.paymentGroups(year: 2026, on: app.db),
                                              delegation: nil, map: map)
            // validate
            #expect(y.a.totalCents == 447_407 && y.d.totalCents == 340_000)
            #expect(f.calls == 4)
            #expect(f.called == Money(cents: 447_407 + 180_000 + 140_000 + 340_000))
            #expect(f.collected == Money(cents: 220_001))
            #expect(f.outstanding == Money(cents: 1_107_407 - 220_001))
            #expect(try Money.sum([f.split.delegation, f.split.national, f.split.fund]) == f.collected)
            #expect(f.split == DuesSplit(delegation: Money(cents: 72_000 + 16_000), national: Money(cents: 90_000 + 20_001),
                                         fund: Money(cents: 18_000 + 4_000)))
            // 2 200,01 / 11 074,07 = 19,866… % → 19,9 % (one rounding, at the end)
            #expect(f.rateTenths == 199)
            #expect(f.rateText == "19,9\u{202F}%")
            #expect(f.byStatus["overdue"]?.count == 3 && f.byStatus["paid"]?.count == 1 && f.byStatus["issued"] == nil)
            #expect(f.byStatus["overdue"]?.outstanding == Money(cents: 447_407 + 99_999 + 340_000))
            #expect(f.byType["AI"]?.count == 1 && f.byType["ACI"]?.count == 1 && f.byType["ETTI"]?.count == 1)
            #expect(f.byType["*"]?.count == 1 && f.byType["*"]?.called == Money(cents: 340_000))
            #expect(f.byMonth["2026-03"]?.count == 2 && f.byMonth["2026-03"]?.amount == Money(cents: 220_001))
            #expect(f.byDelegation["PDL"]?.income == Money(cents: 72_000))
            #expect(f.byDelegation["NOR"]?.income == Money(cents: 16_000))
            #expect(f.byDelegation["PDL"]?.called == Money(cents: 447_407 + 180_000 + 340_000))
        }
    }

    @Test("one delegation's figures leave the others out")
    func delegationFigures() async throws {
        try await withMaillage { app in
            // setup
            _ = try await DuesYear.load(app)
            let map = try await app.services.networkMaps.current(on: app.db)
            // MUT
            let f = try DuesDashboard.figures(calls: try await DuesDashboard.callGroups(year: 2026, today: Self.today, on: app.db),
                                              payments: try await DuesDashboard.paymentGroups(year: 2026, on: app.db),
                                              delegation: map.delegation(code: "PDL"), map: map)
            // validate
            #expect(f.calls == 3)
            #expect(f.called == Money(cents: 967_407))
            #expect(f.collected == Money(cents: 180_000))
            #expect(f.split.delegation == Money(cents: 72_000))
            #expect(f.rateText == "18,6\u{202F}%")
            #expect(f.byType["ETTI"] == nil)
        }
    }

    @Test("the page: national with each delegation's income for an admin, only their delegation for a delegate, another code 404")
    func page() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let admin = try await y.f.browser(app, as: .admin)
            let delegate = try await y.f.browser(app, as: .delegate)
            // MUT
            let national = try await admin.get(DuesURL.dashboard(2026))
            let pdl = try await admin.get(DuesURL.dashboard(2026), query: ["delegation": "PDL"])
            let theirs = try await delegate.get(DuesURL.dashboard(2026))
            let other = try await delegate.get(DuesURL.dashboard(2026), query: ["delegation": "NOR"])
            let unknown = try await admin.get(DuesURL.dashboard(2026), query: ["delegation": "ZZZ"])
            let badYear = try await admin.get("/cotisations/1999/tableau-de-bord")
            // validate
            #expect(national.status == .ok)
            #expect(national.body.contains("Ensemble du réseau"))
            #expect(national.body.contains(DuesYear.euros(1_107_407)))
            #expect(national.body.contains("19,9\u{202F}%"))
            #expect(national.body.contains("id=\"dues-by-delegation\""))
            #expect(national.body.contains("Plusieurs types"))
            #expect(national.body.contains("mars 2026"))
            #expect(national.body.contains(DuesURL.export(2026, "appels.csv").path))
            #expect(pdl.status == .ok && pdl.body.contains("Délégation Pays de la Loire") && pdl.body.contains(DuesYear.euros(967_407)))
            #expect(theirs.status == .ok)
            #expect(theirs.body.contains("Délégation Pays de la Loire"))
            #expect(theirs.body.contains(DuesYear.euros(72_000)))
            #expect(!theirs.body.contains("id=\"dues-by-delegation\""))
            #expect(!theirs.body.contains(DuesURL.export(2026, "appels.csv").path))
            #expect(other.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(badYear.status == .notFound)
        }
    }
}
