import Fluent
import Foundation
import MaillageCore

/// Every change of a grid: creation, edit of an unlocked version, new version of a locked one.
/// Each step writes the grid, its rates and its audit entry in one transaction.
enum DuesGridService {
    /// The grid of `year` in force: its highest version (nil when the year has none).
    static func current(year: Int, on db: any Database) async throws -> DuesGrid? {
        try await DuesGrid.query(on: db).filter(\.$year == year).sort(\.$version, .descending).first()
    }

    /// A grid's terms for `DuesCalculator`, its rates read from the database.
    static func load(_ grid: DuesGrid, on db: any Database) async throws -> DuesGridTerms {
        try await terms(of: grid, on: db)
    }

    /// A grid's terms for `DuesCalculator`, its rates read from the database.
    static func terms(of grid: DuesGrid, on db: any Database) async throws -> DuesGridTerms {
        grid.terms(rates: try await rates(of: grid, on: db))
    }

    static func rates(of grid: DuesGrid, on db: any Database) async throws -> [DuesGridRate] {
        try await DuesGridRate.query(on: db).filter(\.$grid.$id == grid.requireID()).all()
    }

    /// Creates version 1 of a year's grid, or the next version when the year has one already.
    static func create(_ clean: DuesGridForm.Clean, actor: CurrentUser?, on db: any Database) async throws -> DuesGrid {
        try await db.writeTransaction { tx in
            // The year's call series first: grid steps and call generation of a year take turns, so a
            // grid never changes under a generation and two creations never race on (year, version).
            try await DuesNumbering.lockOnPostgres(series: DuesNumbering.callSeries(clean.year), on: tx)
            let last = try await current(year: clean.year, on: tx)
            let grid = DuesGrid()
            grid.version = (last?.version ?? 0) + 1
            grid.createdBy = actor?.id
            try await write(clean, to: grid, on: tx)
            try await Audit.record(.create, grid, summary: "Barème \(clean.year) version \(grid.version)", actor: actor, on: tx)
            return grid
        }
    }

    /// The result of an edit: the same version updated, or a new version made from a locked one.
    enum Edit: Sendable { case updated(DuesGrid), newVersion(DuesGrid) }

    /// Edits a grid: while no call used it the same version changes; once locked, the edit makes
    /// version n+1 of its year and the used version stays as the calls knew it.
    static func edit(_ grid: DuesGrid, _ clean: DuesGridForm.Clean, actor: CurrentUser?, on db: any Database) async throws -> Edit {
        try await db.writeTransaction { tx in
            try await DuesNumbering.lockOnPostgres(series: DuesNumbering.callSeries(grid.year), on: tx)
            // Re-read inside the transaction: a call may have locked it since the form was shown.
            guard let fresh = try await DuesGrid.find(grid.requireID(), on: tx) else { throw DuesGridError.notFound }
            if fresh.isLocked {
                let last = try await current(year: fresh.year, on: tx)
                let next = DuesGrid()
                next.version = max(last?.version ?? 0, fresh.version) + 1
                next.createdBy = actor?.id
                var cleanForYear = clean
                cleanForYear.year = fresh.year
                try await write(cleanForYear, to: next, on: tx)
                try await Audit.record(.create, next, summary: "Barème \(next.year) version \(next.version) (la version \(fresh.version) a servi à des appels)",
                                       actor: actor, on: tx)
                return .newVersion(next)
            }
            let before = try await snapshot(fresh, on: tx)
            var cleanForYear = clean
            cleanForYear.year = fresh.year
            try await write(cleanForYear, to: fresh, on: tx)
            try await Audit.record(.update, DuesGrid.auditEntity, id: fresh.requireID().uuidString,
                                   summary: "Barème \(fresh.year) version \(fresh.version) modifié",
                                   before: before, after: try await snapshot(fresh, on: tx), actor: actor, on: tx)
            return .updated(fresh)
        }
    }

    /// Writes the fields and replaces the rates (the grid is created when new).
    private static func write(_ c: DuesGridForm.Clean, to g: DuesGrid, on tx: any Database) async throws {
        g.year = c.year
        g.fixedCents = c.fixed.cents
        g.baseKind = c.baseKind.rawValue
        g.referenceYear = c.referenceYear
        g.smicCents = c.smicHourly.cents
        g.floorCents = c.floor?.cents
        g.splitDelegationBP = c.split.delegation
        g.splitNationalBP = c.split.national
        g.splitFundBP = c.split.fund
        g.roundingParty = c.split.roundingParty.rawValue
        g.noBaseRule = c.noBaseRule.rawValue
        g.declarationDeadline = c.declarationDeadline
        g.reminderDays = c.reminderDays.map(String.init).joined(separator: ",")
        g.paymentDays = c.paymentDays
        try await g.save(on: tx)
        let id = try g.requireID()
        try await DuesGridRate.query(on: tx).filter(\.$grid.$id == id).delete()
        for (type, t) in c.terms.sorted(by: { $0.key < $1.key }) {
            try await DuesGridRate(gridID: id, type: type, rate: t.rate, capHours: t.capHours).create(on: tx)
        }
    }

    /// The audit snapshot with the rates ("taux_AI": "0,6 % / 400 h").
    static func snapshot(_ g: DuesGrid, on db: any Database) async throws -> [String: String] {
        var s = g.auditSnapshot
        for r in try await rates(of: g, on: db) {
            s["taux_\(r.type)"] = "\(DuesRate(milliPercent: r.rateMilliPercent)?.plain ?? "?") % / \(r.capHours) h"
        }
        return s
    }

    /// How many calls used each grid (the grids list says « utilisé par N appels »).
    static func callCounts(on db: any Database) async throws -> [UUID: Int] {
        let ids = try await DuesCall.query(on: db).all(\.$grid.$id)
        return ids.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

enum DuesGridError: Error { case notFound }

extension DuesGrid: Auditable {
    static var auditEntity: String { "bareme_cotisation" }
    var auditSnapshot: [String: String] {
        [
            "annee": String(year), "version": String(version), "part_fixe": Money(cents: fixedCents).plain,
            "assiette": baseKind, "annee_reference": String(referenceYear), "smic": Money(cents: smicCents).plain,
            "plancher": floorCents.map { Money(cents: $0).plain } ?? "",
            "repartition": "\(splitDelegationBP)/\(splitNationalBP)/\(splitFundBP)", "arrondi": roundingParty,
            "sans_assiette": noBaseRule, "date_limite_declaration": declarationDeadline ?? "",
            "relances": reminderDays, "delai_paiement": String(paymentDays),
        ]
    }
}
