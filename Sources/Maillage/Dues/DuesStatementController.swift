import Fluent
import Foundation
import MaillageCore
import Vapor

/// Bank statements (camt.053 or CSV): upload → preview → apply, through the one import flow.
enum DuesStatementController {
    static func statements(_ req: Request) async throws -> Response {
        try await DuesStatementImporter(actor: try req.requireUser()).uploadPage(req, error: nil, notice: nil, status: .ok)
    }

    static func uploadStatement(_ req: Request) async throws -> Response {
        try await DuesStatementImporter(actor: try req.requireUser()).upload(req)
    }

    /// A stored statement's preview again (after a reload, or to see what an applied one did).
    static func statement(_ req: Request) async throws -> Response {
        let importer = DuesStatementImporter(actor: try req.requireUser())
        guard let id = req.parameters.get("batchID", as: UUID.self), let batch = try await DuesStatementBatch.find(id, on: req.db),
              let file = importer.parse(batch) else { throw Abort(.notFound) }
        let preview = try await importer.plan(file, on: req.db)
        return try await importer.previewPage(req, batch: batch, preview, status: preview.hasErrors ? .unprocessableEntity : .ok)
    }

    static func applyStatement(_ req: Request) async throws -> Response {
        try await DuesStatementImporter(actor: try req.requireUser()).apply(req)
    }
}
