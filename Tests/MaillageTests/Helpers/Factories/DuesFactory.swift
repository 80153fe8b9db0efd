import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Dues records for app tests, written straight to the database with defaults (the 2026 rates
/// of SPEC §3 with the 2025 cap), so that a test states only what matters to it. Pages and
/// services under test go through `DuesGridService`, `DuesCallService`, `DuesPaymentService`.
enum DuesFactory {
    /// SPEC §3, 2026: AI, ETTI, ETT-ESS, Proxim'Services 0,6 %; ACI, EBE 0,2 %; EI 0,35 %.
    static let rates2026: [StructureType: Int64] = [.ai: 600, .etti: 600, .ettEss: 600, .proxim: 600, .aci: 200, .ebe: 200, .ei: 350]

    /// The federation's identity and the accountant's accounts.
    @discardableResult
    static func makeSettings(on db: any Database) async throws -> DuesSettingsRecord {
        if let s = try await DuesSettingsRecord.query(on: db).filter(\.$key == DuesSettingsRecord.key).first() { return s }
        let s = DuesSettingsRecord()
        s.federationName = "Fédération d'essai"
        s.address = "1 rue de l'Essai, 75011 Paris"
        s.siret = "11111111100006"
        s.iban = "FR7630006000011234567890189"
        s.bic = "AGRIFRPPXXX"
        s.creditorID = "FR72ZZZ123456"
        try await s.create(on: db)
        return s
    }

    /// A grid of `year` (fixed 800 €, SMIC 11,88 €, 400 h, 40/50/10, remainder to the national offer).
    @discardableResult
    static func makeGrid(on db: any Database, year: Int = 2026, version: Int = 1, fixedCents: Int64 = 80_000,
                         smicCents: Int64 = 1_188, rates: [StructureType: Int64] = rates2026, capHours: Int = 400,
                         floorCents: Int64? = nil, noBase: NoBaseRule = .fixedOnly, reminderDays: String = "15,45",
                         declarationDeadline: String? = nil, locked: Bool = false) async throws -> DuesGrid {
        let g = DuesGrid()
        g.year = year
        g.version = version
        g.fixedCents = fixedCents
        g.baseKind = DuesBaseKind.turnover.rawValue
        g.referenceYear = year - 2
        g.smicCents = smicCents
        g.floorCents = floorCents
        g.splitDelegationBP = 4000
        g.splitNationalBP = 5000
        g.splitFundBP = 1000
        g.roundingParty = DuesParty.national.rawValue
        g.noBaseRule = noBase.rawValue
        g.declarationDeadline = declarationDeadline
        g.reminderDays = reminderDays
        g.paymentDays = 30
        g.lockedAt = locked ? Date() : nil
        try await g.create(on: db)
        for (type, rate) in rates.sorted(by: { $0.key < $1.key }) {
            try await DuesGridRate(gridID: g.requireID(), type: type, rate: DuesRate(milliPercent: rate)!, capHours: capHours).create(on: db)
        }
        return g
    }

    /// A call numbered `number` (the next of its year's series by default), computed with `grid`
    /// from `bases`, issued on `issuedOn` and due 30 days later. The series row moves with it.
    @discardableResult
    static func makeCall(on db: any Database, structure: Structure, grid: DuesGrid, bases: [StructureType: Money] = [:],
                         issuedOn: String = "2026-01-15", dueOn: String = "2026-02-14", delegationID: UUID? = nil) async throws -> DuesCall {
        let rates = try await DuesGridRate.query(on: db).filter(\.$grid.$id == grid.requireID()).all()
        let amount = try DuesCalculator.compute(grid.terms(rates: rates), types: structure.types, bases: bases)
        let series = "calls-\(grid.year)"
        let seq: Int
        if let row = try await DuesSequenceRow.query(on: db).filter(\.$series == series).first() {
            row.last += 1
            try await row.save(on: db)
            seq = row.last
        } else {
            let row = DuesSequenceRow()
            row.series = series
            row.last = 1
            try await row.create(on: db)
            seq = 1
        }
        let c = DuesCall()
        c.year = grid.year
        c.seq = seq
        c.number = String(format: "%d-%04d", grid.year, seq)
        c.$structure.id = try structure.requireID()
        c.$grid.id = try grid.requireID()
        c.delegationID = delegationID
        c.structureName = structure.name
        c.siret = structure.siret
        c.typesText = structure.types.map(\.rawValue).joined(separator: ",")
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
        c.runID = UUID()
        try await c.create(on: db)
        if grid.lockedAt == nil { grid.lockedAt = Date(); try await grid.save(on: db) }
        return c
    }

    /// A payment of `cents` on `call` (split 40/50/10), the call's totals and status kept in step.
    @discardableResult
    static func makePayment(on db: any Database, call: DuesCall, cents: Int64, method: DuesPayment.Method = .transfer,
                            paidOn: String = "2026-02-01", bankRef: String? = nil) async throws -> DuesPayment {
        let split = DuesSplitRule.standard.split(Money(cents: cents))
        let p = DuesPayment()
        p.$call.id = try call.requireID()
        p.paidOn = paidOn
        p.amountCents = cents
        p.method = method.rawValue
        p.reference = "Essai"
        p.bankRef = bankRef
        p.delegationID = call.delegationID
        p.splitDelegationCents = split.delegation.cents
        p.splitNationalCents = split.national.cents
        p.splitFundCents = split.fund.cents
        try await p.create(on: db)
        call.paidCents += cents
        call.status = call.paidCents >= call.totalCents - call.creditedCents ? "paid" : (call.paidCents > 0 ? "partly_paid" : "issued")
        try await call.save(on: db)
        return p
    }

    /// An active mandate of `structure` (a valid French IBAN).
    @discardableResult
    static func makeMandate(on db: any Database, structure: Structure, reference: String? = nil,
                            iban: String = "FR7630006000011234567890189", lastUsedOn: String? = nil) async throws -> DuesMandate {
        let m = DuesMandate()
        m.$structure.id = try structure.requireID()
        m.reference = reference ?? "RUM-" + String(UUID().uuidString.prefix(8))
        m.signedOn = "2025-06-01"
        m.debtorName = structure.name
        m.iban = iban
        m.bic = "AGRIFRPPXXX"
        m.status = "active"
        m.lastUsedOn = lastUsedOn
        try await m.create(on: db)
        return m
    }

    /// A direct-debit run with a stored (dummy) file.
    @discardableResult
    static func makeDebitRun(on db: any Database, collectionDate: String = "2026-03-05") async throws -> DuesDebitRun {
        let r = DuesDebitRun()
        r.collectionDate = collectionDate
        r.messageID = "MAILLAGE-" + String(UUID().uuidString.prefix(12))
        r.count = 0
        r.totalCents = 0
        r.fileKey = "absent"
        try await r.create(on: db)
        return r
    }

    /// An uploaded, not yet applied, statement (an empty CSV by default).
    @discardableResult
    static func makeStatementBatch(on db: any Database, data: Data = Data("Date;Libellé;Montant\r\n".utf8),
                                   filename: String = "releve.csv", userID: UUID? = nil) async throws -> DuesStatementBatch {
        let b = DuesStatementBatch(userID: userID, filename: filename, data: data)
        try await b.create(on: db)
        return b
    }
}
