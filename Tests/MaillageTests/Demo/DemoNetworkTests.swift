import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Demo network")
struct DemoNetworkTests {
    @Test("14 delegations, about 550 structures, about 60 % AI, GES with entities, some left, one account per role")
    func demoShape() async throws {
        try await withMaillage { app in
            try await DemoNetwork.load(on: app.db, passwordHash: try app.password.hash(DemoNetwork.password))
            let structures = try await Structure.query(on: app.db).all()
            #expect((530...570).contains(structures.count))
            let ai = structures.filter { $0.types.contains(.ai) }.count
            #expect(Double(ai) / Double(structures.count) > 0.5 && Double(ai) / Double(structures.count) < 0.7)
            #expect(structures.filter { $0.types.count == 2 }.count >= 10)
            #expect(structures.filter { $0.status == DirectoryStatus.former.rawValue }.count >= 10)
            let ges = structures.filter { $0.types.contains(.ges) }
            #expect(ges.count >= 5)
            for g in ges { #expect(structures.contains { $0.$gesParent.id == g.id }) }
            let map = try await NetworkMap.load(on: app.db)
            let covered = Set(structures.compactMap { map.delegation(ofDepartment: $0.departmentCode)?.code })
            #expect(covered.count == 14)
            #expect(Set(structures.map(\.siret)).count == structures.count)
            #expect(structures.allSatisfy { SIRET($0.siret) != nil })
            for account in DemoNetwork.accounts {
                let b = TestBrowser(app)
                try await b.login(account.email, password: DemoNetwork.password)
            }
        }
    }
}
