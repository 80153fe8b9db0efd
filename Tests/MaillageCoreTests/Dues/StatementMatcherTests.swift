import Foundation
import Testing
@testable import MaillageCore

@Suite("Statement matching")
struct StatementMatcherTests {
    static let ids = (0..<6).map { UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")! }

    /// The open calls the five-credit fixture pays, plus one owed the same 450,00 € by someone else.
    static let calls = [
        OpenCall(id: ids[1], number: "2026-0001", outstanding: Money(cents: 447_407), payerNames: ["AI Tremplin Caen"]),
        OpenCall(id: ids[2], number: "2026-0002", outstanding: Money(cents: 180_000), payerNames: ["Les Jardins d'Ève"]),
        OpenCall(id: ids[3], number: "2026-0003", outstanding: Money(cents: 300_000), payerNames: ["Normandie Recyclage"]),
        OpenCall(id: ids[4], number: "2026-0004", outstanding: Money(cents: 45_000), payerNames: ["Association Le Relais"]),
        OpenCall(id: ids[5], number: "2026-0005", outstanding: Money(cents: 45_000), payerNames: ["Emmaüs Solidarité"]),
    ]

    @Test("reference check: 5 credits give 3 by number, 1 proposed, 1 unknown; the debit is ignored")
    func referenceCheck() throws {
        // setup
        let entries = try Camt053.parse(try BankingFixtures.data("camt053-five-credits.xml"))
        // MUT
        let matches = entries.map { StatementMatcher.match($0, calls: Self.calls, knownBatchIDs: []) }
        // validate
        #expect(entries.filter { $0.amount.cents > 0 }.count == 5)
        #expect(matches[0] == .byNumber(callID: Self.ids[1], number: "2026-0001"))
        #expect(matches[1] == .byNumber(callID: Self.ids[2], number: "2026-0002"))   // "2026 - 0002"
        #expect(matches[2] == .byNumber(callID: Self.ids[3], number: "2026-0003"))   // partial payment, still by number
        #expect(matches[3] == .proposed(callID: Self.ids[4], number: "2026-0004",
                                        reason: "même montant (450,00\u{00A0}€) et même nom (Association Le Relais)"))
        #expect(matches[4] == .unknown)
        guard case .ignored(let why) = matches[5] else { Issue.record("debit not ignored: \(matches[5])"); return }
        #expect(why.contains("débit"))
    }

    @Test("a number beats a proposal; an unknown number falls back to amount and name")
    func numberFirst() {
        let entry = StatementEntry(reference: "r", bookedOn: Day(iso: "2026-03-01")!, amount: Money(cents: 45_000),
                                   payerName: "Le Relais", remittance: "Cotisation 2026-0001")
        #expect(StatementMatcher.match(entry, calls: Self.calls, knownBatchIDs: []) == .byNumber(callID: Self.ids[1], number: "2026-0001"))
        var paidElsewhere = entry
        paidElsewhere.remittance = "Cotisation 2026-0099"
        guard case .proposed(let id, _, _) = StatementMatcher.match(paidElsewhere, calls: Self.calls, knownBatchIDs: []) else {
            Issue.record("no proposal"); return
        }
        #expect(id == Self.ids[4])
    }

    @Test("a proposal needs both the amount and the name, and only one such call")
    func proposalRules() {
        let base = StatementEntry(reference: "r", bookedOn: Day(iso: "2026-03-01")!, amount: Money(cents: 45_000),
                                  payerName: "ASSOCIATION LE RELAIS", remittance: "")
        var wrongAmount = base
        wrongAmount.amount = Money(cents: 45_001)
        #expect(StatementMatcher.match(wrongAmount, calls: Self.calls, knownBatchIDs: []) == .unknown)
        var wrongName = base
        wrongName.payerName = "Relais Services Plus Nord"
        #expect(StatementMatcher.match(wrongName, calls: Self.calls, knownBatchIDs: []) == .unknown)
        let twin = OpenCall(id: UUID(), number: "2026-0009", outstanding: Money(cents: 45_000), payerNames: ["Le Relais SARL"])
        #expect(StatementMatcher.match(base, calls: Self.calls + [twin], knownBatchIDs: []) == .unknown)
        // No payer column (a CSV line): the bank's label carries the name.
        let csvLine = StatementEntry(reference: "r", bookedOn: Day(iso: "2026-03-01")!, amount: Money(cents: 45_000),
                                     payerName: "", remittance: "VIR SEPA ASSOC. LE RELAIS COTISATION ANNUELLE")
        guard case .proposed(let id, _, _) = StatementMatcher.match(csvLine, calls: Self.calls, knownBatchIDs: []) else {
            Issue.record("no proposal from the label"); return
        }
        #expect(id == Self.ids[4])
    }

    @Test("a direct-debit batch already recorded is ignored, not matched")
    func knownBatch() throws {
        // setup
        let entry = StatementEntry(reference: "B1", bookedOn: Day(iso: "2026-04-15")!, amount: Money(cents: 447_407),
                                   payerName: "", remittance: "REMISE PRLV SEPA PRLV-2026-04-15-001 2026-0001")
        // MUT
        let known = StatementMatcher.match(entry, calls: Self.calls, knownBatchIDs: ["PRLV-2026-04-15-001"])
        let other = StatementMatcher.match(entry, calls: Self.calls, knownBatchIDs: ["PRLV-2026-05-15-001"])
        // validate
        #expect(known == .ignored("Remise de prélèvements PRLV-2026-04-15-001 déjà enregistrée."))
        #expect(other == .byNumber(callID: Self.ids[1], number: "2026-0001"))
    }

    @Test("call numbers: 19xx/20xx, spaces around the dash, 4 digits or more, never glued to other digits")
    func numbers() {
        #expect(StatementMatcher.callNumbers(in: "VIR 2026-0001 ET 2026 - 0012") == ["2026-0001", "2026-0012"])
        #expect(StatementMatcher.callNumbers(in: "1999-12345") == ["1999-12345"])
        #expect(StatementMatcher.callNumbers(in: "12026-0001 2026-001 3026-0001 2026-00012") == ["2026-00012"])
        #expect(StatementMatcher.callNumbers(in: "FACT2026-0007X") == ["2026-0007"])
        #expect(StatementMatcher.callNumbers(in: "") == [])
    }

    @Test("names: accents, case, punctuation and legal forms folded; one's words within the other's")
    func names() {
        #expect(NameMatcher.same("ASSOC. LE RELAIS", "Association Le Relais"))
        #expect(NameMatcher.same("SARL JARDINS D'EVE", "Jardins d’Ève"))
        #expect(NameMatcher.same("Œuvre Normande", "OEUVRE NORMANDE SAS"))
        #expect(!NameMatcher.same("Le Relais", "Le Tremplin"))
        #expect(!NameMatcher.same("SARL", "SAS"))          // nothing left to compare
    }
}
