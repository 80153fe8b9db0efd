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
}
