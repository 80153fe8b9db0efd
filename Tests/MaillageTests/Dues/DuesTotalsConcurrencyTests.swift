import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Payments and credit notes recorded at the same moment on one call — two admins, a statement
/// import beside a hand-entered payment, two instances — all count: the call's totals are
/// recomputed under a lock on its row, never from a stale read (review of issue #11).
@Suite("Dues totals under concurrency")
struct DuesTotalsConcurrencyTests {
    @Test("ten payments and a credit note at once on two instances: every one is in the call's totals")
    func concurrentPaymentsAllCount() async throws {
        try await DuesNumberingConcurrencyTests.withTwoInstances(members: 1) { a, b in
            // setup
            _ = try await DuesCallService.generate(year: 2026, issuedOn: DuesNumberingConcurrencyTests.jan15, by: nil, on: a.db)
            let call = try #require(try await DuesCall.query(on: a.db).first())
            let id = try call.requireID()
            // Several instances need PostgreSQL (docs/DEPLOYMENT.md): on SQLite the tasks share one instance.
            let onPostgres = ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false
            let second = onPostgres ? b.db : a.db
            // act: five payments of 10,00 € from each instance and a credit note of 1,00 €, all at once
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<10 {
                    let db = i.isMultiple(of: 2) ? a.db : second
                    group.addTask {
                        let fresh = try #require(try await DuesCall.find(id, on: db))
                        try await DuesPaymentService.record(call: fresh, paidOn: Day(iso: "2026-02-01")!, amount: Money(cents: 1_000),
                                                            method: .transfer, reference: "Virement \(i)", bankRef: nil,
                                                            debitRunID: nil, by: nil, on: db)
                    }
                }
                group.addTask {
                    _ = try await DuesCallService.issueCreditNote(call: id, amount: Money(cents: 100), reason: "Geste",
                                                                  issuedOn: Day(iso: "2026-02-01")!, by: nil,
                                                                  parties: [.nationalAdmin], on: second)
                }
                try await group.waitForAll()
            }
            // validate
            let after = try #require(try await DuesCall.find(id, on: a.db))
            #expect(after.paidCents == 10_000)
            #expect(after.creditedCents == 100)
            let payments = try await DuesPayment.query(on: a.db).filter(\.$call.$id == id).all()
            #expect(payments.count == 10)
            for p in payments {
                #expect(p.splitDelegationCents + p.splitNationalCents + p.splitFundCents == p.amountCents)
            }
        }
    }

    @Test("money received is positive: a negative or zero manual payment is refused and nothing is written")
    func negativePaymentRefused() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let grid = try await DuesFactory.makeGrid(on: app.db)
            let call = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: grid)
            // act + validate
            for cents: Int64 in [-5_000, 0] {
                await #expect(throws: (any Error).self) {
                    try await DuesPaymentService.record(call: call, paidOn: Day(iso: "2026-02-01")!, amount: Money(cents: cents),
                                                        method: .transfer, reference: "Remboursement", bankRef: nil,
                                                        debitRunID: nil, by: nil, on: app.db)
                }
            }
            #expect(try await DuesPayment.query(on: app.db).count() == 0)
        }
    }
}
