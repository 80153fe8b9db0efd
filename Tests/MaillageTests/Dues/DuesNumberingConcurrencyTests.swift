import Fluent
import Foundation
import MaillageCore
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// Issue #11, reference check: two generations at once — two connections, two application
/// instances on one database (a SQLite file, or PostgreSQL with DATABASE_URL) — give one set of
/// calls with contiguous numbers and no duplicate.
@Suite("Dues numbering under concurrency")
struct DuesNumberingConcurrencyTests {
    static let jan15 = Day(iso: "2026-01-15")!

    /// Two applications on one database, migrated, with `members` member structures and the 2026
    /// grid: PostgreSQL when DATABASE_URL is set (the test kit's schema), else a SQLite file.
    static func withTwoInstances(members: Int, _ test: (Application, Application) async throws -> Void) async throws {
        try await withMaillage { first in
            // The test's own database (on PostgreSQL, its slot's: `withMaillage`).
            let postgresURL = first.config.databaseURL
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-dues-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            }
            // On SQLite the test kit's database is in memory: both instances use a file instead.
            let a = postgresURL == nil ? try await instance(postgresURL: nil, file: file) : first
            let b = try await instance(postgresURL: postgresURL, file: file)
            do {
                if postgresURL == nil {
                    try await a.autoMigrate()
                    try await (a.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
                }
                try await a.db.transaction { tx in
                    for i in 0..<members { _ = try await MembersFactory.makeStructure(on: tx, name: "Membre \(i)") }
                }
                try await DuesFactory.makeGrid(on: a.db)
                try await test(a, b)
            } catch {
                try? await b.asyncShutdown()
                if a !== first { try? await a.asyncShutdown() }
                throw error
            }
            try await b.asyncShutdown()
            if a !== first { try await a.asyncShutdown() }
        }
    }

    private static func instance(postgresURL: String?, file: String) async throws -> Application {
        let app = try await Application.make(.testing)
        do {
            var config = AppConfig.fromEnvironment()
            config.databaseURL = postgresURL
            config.databasePath = file
            config.rootDirectory = TestPaths.root
            try await configure(app, config: config)
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    @Test("two generations at once on two instances: one set of calls, numbers 1…n, no duplicate")
    func concurrentGenerations() async throws {
        try await Self.withTwoInstances(members: 300) { a, b in
            // MUT
            async let one = DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: a.db)
            async let two = DuesCallService.generate(year: 2026, issuedOn: Self.jan15, by: nil, on: b.db)
            let results = try await [one, two]
            // validate
            #expect(results.map(\.count).sorted() == [0, 300])
            let calls = try await DuesCall.query(on: a.db).filter(\.$year == 2026).all()
            #expect(calls.count == 300)
            #expect(Set(calls.map(\.seq)) == Set(1...300))
            #expect(Set(calls.map(\.number)).count == 300)
            #expect(Set(calls.map(\.$structure.id)).count == 300)
            #expect(Set(calls.map(\.runID)).count == 1)
            #expect(try await DuesSequenceRow.query(on: a.db).filter(\.$series == "calls-2026").first()?.last == 300)
        }
    }

    @Test("numbers taken by many transactions at once on two instances are 1…n without gap nor duplicate; a rolled-back one gives its number back")
    func concurrentTakes() async throws {
        try await Self.withTwoInstances(members: 0) { a, b in
            // MUT
            let taken = try await withThrowingTaskGroup(of: Int?.self) { group in
                for i in 0..<24 {
                    let db = i.isMultiple(of: 2) ? a.db : b.db
                    group.addTask {
                        do {
                            return try await db.writeTransaction { tx in
                                let n = try await DuesNumbering.take(1, series: "credits-2026", on: tx).lowerBound
                                if i.isMultiple(of: 6) { throw CancellationError() }  // rolled back: the number comes back
                                return n
                            }
                        } catch is CancellationError { return nil }
                    }
                }
                var all: [Int] = []
                for try await n in group { if let n { all.append(n) } }
                return all
            }
            // validate
            #expect(taken.count == 20)
            #expect(taken.sorted() == Array(1...20))
            #expect(try await DuesSequenceRow.query(on: a.db).filter(\.$series == "credits-2026").first()?.last == 20)
        }
    }
}
