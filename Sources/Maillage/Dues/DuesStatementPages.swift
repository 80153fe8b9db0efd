import Foundation
import MaillageCore
import Vapor

/// The statement upload page (`dues/statements`): the form and the statements sent lately.
struct DuesStatementsPage: Encodable, Sendable {
    struct Batch: Encodable, Sendable {
        let filename: String
        let sentAt: String
        let state: String
        let href: String?
    }

    var uploadError: String? = nil
    var notice: String? = nil
    let uploadHref: String?
    let batches: [Batch]
    var hasBatches: Bool { !batches.isEmpty }

    enum CodingKeys: String, CodingKey { case uploadError, notice, uploadHref, batches, hasBatches }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(uploadError, forKey: .uploadError)
        try c.encodeIfPresent(notice, forKey: .notice)
        try c.encodeIfPresent(uploadHref, forKey: .uploadHref)
        try c.encode(batches, forKey: .batches)
        try c.encode(hasBatches, forKey: .hasBatches)
    }
}

/// The preview of an uploaded statement (`dues/statement-preview`): each operation with what
/// applying would do, the proposals to tick, the apply button.
struct DuesStatementPreviewPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let line: Int
        let bookedOn: String
        let amount: String
        let payer: String
        let remittance: String
        /// « paiement de 450,00 € sur l'appel 2026-0012 », « aucun appel ne correspond »…
        let effect: String
        /// "pay", "propose", "recorded", "unknown", "ignored".
        let kind: String
        let callHref: String?
        /// A box to tick (`confirm` = `line`).
        let confirm: Bool
    }

    let filename: String
    let format: String
    let linesRead: String
    let summary: String
    let rows: [Row]
    let fileErrors: [String]
    let errors: [String]
    let hasProposals: Bool
    /// The apply form's target; nil when the file has errors or the statement was applied.
    let applyHref: String?
    /// Said when the statement was applied already.
    let notice: String?
    let uploadHref: String?
}

/// What the application of a statement recorded (`dues/statement-applied`).
struct DuesStatementAppliedPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let line: Int
        let bookedOn: String
        let amount: String
        let payer: String
        let effect: String
        let callHref: String?
    }

    let message: String
    let recorded: [Row]
    let notRecorded: [Row]
    let hasNotRecorded: Bool
    let uploadHref: String?
}

extension DuesStatementImporter {
    func uploadPage(_ req: Request, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        let recent = try await DuesStatementBatch.query(on: req.db).sort(\.$createdAt, .descending).range(0..<20).all()
        var page = DuesStatementsPage(uploadHref: req.link(to: .dues(.uploadStatement)), batches: try recent.map { b in
            .init(filename: b.filename, sentAt: b.createdAt.map(FrenchFormat.dateTime) ?? "—",
                  state: b.appliedAt.map { "appliqué le " + FrenchFormat.dateTime($0) } ?? "non appliqué",
                  href: req.link(to: DuesURL.statement(try b.requireID())))
        })
        page.uploadError = error
        page.notice = notice
        return try await req.renderPage("dues/statements", title: "Relevés bancaires", page, status: status)
    }

    func previewPage(_ req: Request, batch: DuesStatementBatch, _ preview: ImportPreview<DuesStatementLine>,
                     status: HTTPStatus) async throws -> Response {
        let applied = batch.appliedAt != nil
        let page = DuesStatementPreviewPage(
            filename: batch.filename, format: Self.read(batch.data).format,
            linesRead: FrenchFormat.plural(preview.lines, "opération lue", "opérations lues"),
            summary: preview.statementSummary,
            rows: Self.rows(preview, req: req),
            fileErrors: preview.fileErrors,
            errors: preview.lineErrors.map { "Opération \($0.line) : " + $0.messages.joined(separator: " ") },
            hasProposals: preview.toConfirm > 0,
            applyHref: preview.hasErrors || applied ? nil : req.link(to: DuesURL.applyStatement(try batch.requireID())),
            notice: applied ? "Ce relevé a déjà été appliqué" + (batch.appliedAt.map { " le " + FrenchFormat.dateTime($0) } ?? "") + " : l'aperçu montre ce qu'il changerait encore (rien de ce qui est déjà enregistré)." : nil,
            uploadHref: req.link(to: .dues(.statements)))
        return try await req.renderPage("dues/statement-preview", title: "Aperçu du relevé", page, status: status)
    }

    func appliedPage(_ req: Request, _ preview: ImportPreview<DuesStatementLine>) async throws -> Response {
        let all = Self.rows(preview, req: req)
        let written = Set(preview.planned.filter { $0.effect != .unchanged }.map(\.line))
        func row(_ r: DuesStatementPreviewPage.Row) -> DuesStatementAppliedPage.Row {
            .init(line: r.line, bookedOn: r.bookedOn, amount: r.amount, payer: r.payer,
                  effect: r.kind == "propose" ? r.effect.replacingOccurrences(of: "à confirmer : ", with: "confirmé : ") : r.effect,
                  callHref: r.callHref)
        }
        let skipped = Set(preview.skipped.map(\.line))
        let notRecorded = all.filter { !written.contains($0.line) }.map { r in
            skipped.contains(r.line) ? DuesStatementAppliedPage.Row(line: r.line, bookedOn: r.bookedOn, amount: r.amount, payer: r.payer,
                                                                    effect: "non confirmé : rien d'enregistré", callHref: r.callHref) : row(r)
        }
        let page = DuesStatementAppliedPage(message: preview.statementAppliedMessage,
                                            recorded: all.filter { written.contains($0.line) }.map(row),
                                            notRecorded: notRecorded, hasNotRecorded: !notRecorded.isEmpty,
                                            uploadHref: req.link(to: .dues(.statements)))
        return try await req.renderPage("dues/statement-applied", title: "Relevé importé", page)
    }

    /// Every operation of the statement in file order, skipped proposals included.
    static func rows(_ preview: ImportPreview<DuesStatementLine>, req: Request?) -> [DuesStatementPreviewPage.Row] {
        preview.planned.sorted { $0.line < $1.line }.map { p in
            let e = p.change.entry
            let kind = switch p.change.kind {
            case .pay: "pay"
            case .propose: "propose"
            case .recorded: "recorded"
            case .unknown: "unknown"
            case .ignored: "ignored"
            }
            return .init(line: p.line, bookedOn: e.bookedOn.french, amount: e.amount.french, payer: e.payerName.isEmpty ? "—" : e.payerName,
                         remittance: e.remittance, effect: p.change.sentence, kind: kind,
                         callHref: p.change.callID.flatMap { id in req?.link(to: DuesURL.call(id)) },
                         confirm: p.needsConfirmation)
        }
    }
}
