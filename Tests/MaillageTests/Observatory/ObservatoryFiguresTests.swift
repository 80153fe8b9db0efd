import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Observatory figures from the database")
struct ObservatoryFiguresTests {
    /// `count` AI structures in department `dep`, each with a validated answer.
    static func answered(_ count: Int, dep: String, campaign: Campaign, from: Int, on db: any Database) async throws {
        for i in 0..<count {
            let s = try await Fixtures.structure("Structure \(dep)-\(i)", siren: String(200_000_000 + from + i), types: [.ai], dep: dep,
                                                 commune: "Commune", on: db)
            try await ObservatoryFixtures.answer(campaign, s, type: "AI", status: .validated,
                                                 values: ["insertion_persons": Exact(10 * (i + 1)), "turnover_eur": Exact(100_000 + i)], on: db)
        }
    }

    @Test("a past campaign's figures do not move when the delegation map changes later")
    func mapChangeKeepsPastFigures() async throws {
        try await withMaillage { app in
            // setup: 2015 data, departments 14 (Basse-Normandie) and 76 (Haute-Normandie)
            let c = try await ObservatoryFixtures.campaign(2015, on: app.db)
            try await Self.answered(6, dep: "14", campaign: c, from: 0, on: app.db)
            try await Self.answered(5, dep: "76", campaign: c, from: 100, on: app.db)
            let before = try await ObservatoryData.cube(c, on: app.db, cache: FigureStore())
            #expect(before.delegations.contains("BNO") && before.delegations.contains("HNO"))
            #expect(before.figure("insertion_persons", "sum", delegation: "BNO")?.value == "210.00")
            // MUT: a new map from 2027 moves department 14 into a new delegation
            let map = try await NetworkMap.load(on: app.db, year: 2026)
            let nor = try #require(map.delegation(code: "NOR"))
            let moved = Delegation(code: "XNO", name: "Normandie Ouest", validFrom: 2027, validTo: nil)
            try await moved.create(on: app.db)
            let entry = try #require(try await MapEntry.query(on: app.db).filter(\.$departmentCode == "14").filter(\.$validTo == nil).first())
            #expect(entry.$delegation.id == nor.delegationID)
            entry.validTo = 2026
            try await entry.save(on: app.db)
            try await MapEntry(departmentCode: "14", delegationID: moved.id!, commissionID: nil, validFrom: 2027, validTo: nil).create(on: app.db)
            // validate
            let after = try await ObservatoryData.cube(c, on: app.db, cache: FigureStore())
            #expect(after.national() == before.national())
            #expect(after.delegation("BNO") == before.delegation("BNO"))
        }
    }

    @Test("figures count submitted and validated answers only; a cell under k is null; a cell that would reveal it by difference is withheld")
    func countedAnswersAndSecrecy() async throws {
        try await withMaillage { app in
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await Self.answered(6, dep: "44", campaign: c, from: 0, on: app.db)
            try await Self.answered(3, dep: "14", campaign: c, from: 100, on: app.db)
            try await Self.answered(5, dep: "75", campaign: c, from: 200, on: app.db)
            let draft = try await Fixtures.structure("Brouillon", siren: "300000001", types: [.ai], dep: "44", commune: "Nantes", on: app.db)
            try await ObservatoryFixtures.answer(c, draft, type: "AI", status: .draft,
                                                 values: ["insertion_persons": Exact(1000)], on: app.db)
            let cube = try await ObservatoryData.cube(c, on: app.db, cache: FigureStore())
            #expect(cube.figure("insertion_persons", "sum", delegation: "PDL")?.value == "210.00")
            #expect(cube.figure("insertion_persons", "sum", delegation: "PDL")?.n == 6)
            let nor = try #require(cube.figure("insertion_persons", "sum", delegation: "NOR"))
            #expect(nor.n == 3 && nor.value == nil)
            // the network total minus PDL would reveal NOR: the smallest other part (IDF) is withheld
            #expect(cube.figure("insertion_persons", "sum", delegation: "IDF") == nil)
            #expect(!cube.national().contains { $0.indicator == "insertion_persons" && $0.delegation == "IDF" })
            // (response rates excepted: SPEC §8 gives them whatever n)
            for figure in cube.national() + cube.delegation("PDL") + cube.delegation("NOR") where figure.indicator != "response" {
                #expect((figure.value == nil) == (figure.n < c.k), "\(figure)")
            }
            // response rate: answers over members active at opening (15 AI members, 14 answered)
            #expect(cube.figure("response", "rate")?.value == "93.3")
        }
    }
}
