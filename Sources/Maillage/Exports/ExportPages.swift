import Foundation
import MaillageCore

/// One export as the pages show it: its state in French, its progress, its file once ready.
struct ExportView: Encodable, Sendable {
    let id: String
    let title: String
    let href: String
    /// `pending`, `running`, `done`, `failed` or `expired` (the script stops polling on the last three).
    let state: String
    let stateLabel: String
    let requestedAt: String
    /// The `<progress>` element: determinate once the job knows how much there is to do.
    let determinate: Bool
    let progressValue: Int
    let progressMax: Int
    let progressLabel: String
    let downloadHref: String?
    let fileName: String
    let size: String?
    let expires: String?
    let error: String?

    static let expiredMessage = "Ce fichier a été supprimé 7 jours après sa préparation : préparez-le à nouveau."
    static let genericFailure = "La préparation du fichier a échoué. Réessayez plus tard ; si l'échec se répète, prévenez l'équipe nationale."

    init(_ e: ExportRecord, now: Date, size: Int?) {
        id = e.id.uuidString.lowercased()
        title = e.payload.title
        href = SiteURL.export(e.id).path
        fileName = e.payload.fileName
        requestedAt = FrenchFormat.dateTime(e.createdAt)
        let expired = e.status == "done" && (e.result == nil || e.isExpired(now: now))
        state = expired ? "expired" : e.status
        switch state {
        case "done": stateLabel = "Prêt"
        case "failed": stateLabel = "Échec"
        case "expired": stateLabel = "Expiré"
        default: stateLabel = "En préparation…"
        }
        determinate = e.progressTotal > 0
        progressMax = max(e.progressTotal, 1)
        progressValue = min(max(e.progressDone, 0), progressMax)
        progressLabel = switch state {
        case "pending" where e.progressTotal == 0: "En attente de traitement"
        case "done": "Terminé"
        default: e.progressTotal > 0 ? "\(FrenchFormat.integer(progressValue)) sur \(FrenchFormat.integer(e.progressTotal)) · \(Self.percent(progressValue, of: e.progressTotal))"
            : "Démarrage"
        }
        downloadHref = state == "done" ? SiteURL.exportFile(e.id).path : nil
        self.size = state == "done" ? size.map(Self.size) : nil
        expires = state == "done" ? e.expiresAt.map(FrenchFormat.dateTime) : nil
        error = switch state {
        case "failed": Self.failure(e.lastError)
        case "expired": Self.expiredMessage
        default: nil
        }
    }

    /// The job's own reason when it is one of the export's French messages, else a general one
    /// (a technical error is for the logs, not the page).
    static func failure(_ lastError: String?) -> String {
        guard let lastError, lastError == ExportRights.refusal || lastError.hasPrefix("La campagne ") else { return genericFailure }
        return lastError
    }

    static func percent(_ done: Int, of total: Int) -> String {
        FrenchFormat.percent(total > 0 ? done * 100 / total : 0)
    }

    /// « 812 octets », « 48,2 Ko », « 1,3 Mo ».
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return FrenchFormat.plural(bytes, "octet", "octets") }
        let (value, unit) = bytes < 1 << 20 ? (Decimal(bytes) / 1024, "Ko") : (Decimal(bytes) / Decimal(1 << 20), "Mo")
        return FrenchFormat.decimal(value, places: 1) + "\u{202F}" + unit
    }
}

/// `exports/show`: one export, polled by `Public/js/exports.js` until it is ready.
struct ExportPage: Encodable, Sendable {
    let export: ExportView
    let listHref: String
    /// « Actualiser »: the page again (without the script, the person reloads by this link).
    let refreshHref: String
    /// Still under way: the page says « Actualiser » and the script polls it.
    let polling: Bool

    init(export: ExportView, listHref: String, refreshHref: String) {
        self.export = export
        self.listHref = listHref
        self.refreshHref = refreshHref
        polling = ["pending", "running"].contains(export.state)
    }
}

/// `exports/index`: the person's recent exports.
struct ExportsPage: Encodable, Sendable {
    let exports: [ExportView]
    let hasExports: Bool

    init(exports: [ExportView]) {
        self.exports = exports
        hasExports = !exports.isEmpty
    }
}
