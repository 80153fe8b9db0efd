import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// A structure that moved between delegations: its questions stay with the delegation that was in
/// charge when they were asked in the statistics (as the by-delegation breakdown counts them),
/// while the questions list follows the structure's current department.
@Suite("Legal statistics scope")
struct LegalStatisticsScopeTests {
    @Test("a moved structure: the delegate's figures keep the questions asked while in the delegation; the list follows the move")
    func movedStructure() async throws {
        try await withMaillage { app in
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-12-01")!.noonInParis))
            let f = try await Fixtures.load(on: app)
            // Asked in Pays de la Loire (44), then the structure moved to Normandy (14) and asked again.
            let before1 = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedOn: "2026-02-02")
            let before2 = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedOn: "2026-03-02")
            f.inPDL.departmentCode = "14"
            try await f.inPDL.save(on: app.db)
            let after = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedOn: "2026-09-01")
            // Asked in Normandy (14), then the structure moved to Pays de la Loire (85).
            let fromNormandy = try await LegalFactory.makeQuestion(on: app.db, structure: f.gesNOR, askedOn: "2026-04-01")
            f.gesNOR.departmentCode = "85"
            try await f.gesNOR.save(on: app.db)

            let map = try await NetworkMap.load(on: app.db, year: 2026)
            let pdl = try #require(map.delegation(code: "PDL"))
            let scope = LegalScope(all: false, departments: Set(pdl.departments), structureIDs: [])
            let stats = try await LegalStatistics.load(year: 2026, scope: scope, map: map, on: app.db)
            #expect(stats.count == 2)
            #expect(stats.byDelegation == [.init(label: "Pays de la Loire", count: 2)])
            // The list: the delegate now in charge follows the member.
            let listed = Set(try await LegalListQueries.lines(scope: scope, on: app.db).map(\.id))
            #expect(listed == [try fromNormandy.requireID()])
            let moved = [try before1.requireID(), try before2.requireID(), try after.requireID()]
            #expect(listed.isDisjoint(with: moved))

            // The delegate's page says the same, and the national figures put each question where it was asked.
            let page = try await f.browser(app, as: .delegate).get(.legal(.statistics), query: ["annee": "2026"])
            #expect(page.status == .ok)
            #expect(page.body.contains("<span class=\"tile-value\">2</span> <span class=\"tile-label\">Questions posées en 2026</span>"))
            #expect(!page.body.contains("<th scope=\"row\">Normandie</th>"))
            #expect(page.body.contains("elle appartient à la délégation qui suivait la structure quand la question a été posée"))
            let national = try await LegalStatistics.load(year: 2026, scope: LegalScope(all: true, departments: [], structureIDs: []),
                                                          map: map, on: app.db)
            #expect(national.byDelegation == [.init(label: "Normandie", count: 2), .init(label: "Pays de la Loire", count: 2)])
        }
    }

    @Test("the jurists: active users holding the jurist role, in French order, with their e-mail")
    func jurists() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let emile = try await AccountsFactory.makeUser(on: app, email: "emile@test.maillage.test", displayName: "Émile Juriste", role: .jurist)
            let gone = try await AccountsFactory.makeUser(on: app, email: "parti@test.maillage.test", displayName: "Aline Partie", role: .jurist)
            gone.isActive = false
            try await gone.save(on: app.db)
            let list = try await LegalListQueries.jurists(on: app.db)
            #expect(list.map(\.name) == ["Émile Juriste", "Test jurist"])
            #expect(list.map(\.id) == [try emile.requireID(), try #require(f.users[.jurist])])
            #expect(list.first?.email == "emile@test.maillage.test")
        }
    }
}
