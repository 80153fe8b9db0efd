import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The demo's dues (issue #11, « Done when »: `maillage demo` shows a 2026 call with payments in
/// every state), loaded into a fresh test database.
@Suite("Demo dues")
struct DemoDuesTests {
    /// The state a person sees on `today` (overdue is derived from the due date).
    static func state(_ c: DuesCall, today: String) -> String {
        if c.status == "cancelled" { return "cancelled" }
        if c.outstanding.cents <= 0 { return "paid" }
        if c.dueOn < today { return "overdue" }
        return c.paidCents > 0 ? "partly_paid" : "issued"
    }

    @Test("The federation's identity is valid: SIRET, IBAN, BIC, SEPA creditor identifier")
    func identity() {
        #expect(SIRET(DemoDues.siret) != nil)
        #expect(IBAN(DemoDues.iban) != nil)
        #expect(BIC(DemoDues.bic) != nil)
        #expect(CreditorIdentifier(DemoDues.creditorID) != nil)
        for i in 0..<40 {
            let iban = DemoDues.frenchIBAN(bank: 30004 + i, branch: 100 + i * 7, account: 4_000_000 + Int64(i) * 9_973)
            #expect(IBAN(iban) != nil, "\(iban)")
        }
        #expect(DemoDues.complementaryDay(today: Day(iso: "2026-12-06")!) == Day(iso: "2026-11-26")!)
        #expect(DemoDues.complementaryDay(today: Day(iso: "2027-05-01")!) == Day(iso: "2026-12-20")!)
    }

    @Test("2025 and 2026 grids, the 2026 calls in every state, contiguous numbers, exact splits, the member's call")
    func demoDues() async throws {
        try await withMaillage { app in
            try await DemoNetwork.load(on: app.db, passwordHash: try app.password.hash(DemoNetwork.password))
            let db = app.db
            let settings = try #require(try await DuesSettingsRecord.query(on: db).first())
            #expect(settings.federationName == DemoDues.federationName)
            #expect(SIRET(settings.siret) != nil && IBAN(settings.iban) != nil && CreditorIdentifier(settings.creditorID) != nil)

            // Grids: 2025 (demo rates, SMIC 11,88 €, 400 h = 4 752,00 €) and 2026 (SPEC §3), locked by its calls.
            let grids = try await DuesGrid.query(on: db).with(\.$rates).sort(\.$year).all()
            #expect(grids.map(\.year) == [2025, 2026])
            for g in grids {
                let terms = g.terms(rates: g.rates)
                #expect(try terms.cap(for: [.ai]).amount == Money(cents: 475_200))
                #expect(g.fixedCents == 80_000 && g.splitRule == .standard)
            }
            let g26 = grids[1].terms(rates: grids[1].rates)
            #expect(g26.terms[.ai]?.rate.plain == "0,6" && g26.terms[.aci]?.rate.plain == "0,2" && g26.terms[.ei]?.rate.plain == "0,35")
            #expect(g26.terms[.etti]?.rate.plain == "0,6" && g26.terms[.proxim]?.rate.plain == "0,6" && g26.terms[.ebe]?.rate.plain == "0,2")
            #expect(grids[0].terms(rates: grids[0].rates).terms[.ai]?.rate.plain == "0,55")
            #expect(grids[1].isLocked && grids[1].referenceYear == 2024)

            // Every active or associate member of 2026 has exactly one call; numbers 2026-0001… with no gap.
            let calls = try await DuesCall.query(on: db).filter(\.$year == 2026).sort(\.$seq).all()
            let members = try await Structure.query(on: db).with(\.$memberships).all().filter { DemoDues.isMember($0, on: DemoDues.issuedOn) }
            #expect(calls.count == members.count && calls.count > 400)
            #expect(Set(calls.map(\.$structure.id)) == Set(members.compactMap(\.id)))
            #expect(calls.map(\.seq) == Array(1...calls.count))
            #expect(calls.map(\.number) == (1...calls.count).map { String(format: "2026-%04d", $0) })
            let series = try await DuesSequenceRow.query(on: db).filter(\.$series == "calls-2026").first()
            #expect(series?.last == calls.count)
            #expect(Set(calls.map(\.runID)).count == 2)

            // Each call's amount is the calculator's, frozen with its explanation; bases from the Observatory.
            for c in calls {
                let amount = try #require(c.amount)
                #expect(amount.total.cents == c.totalCents && c.totalCents == c.fixedCents + c.variableCents)
                #expect(amount.explanation.first == "Part fixe 800,00\u{202F}€" && amount.explanation.last?.hasPrefix("Total ") == true)
                #expect(c.delegationID != nil)
            }
            #expect(calls.contains { $0.noBase } && calls.contains { $0.variableCents == 475_200 })
            // The same amounts as the app's own base resolution gives (what the bases pages show).
            let resolved = try await DuesBaseService.resolveAll(grid: grids[1], structures: members, on: db)
            var mismatches: [String] = []
            for c in calls {
                let given = (resolved[c.$structure.id] ?? [:]).compactMapValues(\.amount)
                let s = try #require(members.first { $0.id == c.$structure.id })
                let expected = try DuesCalculator.compute(g26, types: s.types, bases: given)
                if expected.total.cents != c.totalCents { mismatches.append("\(c.number): \(c.totalCents) ≠ \(expected.total.cents)") }
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")

            // Totals kept in step with the rows; every payment's split adds up to it.
            let payments = try await DuesPayment.query(on: db).all()
            let credits = try await DuesCreditNote.query(on: db).sort(\.$seq).all()
            for p in payments {
                #expect(p.splitDelegationCents + p.splitNationalCents + p.splitFundCents == p.amountCents)
                #expect(p.split == DuesSplitRule.standard.split(p.amount))
            }
            for c in calls {
                #expect(payments.filter { $0.$call.id == c.id }.reduce(0) { $0 + $1.amountCents } == c.paidCents)
                #expect(credits.filter { $0.$call.id == c.id }.reduce(0) { $0 + $1.amountCents } == c.creditedCents)
            }
            #expect(credits.map(\.number) == ["AV-2026-0001", "AV-2026-0002"])

            // Every state, seen on the day after the complementary run.
            let complementary = try #require(calls.last?.issuedOn)
            let today = DemoDues.addingDays(1, to: Day(iso: complementary)!).iso
            var byState: [String: Int] = [:]
            for c in calls { byState[Self.state(c, today: today), default: 0] += 1 }
            for s in ["issued", "partly_paid", "paid", "overdue", "cancelled"] { #expect(byState[s, default: 0] > 0, "no call \(s)") }
            #expect(calls.contains { $0.outstanding.cents < 0 }, "an overpaid call")
            #expect(calls.contains { $0.status == "paid" && $0.creditedCents > 0 }, "a call reduced by a credit note, then paid")

            // Direct debits: ~30 mandates (valid IBANs), one run, one returned debit; transfers and cheques.
            let mandates = try await DuesMandate.query(on: db).all()
            #expect(mandates.count == DemoDues.mandateCount && mandates.allSatisfy { IBAN($0.iban) != nil })
            #expect(Set(mandates.map(\.reference)).count == mandates.count)
            let runs = try await DuesDebitRun.query(on: db).all()
            #expect(runs.count == 1)
            let debits = payments.filter { $0.method == "direct_debit" }
            #expect(debits.count == runs[0].count && debits.reduce(0) { $0 + $1.amountCents } == runs[0].totalCents)
            let returns = payments.filter { $0.method == "return" }
            #expect(returns.count == 1 && returns[0].amountCents < 0 && debits.contains { $0.id == returns[0].returnedPaymentID })
            #expect(payments.contains { $0.method == "transfer" } && payments.contains { $0.method == "cheque" })
            #expect(try await DuesReminder.query(on: db).count() > 20)

            // The demo member: its structures' calls, one partly paid with its explanation.
            let member = try #require(try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[2].email).first())
            let grant = try #require(try await RoleGrant.query(on: db).filter(\.$user.$id == member.requireID()).first())
            let ges = try #require(grant.$structure.id)
            let own = Set([ges] + (try await Structure.query(on: db).filter(\.$gesParent.$id == ges).all()).compactMap(\.id))
            let ownCalls = calls.filter { own.contains($0.$structure.id) }
            #expect(ownCalls.count == own.count)
            let partly = try #require(ownCalls.first { $0.status == "partly_paid" })
            #expect(partly.amount?.explanation.contains { $0.hasPrefix("Part variable AI 0,6") } == true)
            #expect(mandates.contains { own.contains($0.$structure.id) })

            // The direct-debit file is written into the store from the rows.
            try await DemoDues.storeFiles(app.services.files, on: db)
            let file = try #require(try app.services.files.get(FileKey(DemoDues.debitFileKey)!))
            let xml = String(decoding: file, as: UTF8.self)
            #expect(xml.contains("pain.008.001.02") && xml.contains("<NbOfTxs>\(runs[0].count)</NbOfTxs>"))
        }
    }
}
