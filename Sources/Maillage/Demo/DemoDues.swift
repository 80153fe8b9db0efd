import Fluent
import Foundation
import MaillageCore

/// The demo federation's dues (issue #11): its identity for the calls, the 2025 grid (rates chosen
/// for the demo: 0,55 % / 0,18 % / 0,3 %) and the 2026 grid (SPEC §3 rates), and the 2026 calls of
/// every active and associate member with payments in every state — paid by transfer, cheque or
/// direct debit, partly paid, overpaid, a returned debit, overdue with reminders, one cancelled by a
/// credit note and one reduced by a partial one. Bases come from the validated Observatory answers
/// of the grid's reference year (2024 for 2026), as `DuesBaseService` prefills them.
///
/// The calls go out in two runs of the one gap-free series: the main run of 15 January 2026 (due
/// 30 days later, so that unpaid calls are overdue), and a complementary run a few days before the
/// day the demo is loaded for four members whose bases their delegation reviewed (not yet due).
enum DemoDues {
    static let year = 2026
    static let issuedOn = "2026-01-15"
    static let dueOn = "2026-02-14"
    /// The collection date of the demo's one direct-debit run (the due date).
    static let collectionDate = "2026-02-14"
    static let mandateCount = 30
    static let complementaryCount = 4

    /// The federation's identity on calls and direct debits (checked by `DemoDuesTests`).
    static let federationName = "Fédération Maillage des employeurs inclusifs"
    static let address = "12 rue de la Solidarité, 75011 Paris"
    static let siret = "77568412900023"
    static let iban = "FR7630004008300001023456720"
    static let bic = "BNPAFRPPXXX"
    static let creditorID = "FR61ZZZ558311"

    /// 2025 rates set by the national admin for the demo (SPEC §3 leaves them to the grid):
    /// AI, ETTI, ETT-ESS, Proxim'Services 0,55 %; ACI, EBE 0,18 %; EI 0,3 %.
    static let rates2025: [StructureType: Int64] = [.ai: 550, .etti: 550, .ettEss: 550, .proxim: 550, .aci: 180, .ebe: 180, .ei: 300]
    /// SPEC §3, 2026: AI, ETTI, ETT-ESS, Proxim'Services 0,6 %; ACI, EBE 0,2 %; EI 0,35 %.
    static let rates2026: [StructureType: Int64] = [.ai: 600, .etti: 600, .ettEss: 600, .proxim: 600, .aci: 200, .ebe: 200, .ei: 350]

    /// The day of the complementary run: ten days before `today`, kept within 2026 after the main run.
    static func complementaryDay(today: Day) -> Day {
        let ten = addingDays(-10, to: today)
        let latest = Day(year: year, month: 12, day: 20)!
        let earliest = Day(year: year, month: 3, day: 1)!
        return min(max(ten, earliest), latest)
    }

    static func load(on db: any Database, managed: Set<UUID>, map: NetworkMap, today: Day = .today()) async throws {
        var rng = DemoRandom(seed: 1111)
        try await saveSettings(on: db)
        let admin = try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[0].email).first()?.id
        let delegate = try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[1].email).first()?.id
        _ = try await makeGrid(year: 2025, rates: rates2025, deadline: "2025-01-10", by: admin, on: db)
        let grid = try await makeGrid(year: year, rates: rates2026, deadline: "2026-01-10", by: admin, on: db)
        let rates = try await DuesGridRate.query(on: db).filter(\.$grid.$id == grid.requireID()).all()
        let terms = grid.terms(rates: rates)

        // Members of 2026 at the main run's date, in a stable order.
        let members = try await Structure.query(on: db).with(\.$memberships).all()
            .filter { isMember($0, on: issuedOn) }
            .sorted { ($0.siret, $0.name) < ($1.siret, $1.name) }
        var bases = try await observatoryBases(year: grid.referenceYear, kind: grid.base, on: db)

        // The complementary run: four members (not the demo member's) whose bases the delegate corrected.
        var pool = members.filter { !managed.contains($0.id!) && !$0.types.filter { terms.terms[$0] != nil }.isEmpty }
        var complementary: [Structure] = []
        for _ in 0..<complementaryCount where !pool.isEmpty {
            complementary.append(pool.remove(at: Int.random(in: 0..<pool.count, using: &rng)))
        }
        for s in complementary {
            for type in s.types where terms.terms[type] != nil {
                let before = bases[s.id!]?[type]
                let corrected = Money(cents: ((before?.cents ?? 25_000_000) * 105 / 100 / 100) * 100)
                let row = DuesBase()
                row.year = year
                row.$structure.id = s.id!
                row.type = type.rawValue
                row.amountCents = corrected.cents
                row.source = "corrected"
                row.note = before == nil
                    ? "Assiette déclarée par la structure après la clôture de l'Observatoire, vérifiée par la délégation"
                    : "Chiffre d'affaires 2024 revu avec la structure (comptes certifiés)"
                row.updatedBy = delegate
                try await row.create(on: db)
                bases[s.id!, default: [:]][type] = corrected
            }
        }
        // The demo member confirms the prefilled bases of its structures.
        for id in managed.sorted(by: { $0.uuidString < $1.uuidString }) {
            for (type, amount) in (bases[id] ?? [:]).sorted(by: { $0.key < $1.key }) where terms.terms[type] != nil {
                let row = DuesBase()
                row.year = year
                row.$structure.id = id
                row.type = type.rawValue
                row.amountCents = amount.cents
                row.source = "confirmed"
                row.note = "Observatoire \(grid.referenceYear), réponse validée, confirmée par la structure"
                try await row.create(on: db)
            }
        }

        let ids = Set(complementary.map { $0.id! })
        let mainRun = members.filter { !ids.contains($0.id!) }
        let complementaryDay = complementaryDay(today: today)
        var calls = try await issue(mainRun, grid: grid, terms: terms, bases: bases, issuedOn: issuedOn, dueOn: dueOn,
                                    firstSeq: 1, map: map, by: admin, on: db)
        calls += try await issue(complementary, grid: grid, terms: terms, bases: bases, issuedOn: complementaryDay.iso,
                                 dueOn: addingDays(30, to: complementaryDay).iso, firstSeq: calls.count + 1, map: map, by: admin, on: db)
        let series = DuesSequenceRow()
        series.series = "calls-\(year)"
        series.last = calls.count
        try await series.create(on: db)
        grid.lockedAt = Date()
        try await grid.save(on: db)

        try await settle(calls: calls.filter { !ids.contains($0.$structure.id) }, managed: managed, grid: grid, admin: admin,
                         rng: &rng, on: db)
        // Of the complementary run, not yet due: one paid on account, one paid in full, the others waiting.
        let late = calls.filter { ids.contains($0.$structure.id) }
        let paidOn = min(addingDays(3, to: complementaryDay), max(today, complementaryDay)).iso
        for (i, call) in late.prefix(2).enumerated() {
            let cents = i == 0 ? max(10_000, call.totalCents * 3 / 10 / 100 * 100) : call.totalCents
            let parts = grid.splitRule.split(Money(cents: cents))
            let p = DuesPayment()
            p.$call.id = try call.requireID()
            p.paidOn = paidOn
            p.amountCents = cents
            p.method = DuesPayment.Method.transfer.rawValue
            p.reference = i == 0 ? "VIR acompte \(call.number)" : "VIR \(call.number) \(call.structureName)"
            p.delegationID = call.delegationID
            p.splitDelegationCents = parts.delegation.cents
            p.splitNationalCents = parts.national.cents
            p.splitFundCents = parts.fund.cents
            p.createdBy = admin
            try await p.create(on: db)
            call.paidCents += cents
            refreshStatus(call)
        }
        for call in calls { try await call.save(on: db) }
        try await Audit.record(.create, "appel_cotisation", id: "",
                               summary: "Démonstration : barèmes 2025 et 2026, \(calls.count) appels de cotisation 2026 et leurs paiements",
                               actor: nil, on: db)
    }

    // MARK: - Settings and grids

    static func saveSettings(on db: any Database) async throws {
        let s = try await DuesSettingsRecord.query(on: db).filter(\.$key == DuesSettingsRecord.key).first() ?? DuesSettingsRecord()
        s.federationName = federationName
        s.address = address
        s.siret = siret
        s.iban = iban
        s.bic = bic
        s.creditorID = creditorID
        s.paymentDays = 30
        try await s.save(on: db)
    }

    static func makeGrid(year: Int, rates: [StructureType: Int64], deadline: String, by admin: UUID?,
                         on db: any Database) async throws -> DuesGrid {
        let g = DuesGrid()
        g.year = year
        g.version = 1
        g.fixedCents = 80_000
        g.baseKind = DuesBaseKind.turnover.rawValue
        g.referenceYear = year - 2
        g.smicCents = 1_188   // 11,88 € (SPEC §3 gives no other SMIC for 2026)
        g.floorCents = nil
        g.splitDelegationBP = 4000
        g.splitNationalBP = 5000
        g.splitFundBP = 1000
        g.roundingParty = DuesParty.national.rawValue
        g.noBaseRule = NoBaseRule.fixedOnly.rawValue
        g.declarationDeadline = deadline
        g.reminderDays = "15,45"
        g.paymentDays = 30
        g.createdBy = admin
        try await g.create(on: db)
        for (type, rate) in rates.sorted(by: { $0.key < $1.key }) {
            guard let r = DuesRate(milliPercent: rate) else { continue }
            try await DuesGridRate(gridID: g.requireID(), type: type, rate: r, capHours: 400).create(on: db)
        }
        return g
    }

    // MARK: - Bases and calls

    static func isMember(_ s: Structure, on day: String) -> Bool {
        s.memberships.contains { m in
            (m.status == MembershipStatus.active.rawValue || m.status == MembershipStatus.associate.rawValue)
                && m.joinedOn <= day && (m.leftOn.map { $0 > day } ?? true)
        }
    }

    /// The validated Observatory answers of `year`: each structure's base by type, in cents.
    static func observatoryBases(year: Int, kind: DuesBaseKind, on db: any Database) async throws -> [UUID: [StructureType: Money]] {
        guard let campaign = try await Campaign.query(on: db).filter(\.$year == year).first() else { return [:] }
        let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$status == AnswerStatus.validated.rawValue).all()
        var out: [UUID: [StructureType: Money]] = [:]
        for a in answers {
            guard let type = StructureType(rawValue: a.type), let value = a.values[kind.indicator],
                  !value.isUndefined, let cents = cents(of: value), cents >= 0 else { continue }
            out[a.$structure.id, default: [:]][type] = Money(cents: cents)
        }
        return out
    }

    /// An exact euro amount in cents, rounded half away from zero; nil when it does not fit.
    static func cents(of value: Exact) -> Int64? {
        let scaled = value.numerator * 100
        let d = value.denominator
        var q = scaled / d
        let r = scaled % d
        if r != 0, (r < 0 ? -r : r) * 2 >= d { q += scaled < 0 ? -1 : 1 }
        return Int64(exactly: q)
    }

    static func issue(_ structures: [Structure], grid: DuesGrid, terms: DuesGridTerms, bases: [UUID: [StructureType: Money]],
                      issuedOn: String, dueOn: String, firstSeq: Int, map: NetworkMap, by admin: UUID?,
                      on db: any Database) async throws -> [DuesCall] {
        let run = UUID()
        var calls: [DuesCall] = []
        for (i, s) in structures.enumerated() {
            let amount = try DuesCalculator.compute(terms, types: s.types, bases: bases[s.id!] ?? [:])
            let c = DuesCall()
            c.id = UUID()
            c.year = year
            c.seq = firstSeq + i
            c.number = String(format: "%d-%04d", year, c.seq)
            c.$structure.id = s.id!
            c.$grid.id = try grid.requireID()
            c.delegationID = map.delegation(ofDepartment: s.departmentCode)?.delegationID
            c.structureName = s.name
            c.siret = s.siret
            c.typesText = s.types.map(\.rawValue).joined(separator: ",")
            c.issuedOn = issuedOn
            c.dueOn = dueOn
            c.fixedCents = amount.fixed.cents
            c.variableCents = amount.variable.cents
            c.capCents = amount.cap.cents
            c.floorCents = amount.floor?.cents
            c.totalCents = amount.total.cents
            c.creditedCents = 0
            c.paidCents = 0
            c.status = "issued"
            c.amountJSON = String(decoding: try JSONEncoder().encode(amount), as: UTF8.self)
            c.noBase = !amount.missingBases.isEmpty
            c.runID = run
            c.createdBy = admin
            calls.append(c)
        }
        for chunk in stride(from: 0, to: calls.count, by: 200) {
            try await Array(calls[chunk..<min(chunk + 200, calls.count)]).create(on: db)
        }
        return calls
    }

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
