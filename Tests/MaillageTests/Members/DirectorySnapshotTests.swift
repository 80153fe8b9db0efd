import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Directory snapshot")
struct DirectorySnapshotTests {
    @Test("the in-memory snapshot answers exactly what SQL answers, for every filter, sort, page and scope")
    func sameAsSQL() async throws {
        try await withMaillage { app in
            // setup
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let map = try await NetworkMap.load(on: app.db)
            let snapshot = try await app.services.caches.directory.snapshot(on: app.db)
            let pdl = map.delegation(code: "PDL")!
            let someID = snapshot.rows[7].id
            let scopes = [
                DirectoryScope(all: true, departments: [], structureIDs: []),
                DirectoryScope(all: false, departments: pdl.departments, structureIDs: []),
                DirectoryScope(all: false, departments: [], structureIDs: [someID]),
            ]
            var cases: [DirectoryFilters] = []
            let sorts = DirectoryFilters.columns.filter(\.sortable).flatMap { [ListSort($0.key), ListSort($0.key, descending: true)] }
            for sort in sorts {
                for (q, delegation, type, status) in [("", nil, nil, nil), ("relais", nil, StructureType.ai, nil), ("", "PDL", nil, DirectoryStatus.active),
                                                      ("nantes", nil, nil, nil), ("", "NOR", StructureType.aci, nil), ("", nil, nil, DirectoryStatus.former),
                                                      (String(snapshot.rows[3].siret.prefix(6)), nil, nil, nil), ("a_b%", nil, nil, nil)] as [(String, String?, StructureType?, DirectoryStatus?)] {
                    for page in [1, 2] {
                        var f = DirectoryFilters()
                        f.q = q; f.delegation = delegation; f.type = type; f.status = status; f.sort = sort; f.page = page; f.perPage = 20
                        cases.append(f)
                    }
                }
            }
            var department = DirectoryFilters(); department.department = "44"
            cases.append(department)
            // MUT + validate
            for scope in scopes {
                for f in cases {
                    for currentOnly in [false, true] {
                        let sql = try await DirectoryQuery.run(f, scope: scope, map: map, on: app.db, currentOnly: currentOnly)
                        let mem = snapshot.run(f, scope: scope, map: map, currentOnly: currentOnly)
                        #expect(mem.total == sql.total, "\(f) \(scope)")
                        #expect(mem.rows.map(\.id) == sql.rows.map(\.id), "\(f) \(scope)")
                    }
                }
            }
        }
    }

    @Test("French order on every path: snapshot, SQL, page and export agree, accents and hyphens folded")
    func frenchOrder() async throws {
        try await withMaillage { app in
            // setup: names and communes a byte order gets wrong
            let names = ["Vesoul Services", "Cherbourg Insertion", "Évry Solidaire", "Château-Gontier Emploi",
                         "Île-de-France Relais", "Ilot Jardins", "Œuvre Nouvelle", "Oasis", "abri côtier", "Abri Central",
                         "Lot 10", "Lot 2", "Idées"]
            for (i, name) in names.enumerated() {
                try await MembersFactory.makeStructure(on: app.db, name: name, commune: names[(i + 5) % names.count])
            }
            let map = try await NetworkMap.load(on: app.db)
            let everything = DirectoryScope(all: true, departments: [], structureIDs: [])
            let expected = ["Abri Central", "abri côtier", "Château-Gontier Emploi", "Cherbourg Insertion", "Évry Solidaire",
                            "Idées", "Île-de-France Relais", "Ilot Jardins", "Lot 2", "Lot 10", "Oasis", "Œuvre Nouvelle", "Vesoul Services"]
            // MUT
            let snapshot = try await app.services.caches.directory.snapshot(on: app.db)
            var f = DirectoryFilters(); f.perPage = 200
            let mem = snapshot.run(f, scope: everything, map: map, currentOnly: false).rows.map(\.name)
            let sql = try await DirectoryQuery.run(f, scope: everything, map: map, on: app.db).rows.map(\.name)
            f.sort = ListSort("name", descending: true)
            let memDesc = snapshot.run(f, scope: everything, map: map, currentOnly: false).rows.map(\.name)
            f.sort = ListSort("commune")
            let byCommune = snapshot.run(f, scope: everything, map: map, currentOnly: false).rows.map(\.commune)
            let sqlCommune = try await DirectoryQuery.all(f, scope: everything, map: map, on: app.db).map(\.commune)
            // validate
            #expect(mem == expected)
            #expect(sql == expected)
            #expect(memDesc == expected.reversed())
            #expect(byCommune == expected)
            #expect(sqlCommune == expected)
        }
    }

    @Test("an edit moves the register version, so the next page shows it")
    func invalidation() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            #expect(try await b.get("/adherents").body.contains("Relais Emploi Nantes"))
            let before = try await RegisterVersion.current(on: app.db)
            f.inPDL.name = "Relais Emploi Nantes Renommé"
            try await f.inPDL.save(on: app.db)
            #expect(try await RegisterVersion.current(on: app.db) > before)
            #expect(try await b.get("/adherents").body.contains("Relais Emploi Nantes Renommé"))
            let m = f.membershipInPDL
            m.leftOn = "2025-12-31"; m.leaveReason = "Fusion"
            let v = try await RegisterVersion.current(on: app.db)
            try await m.save(on: app.db)
            #expect(try await RegisterVersion.current(on: app.db) > v)
        }
    }
}
