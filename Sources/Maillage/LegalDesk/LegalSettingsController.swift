import Fluent
import Foundation
import MaillageCore
import Vapor

/// The desk's settings (one row, created with its defaults the first time it is read).
enum LegalSettings {
    static func load(on db: any Database) async throws -> LegalSettingsRecord {
        if let s = try await LegalSettingsRecord.query(on: db).filter(\.$key == LegalSettingsRecord.key).first() { return s }
        let s = LegalSettingsRecord()
        do {
            try await s.create(on: db)
        } catch {
            // Another request created it at the same time (unique key): read theirs.
            if let other = try await LegalSettingsRecord.query(on: db).filter(\.$key == LegalSettingsRecord.key).first() { return other }
            throw error
        }
        return s
    }

    /// Saves the checked values with their audit entry (`legal.settings`), in one transaction.
    /// The promised delay applies to the questions asked afterwards: no due day is recomputed.
    static func save(_ c: LegalSettingsForm.Clean, actor: CurrentUser?, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let s = try await load(on: tx)
            let before = s.auditSnapshot
            s.promisedDays = c.promisedDays
            s.reopenDays = c.reopenDays
            try await s.save(on: tx)
            try await Audit.record(.update, s, summary: "Paramètres de l'appui juridique", before: before, actor: actor, on: tx)
        }
    }
}

extension LegalSettingsRecord: Auditable {
    static var auditEntity: String { "legal.settings" }
    var auditSnapshot: [String: String] { ["delai_promis": String(promisedDays), "delai_reouverture": String(reopenDays)] }
}

/// The settings form: every problem at once, next to its field.
struct LegalSettingsForm: Codable, Sendable {
    var promised_days: String?
    var reopen_days: String?

    struct Clean: Sendable, Equatable {
        var promisedDays: Int
        var reopenDays: Int
    }

    init(promised_days: String?, reopen_days: String?) {
        self.promised_days = promised_days
        self.reopen_days = reopen_days
    }

    init(_ s: LegalSettingsRecord) {
        promised_days = String(s.promisedDays)
        reopen_days = String(s.reopenDays)
    }

    func validate() -> (Clean?, FieldErrors) {
        var errors = FieldErrors()
        let t = { (s: String?) in (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let promised = Int(t(promised_days)).flatMap { (1...60).contains($0) ? $0 : nil }
        if promised == nil { errors.add("promised_days", "Délai promis : un nombre entier de jours ouvrés de 1 à 60 (par exemple 5).") }
        let reopen = Int(t(reopen_days)).flatMap { (1...365).contains($0) ? $0 : nil }
        if reopen == nil { errors.add("reopen_days", "Délai de réouverture : un nombre entier de jours de 1 à 365 (par exemple 30).") }
        guard let promised, let reopen else { return (nil, errors) }
        return (Clean(promisedDays: promised, reopenDays: reopen), errors)
    }
}

/// The settings page (national admins).
struct LegalSettingsPage: Encodable, Sendable {
    let form: LegalSettingsForm
    let errors: FieldErrors
    let action: String
    let homeHref: String?
    let updatedAt: String?
}

/// `/juridique/parametres`: the promised delay and the reopening window (national admins).
enum LegalSettingsController {
    static func show(_ req: Request) async throws -> Response {
        let s = try await LegalSettings.load(on: req.db)
        return try await render(req, LegalSettingsForm(s), FieldErrors(), updatedAt: s.updatedAt)
    }

    static func save(_ req: Request) async throws -> Response {
        let form = try req.form(LegalSettingsForm.self)
        let (clean, errors) = form.validate()
        guard let clean else { return try await render(req, form, errors, updatedAt: nil, status: .unprocessableEntity) }
        try await LegalSettings.save(clean, actor: try req.requireUser(), on: req.db)
        req.flash("Paramètres de l'appui juridique enregistrés.")
        return req.redirect(to: SiteURL.legal(.settings).path)
    }

    static func render(_ req: Request, _ form: LegalSettingsForm, _ errors: FieldErrors, updatedAt: Date?,
                       status: HTTPStatus = .ok) async throws -> Response {
        let page = LegalSettingsPage(form: form, errors: errors, action: SiteURL.legal(.saveSettings).path,
                                     homeHref: req.link(to: .legal(.statistics)),
                                     updatedAt: updatedAt.map { "Modifiés le \(FrenchFormat.dateTime($0))" })
        return try await req.renderPage("legal/settings", title: "Paramètres de l'appui juridique", page, status: status)
    }
}
