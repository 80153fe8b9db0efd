import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The calls list answers its common pages from the database (count, sums and one page of rows in
/// SQL) and the rest in memory (French name order, searches, downloads). Both must agree: for every
/// status filter, sort and direction, and for the admin and the delegate, the numbers of the HTML
/// page are exactly those of the CSV download of the same query (the in-memory path).
@Suite("Dues calls list: database page = in-memory list")
struct DuesCallListQueryTests {
    static func numbers(inPage body: String) -> [String] {
        let pattern = /<td><a href="\/cotisations\/appels\/[^"]+">(2026-\d{4})<\/a><\/td>/
        return body.matches(of: pattern).map { String($0.1) }
    }

    static func numbers(inCSV body: String) -> [String] {
        body.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let first = line.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF}"))
            return first.flatMap { $0.hasPrefix("2026-") ? $0 : nil }
        }
    }

    @Test("every status filter × sort × direction, as admin and as delegate: same rows, same order, same count")
    func databasePageMatchesTheList() async throws {
        try await withMaillage { app in
            // setup: calls in every state (issued and not due, overdue, partly paid, paid, overpaid, cancelled)
            let f = try await DuesCallPageTests.setUp(app, generate: false)
            let grid = try #require(try await DuesGrid.query(on: app.db).first())
            var structures = [f.inPDL, f.otherPDL, f.gesNOR, f.entityNOR]
            for i in 0..<8 {
                structures.append(try await MembersFactory.makeStructure(on: app.db, name: "Membre \(i)", types: i.isMultiple(of: 2) ? [.ai] : [.aci],
                                                                          department: i < 4 ? "44" : "14"))
            }
            for (i, s) in structures.enumerated() {
                let due = i.isMultiple(of: 3) ? "2026-12-31" : "2026-02-14"
                let call = try await DuesFactory.makeCall(on: app.db, structure: s, grid: grid,
                                                          bases: [.ai: Money(cents: Int64(10_000_000 + i * 777_777)), .aci: Money(cents: Int64(20_000_000 + i * 1_000))],
                                                          dueOn: due)
                switch i % 4 {
                case 1: try await DuesFactory.makePayment(on: app.db, call: call, cents: 10_000)
                case 2: try await DuesFactory.makePayment(on: app.db, call: call, cents: call.totalCents + (i == 6 ? 500 : 0))
                default: break
                }
                if i == 7 { _ = try await DuesCallService.issueCreditNote(call: call.requireID(), amount: call.outstanding, reason: "Annulation",
                                                                          issuedOn: Day(iso: "2026-02-01")!, by: nil, parties: [.nationalAdmin], on: app.db) }
            }
            let statuses: [String?] = [nil, "issued", "partly_paid", "paid", "overdue", "cancelled"]
            let sorts = ["number", "-number", "total", "-total", "outstanding", "-outstanding"]
            for who in [Fixtures.Who.admin, .delegate] {
                let b = try await f.browser(app, as: who)
                var seen = Set<String>()
                for status in statuses {
                    for sort in sorts {
                        // MUT
                        let query: KeyValuePairs<String, String?> = ["etat": status, "sort": sort, "per_page": "200"]
                        let page = try await b.get(DuesURL.calls(2026), query: query)
                        let csv = try await b.get(DuesURL.calls(2026), query: ["etat": status, "sort": sort, "per_page": "200", "format": "csv"])
                        // validate
                        #expect(page.status == .ok && csv.status == .ok)
                        let fromSQL = Self.numbers(inPage: page.body), inMemory = Self.numbers(inCSV: csv.body)
                        #expect(fromSQL == inMemory, "\(who) etat=\(status ?? "-") sort=\(sort): \(fromSQL) vs \(inMemory)")
                        if let status { seen.formUnion(fromSQL.map { "\(status) \($0)" }) }
                    }
                }
                // Every state is represented, so the comparison is not vacuous.
                for status in statuses.compactMap({ $0 }) where who == .admin {
                    #expect(seen.contains { $0.hasPrefix(status + " ") }, "no call is \(status)")
                }
            }
        }
    }
}
