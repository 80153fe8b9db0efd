import Fluent
import Foundation
import MaillageCore
import Vapor

/// The jobs that prepare long exports (`export.register`, `export.answers`) and the daily
/// cleanup of their files (`exports.cleanup`). Each export calls the very functions of the
/// direct export (`MemberExport`, `MemberWorkbook`, `AnswerFile`, `AnswerWorkbook`), so the
/// file is byte for byte the one the direct route gives for the same data.
enum ExportJobs {
    static let cleanupKind = "exports.cleanup"
    /// Progress is reported every this many structures.
    static let chunk = 50

    static func register(on app: Application) {
        app.jobs.register(ExportSubject.register.kind, maxAttempts: 3, handler: { try await run($0) })
        app.jobs.register(ExportSubject.answers.kind, maxAttempts: 3, handler: { try await run($0) })
        app.jobs.register(cleanupKind, maxAttempts: 3, handler: { try await cleanup($0) })
        app.jobs.daily(cleanupKind, at: 4, kind: cleanupKind)
    }

    /// Checks the requester's right again, builds the file, stores it; the result is its key.
    static func run(_ ctx: JobContext) async throws -> String? {
        let payload = try ctx.decode(ExportPayload.self)
        let services = ctx.application.services
        let map = try await services.networkMaps.current(on: ctx.db)
        guard let user = try await requester(payload.requestedBy, on: ctx.db),
              ExportRights.stillAllowed(user, payload, map: map) else {
            throw JobError.permanent(reason: ExportRights.refusal)
        }
        let data: Data = switch payload.subject {
        case .register: try await registerFile(payload, map: map, ctx: ctx)
        case .answers: try await answersFile(payload, map: map, ctx: ctx)
        }
        guard let key = FileKey("export-" + ctx.id.uuidString.lowercased()) else { throw JobError.permanent(reason: "Clé de fichier invalide.") }
        try services.files.put(data, key: key)
        return key.value
    }

    /// The person as they are now (roles read again), nil once deactivated or deleted.
    static func requester(_ id: UUID, on db: any Database) async throws -> CurrentUser? {
        guard let user = try await User.find(id, on: db), user.isActive else { return nil }
        return try await CurrentUser.load(user, on: db)
    }

    /// The directory's selection as `ImportExportController.exportSelection` makes it, then
    /// the member file in pieces of `chunk` structures (each line depends on its structure only).
    static func registerFile(_ p: ExportPayload, map: NetworkMap, ctx: JobContext) async throws -> Data {
        let filters = ExportController.directoryFilters(p.query ?? [:], map: map)
        let snapshot = try await ctx.application.services.caches.directory.snapshot(on: ctx.db)
        let rows = snapshot.matching(filters, scope: p.scope.directoryScope(map: map), map: map, currentOnly: false)
            .map { snapshot.rows[$0] }
        try await ctx.progress(0, of: rows.count)
        var contract = [MemberFile.columns]
        var done = 0
        while done < rows.count {
            let piece = Array(rows[done..<min(done + chunk, rows.count)])
            contract += try await MemberExport.rows(piece, on: ctx.db).dropFirst()
            done += piece.count
            try await ctx.progress(done, of: rows.count)
        }
        if p.listFormat == .csv { return FrenchCSV.exportData(contract) }
        return try await MemberWorkbook.data(rows, contract: contract, map: map, on: ctx.db)
    }

    /// The campaign's answers as `AnswerImportController.export` writes them, in its scope.
    static func answersFile(_ p: ExportPayload, map: NetworkMap, ctx: JobContext) async throws -> Data {
        guard let year = p.year, let campaign = try await Campaign.find(year: year, on: ctx.db) else {
            throw JobError.permanent(reason: "La campagne \(p.year.map(String.init) ?? "?") n'existe plus.")
        }
        let include: (String) -> Bool = { p.scope.includes(department: $0, map: map) }
        try await ctx.progress(0, of: 2)
        let data: Data
        if p.listFormat == .csv {
            let answers = try await AnswerImportController.exportAnswers(campaign, on: ctx.db, include: include)
            try await ctx.progress(1, of: 2)
            data = AnswerFile.csv(campaign: campaign.year, answers: answers, codes: IndicatorCatalogue.all.map(\.code))
        } else {
            try await ctx.progress(1, of: 2)
            data = try await AnswerWorkbook.data(campaign, map: map, on: ctx.db, include: include)
        }
        try await ctx.progress(2, of: 2)
        return data
    }

    /// Deletes the files of exports ready for more than `ExportRecord.lifetime` (7 days).
    static func cleanup(_ ctx: JobContext) async throws -> String? {
        let cutoff = ctx.application.services.clock.now.addingTimeInterval(-ExportRecord.lifetime)
        let expired = try await ExportQuery.expired(before: cutoff, on: ctx.db)
        for e in expired {
            if let key = FileKey(e.key) { try ctx.application.services.files.delete(key) }
            try await ExportQuery.forgetFile(e.id, on: ctx.db)
        }
        return "\(expired.count)"
    }
}
