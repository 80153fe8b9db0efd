import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Member directory")
struct DirectoryTests {
    @Test("search by name without accents, by SIRET with spaces, by commune")
    func search() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let byName = try await b.get("/adherents?q=vendee")
            #expect(byName.body.contains("Chantier Nature Vendée"))
            #expect(byName.body.contains("1 structure"))
            let spaced = SIRET(f.gesNOR.siret)!.formatted.replacingOccurrences(of: " ", with: "+")
            let bySiret = try await b.get("/adherents?q=\(spaced)")
            #expect(bySiret.body.contains("Groupe Solidaire Caen"))
            let byCommune = try await b.get("/adherents?q=caen")
            #expect(byCommune.body.contains("2 structures"))
        }
    }

    @Test("filters by delegation, department, type and status; sorts; paginates")
    func filters() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .jurist)
            #expect(try await b.get("/adherents?delegation=NOR").body.contains("2 structures"))
            #expect(try await b.get("/adherents?department=85").body.contains("1 structure"))
            #expect(try await b.get("/adherents?type=ETTI").body.contains("Tempo Emploi Caen"))
            #expect(try await b.get("/adherents?status=ancien").body.contains("0 structure"))
            let sorted = try await b.get("/adherents?sort=-name").body
            #expect(sorted.range(of: "Tempo Emploi Caen")!.lowerBound < sorted.range(of: "Chantier Nature Vendée")!.lowerBound)
            // pagination through the query builder itself
            let map = try await NetworkMap.load(on: app.db)
            var filters = DirectoryFilters()
            filters.perPage = 3
            filters.page = 2
            let (rows, total) = try await DirectoryQuery.run(filters, scope: .init(all: true, departments: [], structureIDs: []), map: map, on: app.db)
            #expect(total == 4)
            #expect(rows.map(\.name) == ["Tempo Emploi Caen"])
            // an unknown filter value is ignored on the page, never an error
            #expect(try await b.get("/adherents?type=XYZ&page=-3").status == .ok)
        }
    }

    @Test("a delegate lists their delegation, a member manager their own structure")
    func scopes() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let delegate = try await f.browser(app, as: .delegate).get("/adherents")
            #expect(delegate.body.contains("2 structures"))
            #expect(!delegate.body.contains("Groupe Solidaire Caen"))
            let member = try await f.browser(app, as: .member).get("/adherents")
            #expect(member.body.contains("1 structure"))
            #expect(member.body.contains("Relais Emploi Nantes"))
        }
    }

    @Test("the public directory shows current members with name, types, commune and website only")
    func publicDirectory() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let page = try await TestBrowser(app).get("/annuaire")
            #expect(page.status == .ok)
            #expect(page.body.contains("Relais Emploi Nantes"))
            #expect(!page.body.contains(f.inPDL.siret))
            #expect(page.body.contains("4 adhérents"))
        }
    }

    @Test("home pages: national counts by delegation, the delegate's departments, the member's structures")
    func homes() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let national = try await f.browser(app, as: .admin).get("/")
            #expect(national.body.contains("Tableau de bord national"))
            #expect(national.body.contains("Pays de la Loire"))
            let region = try await f.browser(app, as: .delegate).get("/")
            #expect(region.body.contains("Délégation Pays de la Loire"))
            #expect(region.body.contains("Vendée (85)"))
            let member = try await f.browser(app, as: .member).get("/")
            #expect(member.body.contains("Mon espace adhérent"))
            #expect(member.body.contains("Relais Emploi Nantes"))
        }
    }
}

@Suite("Pre-rendered HTML stays escaped")
struct DirectoryEscapingTests {
    @Test("a structure whose name holds markup is shown as text in the directory")
    func escapesNames() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            f.inPDL.name = "<script>alert('x')</script> & \"Cie\""
            f.inPDL.refreshSearchText()
            try await f.inPDL.save(on: app.db)
            let page = try await f.browser(app, as: .admin).get("/adherents")
            #expect(!page.body.contains("<script>alert"))
            #expect(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Cie&quot;"))
            #expect(HTML.options([SelectOption(value: "a\"b", label: "<x>", selected: true)]).description == "<option value=\"a&quot;b\" selected>&lt;x&gt;</option>")
        }
    }
}
