import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11: the dues home page (`/cotisations`), the menu entry and the home page's tasks.
@Suite("Dues home")
struct DuesHomeTests {
    @Test("/cotisations: an admin gets every page of the year, a delegate the follow-up, a member its calls, bases and mandate")
    func duesHome() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            // MUT
            let admin = try await y.f.browser(app, as: .admin).get(SiteURL.dues(.home))
            let delegate = try await y.f.browser(app, as: .delegate).get(SiteURL.dues(.home))
            let member = try await y.f.browser(app, as: .member).get(SiteURL.dues(.home))
            let jurist = try await y.f.browser(app, as: .jurist).get(SiteURL.dues(.home))
            // validate
            #expect(admin.status == .ok)
            for url in [DuesURL.generate(2026), DuesURL.calls(2026), DuesURL.dashboard(2026), DuesURL.bases(2026),
                        SiteURL.dues(.directDebits), SiteURL.dues(.statements), SiteURL.dues(.mandates), SiteURL.dues(.settings),
                        DuesURL.export(2026, "ecritures.txt")] {
                #expect(admin.body.contains("href=\"\(url.path)\""), "\(url.path)")
            }
            #expect(delegate.status == .ok)
            #expect(delegate.body.contains("href=\"\(DuesURL.reminderPreview(2026).path)\""))
            #expect(delegate.body.contains("href=\"\(DuesURL.dashboard(2026).path)\""))
            #expect(!delegate.body.contains(DuesURL.generate(2026).path))
            #expect(!delegate.body.contains("/export/"))
            #expect(member.status == .ok)
            #expect(member.body.contains("id=\"dues-member-calls\""))
            #expect(member.body.contains(y.a.number) && !member.body.contains(y.b.number))
            #expect(member.body.contains(DuesYear.euros(447_407)))
            #expect(member.body.contains("En retard"))
            #expect(member.body.contains("href=\"\(DuesURL.base(2026, y.f.inPDL.id!).path)\""))
            #expect(member.body.contains("href=\"\(DuesURL.mandate(y.f.inPDL.id!).path)\""))
            #expect(!member.body.contains(DuesURL.dashboard(2026).path))
            #expect(jurist.status == .forbidden)
        }
    }

    @Test("the menu has « Cotisations » for admins, delegates and members only")
    func menu() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let entry = "href=\"\(SiteURL.dues(.home).path)\""
            // MUT + validate
            for who in [Fixtures.Who.admin, .delegate, .member] {
                #expect(try await f.browser(app, as: who).get(.home).body.contains(entry), "\(who)")
            }
            for who in [Fixtures.Who.jurist, .trainer, .board] {
                #expect(try await !f.browser(app, as: who).get(.home).body.contains(entry), "\(who)")
            }
        }
    }

    @Test("home tasks: the member's base to declare and what it owes, the delegate's overdue calls")
    func homeTasks() async throws {
        try await withMaillage { app in
            // setup: the declaration deadline is 30 April
            let y = try await DuesYear.load(app, deadline: "2026-04-30")
            // MUT
            let member = try await y.f.browser(app, as: .member).get(.home)
            let delegate = try await y.f.browser(app, as: .delegate).get(.home)
            let admin = try await y.f.browser(app, as: .admin).get(.home)
            // validate
            #expect(member.body.contains("id=\"cotisations-title\""))
            #expect(member.body.contains("Déclarez votre assiette 2026 avant le 30 avril 2026"))
            #expect(member.body.contains("href=\"\(DuesURL.base(2026, y.f.inPDL.id!).path)\""))
            #expect(member.body.contains("Appel 2026-0001 : \(DuesYear.euros(447_407)) restent dus (échéance le 14 février 2026)"))
            #expect(member.body.contains("href=\"\(DuesURL.call(y.a.id!).path)\""))
            #expect(!member.body.contains("2026-0002"))
            #expect(delegate.body.contains("2 appels de cotisation 2026 sont en retard dans votre délégation"))
            #expect(delegate.body.contains("href=\"\(DuesURL.reminderPreview(2026).path)\""))
            // The calls of 2026 exist: nothing to generate.
            #expect(!admin.body.contains("ne sont pas encore émis"))
            #expect(admin.body.contains("id=\"cotisations-title\""))
        }
    }

    @Test("an admin is asked to issue the calls once the year's grid exists; a declared base is no longer a task")
    func adminAndDeclared() async throws {
        try await withMaillage { app in
            // setup
            let clock = FixedClock(DuesYear.april1)
            app.services = AppServices(config: app.config, clock: clock)
            let f = try await Fixtures.load(on: app)
            try await DuesFactory.makeGrid(on: app.db, declarationDeadline: "2026-04-30")
            let base = DuesBase()
            base.year = 2026
            base.$structure.id = f.inPDL.id!
            base.type = "AI"
            base.amountCents = 10_000_000
            base.source = "declared"
            try await base.create(on: app.db)
            // MUT
            let admin = try await f.browser(app, as: .admin).get(.home)
            let member = try await f.browser(app, as: .member).get(.home)
            // validate
            #expect(admin.body.contains("les appels de cotisation 2026 ne sont pas encore émis"))
            #expect(admin.body.contains("href=\"\(DuesURL.generate(2026).path)\""))
            #expect(!member.body.contains("Déclarez votre assiette"))
            #expect(member.body.contains("Rien n&#39;attend de votre part pour les cotisations.") || member.body.contains("Rien n'attend de votre part pour les cotisations."))
        }
    }
}
