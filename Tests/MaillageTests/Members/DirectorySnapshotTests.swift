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
            for sort in DirectoryFilters.Sort.allCases {
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
