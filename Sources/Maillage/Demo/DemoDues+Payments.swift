import Fluent
import Foundation
import MaillageCore

/// The demo's dues, continued: what happened to the calls (payments, mandates, credit notes,
/// reminders), the direct-debit file it stores, and small helpers.
extension DemoDues {
    // MARK: - Payments, mandates, credit notes, reminders

    /// What happened to the main run's calls by December 2026.
    static func settle(calls: [DuesCall], managed: Set<UUID>, grid: DuesGrid, admin: UUID?, rng: inout DemoRandom,
                       on db: any Database) async throws {
        let split = grid.splitRule
        var payments: [DuesPayment] = []
        var credits: [DuesCreditNote] = []
        var reminders: [DuesReminder] = []
        var creditSeq = 0
        var bankSeq = 0

        func pay(_ call: DuesCall, _ cents: Int64, on day: String, _ method: DuesPayment.Method, reference: String,
                 run: UUID? = nil, returned: UUID? = nil) -> DuesPayment {
            let parts = split.split(Money(cents: cents))
            let p = DuesPayment()
            p.id = UUID()
            p.$call.id = call.id!
            p.paidOn = day
            p.amountCents = cents
            p.method = method.rawValue
            p.reference = reference
            if method == .transfer { bankSeq += 1; p.bankRef = String(format: "DEMO-REL-2026-%05d", bankSeq) }
            p.$debitRun.id = run
            p.returnedPaymentID = returned
            p.delegationID = call.delegationID
            p.splitDelegationCents = parts.delegation.cents
            p.splitNationalCents = parts.national.cents
            p.splitFundCents = parts.fund.cents
            p.createdBy = admin
            payments.append(p)
            call.paidCents += cents
            return p
        }
        func credit(_ call: DuesCall, _ cents: Int64, on day: String, reason: String) {
            creditSeq += 1
            let n = DuesCreditNote()
            n.$call.id = call.id!
            n.year = year
            n.seq = creditSeq
            n.number = String(format: "AV-%d-%04d", year, creditSeq)
            n.issuedOn = day
            n.amountCents = cents
            n.reason = reason
            n.createdBy = admin
            credits.append(n)
            call.creditedCents += cents
        }
        func remind(_ call: DuesCall, steps: Int) {
            for (step, delay) in grid.reminderDelays.prefix(steps).enumerated() {
                let r = DuesReminder()
                r.$call.id = call.id!
                r.step = step + 1
                r.sentAt = date(addingDays(delay, to: Day(iso: call.dueOn)!), hour: 8)
                r.sentBy = nil
                reminders.append(r)
            }
        }
        let day = { (month: Int, d: Int) in String(format: "%d-%02d-%02d", year, month, d) }

        // The demo member's structures: the GES paid by transfer, one entity partly paid (its
        // manager sees the call, its explanation and what remains), another by direct debit, the
        // rest unpaid and reminded.
        let own = calls.filter { managed.contains($0.$structure.id) }.sorted { $0.seq < $1.seq }
        var others = calls.filter { !managed.contains($0.$structure.id) }

        // Mandates and the one direct-debit run: about thirty members, one own entity among them.
        var debited: [DuesCall] = []
        if let ownDebit = own.first(where: { $0.types.contains(.etti) || $0.types.contains(.aci) }) { debited.append(ownDebit) }
        while debited.count < mandateCount, !others.isEmpty {
            let candidates = others.indices.filter { others[$0].types.contains(.ai) }
            guard !candidates.isEmpty else { break }
            debited.append(others.remove(at: rng.pick(candidates)))
        }
        let runID = UUID()
        var mandates: [DuesMandate] = []
        var runTotal: Int64 = 0
        var firstDebit: DuesPayment?
        for (i, call) in debited.enumerated() {
            let m = DuesMandate()
            m.$structure.id = call.$structure.id
            m.reference = String(format: "MAILLAGE-RUM-%04d", i + 1)
            m.signedOn = String(format: "2025-%02d-%02d", 3 + i % 9, 1 + i % 27)
            m.debtorName = call.structureName
            m.iban = frenchIBAN(bank: [30004, 10278, 30003, 20041, 11306][i % 5], branch: 100 + i * 7, account: 4_000_000 + Int64(i) * 9_973)
            m.bic = ["BNPAFRPPXXX", "CMCIFR2AXXX", "SOGEFRPPXXX", "PSSTFRPPPAR", "AGRIFRPP813"][i % 5]
            m.status = "active"
            m.lastUsedOn = collectionDate
            mandates.append(m)
            let p = pay(call, call.totalCents, on: collectionDate, .directDebit, reference: "Prélèvement SEPA \(call.number)", run: runID)
            runTotal += call.totalCents
            if firstDebit == nil, !managed.contains(call.$structure.id) { firstDebit = p }
        }
        // One debit returned by the member's bank ten days later (insufficient funds): owed again, reminded.
        if let returned = firstDebit, let call = debited.first(where: { $0.id == returned.$call.id }) {
            _ = pay(call, -returned.amountCents, on: day(2, 24), .return, reference: "Rejet AM04 (provision insuffisante)",
                    returned: returned.id)
            remind(call, steps: 1)
        }
        try await mandates.create(on: db)
        let run = DuesDebitRun()
        run.id = runID
        run.collectionDate = collectionDate
        run.messageID = "MAILLAGE-DEMO-20260205-0001"
        run.count = debited.count
        run.totalCents = runTotal
        run.fileKey = debitFileKey
        run.createdBy = admin
        try await run.create(on: db)

        for call in own where !debited.contains(where: { $0 === call }) {
            if call.types.contains(.ges) {
                _ = pay(call, call.totalCents, on: day(2, 10), .transfer, reference: "VIR \(call.number) \(call.structureName)")
            } else if call.types.contains(.ai) {
                // Partly paid: 1 000,00 € on account, the rest still due (and reminded).
                _ = pay(call, min(100_000, call.totalCents / 2), on: day(3, 2), .transfer, reference: "Acompte \(call.number)")
                remind(call, steps: 1)
            } else {
                remind(call, steps: 2)
            }
        }

        // One cancelled by a credit note (the member ceased its activity), one reduced then paid.
        if !others.isEmpty {
            let call = others.removeFirst()
            credit(call, call.totalCents, on: day(3, 10), reason: "Cessation d'activité au 31 janvier 2026 : appel annulé")
        }
        if let index = others.firstIndex(where: { $0.variableCents > 50_000 }) {
            let call = others.remove(at: index)
            let reduction = call.variableCents / 4
            credit(call, reduction, on: day(2, 20), reason: "Assiette corrigée après l'appel (erreur de saisie du chiffre d'affaires)")
            _ = pay(call, call.totalCents - reduction, on: day(3, 5), .transfer, reference: "VIR \(call.number) solde après avoir")
        }

        // The rest: most paid by transfer or cheque, some partly, a few overpaid, the others overdue.
        for call in others {
            let draw = Int.random(in: 0..<100, using: &rng)
            let paidOn = day(Int.random(in: 2...6, using: &rng), Int.random(in: 1...28, using: &rng))
            switch draw {
            case 0..<52:
                _ = pay(call, call.totalCents, on: paidOn, .transfer, reference: "VIR \(call.number) \(call.structureName)")
            case 52..<60:
                _ = pay(call, call.totalCents, on: paidOn, .cheque, reference: "Chèque n° \(Int.random(in: 1_000_000...9_999_999, using: &rng))")
            case 60..<68:
                let part = max(10_000, (call.totalCents * Int64.random(in: 20...70, using: &rng) / 100) / 100 * 100)
                _ = pay(call, min(part, call.totalCents - 100), on: paidOn, .transfer, reference: "VIR acompte \(call.number)")
                remind(call, steps: 1)
            case 68..<71:
                // Overpaid: the previous year's amount paid twice, or a rounded-up transfer.
                _ = pay(call, call.totalCents + Int64([5_000, 12_000, 80_000][draw - 68]), on: paidOn, .transfer,
                        reference: "VIR \(call.number) (montant arrondi)")
            default:
                remind(call, steps: draw < 85 ? 2 : 1)
            }
        }

        for call in calls { refreshStatus(call) }
        for chunk in stride(from: 0, to: payments.count, by: 200) {
            try await Array(payments[chunk..<min(chunk + 200, payments.count)]).create(on: db)
        }
        try await credits.create(on: db)
        for chunk in stride(from: 0, to: reminders.count, by: 200) {
            try await Array(reminders[chunk..<min(chunk + 200, reminders.count)]).create(on: db)
        }
        if creditSeq > 0 {
            let row = DuesSequenceRow()
            row.series = "credits-\(year)"
            row.last = creditSeq
            try await row.create(on: db)
        }
    }

    /// The stored status from the call's totals (overdue is derived when read).
    static func refreshStatus(_ call: DuesCall) {
        let owed = call.totalCents - call.creditedCents
        if call.creditedCents > 0, owed <= 0 {
            call.status = "cancelled"
        } else if call.paidCents >= owed {
            call.status = "paid"
        } else if call.paidCents > 0 {
            call.status = "partly_paid"
        } else {
            call.status = "issued"
        }
    }

    // MARK: - The direct-debit file

    static let debitFileKey = "demo-prelevement-2026-02-14"

    /// Writes the pain.008 file of the demo's debit run into the file store (from the rows, once).
    static func storeFiles(_ files: any FileStore, on db: any Database) async throws {
        guard let key = FileKey(debitFileKey), try files.get(key) == nil,
              let run = try await DuesDebitRun.query(on: db).filter(\.$fileKey == debitFileKey).first(),
              let settings = try await DuesSettingsRecord.query(on: db).first(),
              let creditorIBAN = IBAN(settings.iban), let creditorBIC = BIC(settings.bic),
              let creditorID = CreditorIdentifier(settings.creditorID), let collection = Day(iso: run.collectionDate)
        else { return }
        let debits = try await DuesPayment.query(on: db).filter(\.$debitRun.$id == run.requireID()).with(\.$call).all()
        let mandates = try await DuesMandate.query(on: db).all()
        let byStructure = Dictionary(mandates.map { ($0.$structure.id, $0) }, uniquingKeysWith: { a, _ in a })
        var transactions: [DirectDebitTransaction] = []
        for p in debits.sorted(by: { $0.call.seq < $1.call.seq }) {
            guard let m = byStructure[p.call.$structure.id], let debtorIBAN = IBAN(m.iban), let signed = Day(iso: m.signedOn) else { continue }
            transactions.append(DirectDebitTransaction(endToEndID: p.call.number, amount: p.amount, mandateReference: m.reference,
                                                       mandateSignedOn: signed, sequence: .first, debtorName: m.debtorName,
                                                       debtorIBAN: debtorIBAN, debtorBIC: m.bic.flatMap(BIC.init),
                                                       remittance: "Cotisation \(year) appel \(p.call.number)"))
        }
        guard !transactions.isEmpty else { return }
        let batch = DirectDebitBatch(messageID: run.messageID, createdAt: date(Day(year: year, month: 2, day: 5)!, hour: 9),
                                     creditorName: settings.federationName, creditorIBAN: creditorIBAN, creditorBIC: creditorBIC,
                                     creditorID: creditorID, collectionDate: collection, transactions: transactions)
        try files.put(Data(try Pain008.document(batch).utf8), key: key)
    }

    // MARK: - Small helpers

    /// A valid French IBAN (RIB key and IBAN check digits computed) for the demo's mandates.
    static func frenchIBAN(bank: Int, branch: Int, account: Int64) -> String {
        let bban0 = String(format: "%05d%05d%011lld", bank, branch, account)
        let ribKey = 97 - Int(mod97(bban0 + "00"))
        let bban = bban0 + String(format: "%02d", ribKey)
        // FR = 15 27; check digits so that BBAN + "FR" + check ≡ 1 (mod 97).
        let check = 98 - Int(mod97(bban + "152700"))
        return "FR" + String(format: "%02d", check) + bban
    }

    static func mod97(_ digits: String) -> Int64 {
        digits.reduce(Int64(0)) { ($0 * 10 + Int64($1.wholeNumberValue ?? 0)) % 97 }
    }

    static func addingDays(_ n: Int, to day: Day) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        let c = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: n, to: start)!)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func date(_ day: Day, hour: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour))!
    }
}
