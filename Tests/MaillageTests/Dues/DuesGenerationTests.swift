import Fluent
import Foundation
import MaillageCore
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// Issue #11, item 4: one generation run is one transaction — every call or none — with numbers
/// `2026-0001…` without gap; a second run adds only members without a call.
@Suite("Dues generation")
struct DuesGenerationTests {
    static let jan15 = Day(iso: "2026-01-15")!

    /// The calls of `year`, by number.
    static func calls(_ year: Int = 2026, on db: any Database) async throws -> [DuesCall] {
        try await DuesCall.query(on: db).filter(\.$year == year).sort(\.$seq).all()
    }

    static func last(_ series: String, on db: any Database) async throws -> Int? {
        try await DuesSequenceRow.query(on: db).filter(\.$series == series).first()?.last
    }

    @Test("the preview counts the members with an open membership, their total and those without a base")
    func preview() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await DuesFactory.makeGrid(on: app.db)
            let left = try await MembersFactory.makeStructure(on: app.db, name: "Sortie Avant", membership: nil)
            try await MembersFactory.makeMembership(on: app.db, structure: left, joinedOn: "2019-01-01", leftOn: "2026-01-10")
            _ = try await MembersFactory.makeStructure(on: app.db, name: "Arrivée Après", joinedOn: "2026-03-01")
            // MUT
            let p = try await DuesCallService.preview(year: 2026, issuedOn: Self.jan15, on: app.db)
            // validate
            let names = Set(p.candidates.map(\.structure.name))
            #expect(names == [f.inPDL.name, f.otherPDL.name, f.gesNOR.name, f.entityNOR.name])
            #expect(p.alreadyCalled == 0)
            #expect(p.dueOn == Day(iso: "2026-02-14")!)
            // No Observatory answer: every rated type is without base, fixed part only.
            #expect(p.total == Money(cents: 4 * 80_000))
            #expect(p.flagged.count == 3)  // AI, ACI and ETTI are rated; the GES is not
            #expect(p.candidates.first { $0.structure.name == f.inPDL.name }?.delegationName == "Pays de la Loire")
        }
    }

    @Test("a run numbers every call 2026-0001…n contiguously, freezes the explanation, locks the grid and is audited once")
    func generateNumbersContiguously() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let grid = try await DuesFactory.makeGrid(on: app.db)
            // MUT
            let result = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            // validate
            let calls = try await Self.calls(on: app.db)
            #expect(result.count == 4 && result.first == "2026-0001" && result.last == "2026-0004")
            #expect(result.message == "4 appels émis : 2026-0001 à 2026-0004")
            #expect(calls.map(\.number) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"])
            #expect(calls.map(\.seq) == [1, 2, 3, 4])
            #expect(Set(calls.map(\.runID)).count == 1)
            let own = try #require(calls.first { $0.$structure.id == f.inPDL.id })
            #expect(own.issuedOn == "2026-01-15" && own.dueOn == "2026-02-14")
            #expect(own.structureName == f.inPDL.name && own.siret == f.inPDL.siret && own.types == [.ai])
            #expect(own.delegationID != nil && own.noBase)
            #expect(own.amount?.explanation.first == "Part fixe 800,00\u{202F}€")
            #expect(own.totalCents == 80_000 && own.status == "issued")
            #expect(try await DuesGrid.find(grid.id, on: app.db)?.lockedAt != nil)
            #expect(try await Self.last("calls-2026", on: app.db) == 4)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "appel_cotisation").all()
            #expect(audit.count == 1)
        }
    }

    @Test("generating again adds only members without a call, numbered after the last one")
    func generateAgainAddsOnlyNewMembers() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            try await DuesFactory.makeGrid(on: app.db)
            _ = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            let newcomer = try await MembersFactory.makeStructure(on: app.db, name: "Nouvelle Structure", joinedOn: "2026-01-10")
            // MUT
            let second = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            let third = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            // validate
            #expect(second.count == 1 && second.first == "2026-0005" && second.skipped == 4)
            #expect(third.count == 0 && third.first == nil)
            let calls = try await Self.calls(on: app.db)
            #expect(calls.count == 5)
            #expect(calls.last?.$structure.id == newcomer.id)
            #expect(try await Self.last("calls-2026", on: app.db) == 5)
        }
    }

    @Test("a failure in the middle of a run leaves no call and no gap: the next run starts at 0001")
    func failureLeavesNothing() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            let grid = try await DuesFactory.makeGrid(on: app.db)
            // MUT
            await #expect(throws: DuesCallService.InjectedFailure.self) {
                try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db, failAfter: 2)
            }
            // validate
            #expect(try await Self.calls(on: app.db).isEmpty)
            #expect(try await Self.last("calls-2026", on: app.db) ?? 0 == 0)
            #expect(try await DuesGrid.find(grid.id, on: app.db)?.lockedAt == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "appel_cotisation").count() == 0)
            let again = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            #expect(again.first == "2026-0001" && again.last == "2026-0004")
        }
    }

    @Test("a failure after the first chunk of 500 rolls the chunk back too")
    func failureAfterAChunk() async throws {
        try await withMaillage { app in
            // setup
            try await app.db.transaction { tx in
                for i in 0..<520 { _ = try await MembersFactory.makeStructure(on: tx, name: "Membre \(i)") }
            }
            try await DuesFactory.makeGrid(on: app.db)
            // MUT
            await #expect(throws: DuesCallService.InjectedFailure.self) {
                try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db, failAfter: 510)
            }
            // validate
            #expect(try await Self.calls(on: app.db).isEmpty)
            let run = try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            #expect(run.count == 520 && run.first == "2026-0001" && run.last == "2026-0520")
            #expect(Set(try await Self.calls(on: app.db).map(\.seq)) == Set(1...520))
        }
    }

    @Test("without a grid for the year, the run refuses in French and writes nothing")
    func noGrid() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            // MUT
            await #expect(throws: DuesCallService.Failure.noGrid(2026)) {
                try await DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: app.db)
            }
            // validate
            #expect(DuesCallService.Failure.noGrid(2026).message.contains("Il n'existe pas de barème pour 2026"))
            #expect(try await Self.calls(on: app.db).isEmpty)
        }
    }

    @Test("numbers have four digits at least, more past 9 999; credit notes are AV-YEAR-NNNN")
    func numberFormat() {
        #expect(DuesNumbering.callNumber(year: 2026, seq: 1) == "2026-0001")
        #expect(DuesNumbering.callNumber(year: 2026, seq: 412) == "2026-0412")
        #expect(DuesNumbering.callNumber(year: 2026, seq: 12_345) == "2026-12345")
        #expect(DuesNumbering.creditNumber(year: 2026, seq: 7) == "AV-2026-0007")
    }
}
