import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// The dues records the route × role and record matrices put in their paths: the 2026 grid, a
/// call per structure (with a direct-debit payment that can be returned), a debit run and an
/// uploaded statement.
enum DuesMatrixFixtures {
    static let year = 2026

    /// The 2026 grid (made once per database).
    static func grid(on db: any Database) async throws -> DuesGrid {
        if let g = try await DuesGrid.query(on: db).filter(\.$year == year).first() { return g }
        try await DuesFactory.makeSettings(on: db)
        return try await DuesFactory.makeGrid(on: db, year: year)
    }

    /// The 2026 call of `structure` and its direct-debit payment (made once per structure).
    static func call(for structure: Structure, on db: any Database) async throws -> (call: DuesCall, payment: DuesPayment) {
        let g = try await grid(on: db)
        let call: DuesCall
        if let c = try await DuesCall.query(on: db).filter(\.$structure.$id == structure.requireID()).filter(\.$year == year).first() {
            call = c
        } else {
            call = try await DuesFactory.makeCall(on: db, structure: structure, grid: g, bases: [.ai: Money(cents: 10_000_000)])
        }
        if let p = try await DuesPayment.query(on: db).filter(\.$call.$id == call.requireID()).first() { return (call, p) }
        let p = try await DuesFactory.makePayment(on: db, call: call, cents: 10_000, method: .directDebit)
        return (call, p)
    }

    /// Replaces the dues parameters of a `/cotisations` or dues API pattern (structure-scoped
    /// ones on `structure`); `:structureID` is left to the caller.
    static func fill(_ path: String, structure: Structure, on db: any Database) async throws -> String {
        guard path.contains("/cotisations") else { return path }
        let g = try await grid(on: db)
        let (call, payment) = try await call(for: structure, on: db)
        var p = path
        if p.contains(":runID") { p = p.replacingOccurrences(of: ":runID", with: try await DuesFactory.makeDebitRun(on: db).requireID().uuidString) }
        if p.contains(":batchID") { p = p.replacingOccurrences(of: ":batchID", with: try await DuesFactory.makeStatementBatch(on: db).requireID().uuidString) }
        return p.replacingOccurrences(of: ":gridID", with: try g.requireID().uuidString)
            .replacingOccurrences(of: ":callID", with: try call.requireID().uuidString)
            .replacingOccurrences(of: ":paymentID", with: try payment.requireID().uuidString)
            .replacingOccurrences(of: ":year", with: String(year))
            .replacingOccurrences(of: ":file", with: "appels.csv")
    }
}
