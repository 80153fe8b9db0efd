import Fluent
import Foundation
import MaillageCore
import Vapor

/// The quality standards as data (national admins): the list, a new one, an edit.
enum StandardController {
    static func index(_ req: Request) async throws -> Response {
        let standards = try await QualityStandard.query(on: req.db).all().sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let page = StandardsPage(
            homeHref: req.link(to: QualityURL.start), newHref: req.link(to: .quality(.newStandard)),
            rows: standards.map(row(req)))
        return try await req.renderPage("quality/standards", title: "Référentiels qualité", page)
    }

    static func row(_ req: Request) -> (QualityStandard) -> StandardsPage.Row {
        { s in
            var flags: [String] = []
            if s.groupCertification { flags.append("Certification de groupe") }
            if s.publicLabel { flags.append("Label dans l'annuaire public") }
            let reminders = s.reminderOffsets
            return StandardsPage.Row(
                code: s.code, name: s.name, cycle: FrenchFormat.plural(s.cycleYears, "an", "ans"),
                surveillance: s.surveillanceMonths == 0 ? "aucun" : "tous les \(FrenchFormat.plural(s.surveillanceMonths, "mois", "mois"))",
                reminders: reminders.isEmpty ? "aucun" : reminders.map { "J−\($0)" }.joined(separator: ", "),
                flags: flags, active: s.active, editHref: req.link(to: QualityURL.editStandard(s.id!)))
        }
    }

    static func new(_ req: Request) async throws -> Response {
        let next = (try await QualityStandard.query(on: req.db).max(\.$position) ?? 0) + 1
        return try await renderForm(req, standard: nil,
                                    form: ["standard_cycle_years": "3", "standard_surveillance_months": "12", "standard_reminder_days": "90,30",
                                           "standard_public": "1", "standard_active": "1", "standard_position": String(min(next, 999))],
                                    errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, standard: nil) }

    static func edit(_ req: Request) async throws -> Response {
        let standard = try await load(req)
        return try await renderForm(req, standard: standard, form: StandardInput.values(of: standard), errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response { try await save(req, standard: try await load(req)) }

    private static func save(_ req: Request, standard: QualityStandard?) async throws -> Response {
        let user = try req.requireUser()
        let values = StandardInput.values(from: (try? req.content.decode([String: String].self)) ?? [:])
        let outcome: Result<QualityStandard, FormRefusal>
        switch StandardInput.parse(values) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let input): outcome = try await StandardService.save(standard?.id, input, by: user, on: req.db)
        }
        switch outcome {
        case .failure(let refusal):
            return try await renderForm(req, standard: standard, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let saved):
            req.flash("Référentiel \(saved.name) enregistré.")
            return req.redirect(to: SiteURL.quality(.standards).path, redirectType: .normal)
        }
    }

    private static func renderForm(_ req: Request, standard: QualityStandard?, form: [String: String], errors: FieldErrors,
                                   status: HTTPStatus) async throws -> Response {
        let page = StandardFormPage(
            heading: standard.map { "Modifier le référentiel \($0.name)" } ?? "Nouveau référentiel",
            listHref: req.link(to: .quality(.standards)),
            action: standard.map { req.link(to: QualityURL.updateStandard($0.id!)) } ?? req.link(to: .quality(.createStandard)),
            form: form, errors: errors, checks: checks(form), submitLabel: standard == nil ? "Ajouter le référentiel" : "Enregistrer")
        return try await req.renderPage("quality/standard-form", title: page.heading, page, status: status)
    }

    static func checks(_ form: [String: String]) -> [StandardFormPage.Check] {
        [("standard_group", "Certification de groupe (audits croisés entre structures)"),
         ("standard_public", "Afficher le label dans l'annuaire public"),
         ("standard_active", "Référentiel actif (proposé pour les nouvelles certifications)")]
            .map { .init(field: $0.0, label: $0.1, checked: CertificationForms.checked(form[$0.0])) }
    }

    private static func load(_ req: Request) async throws -> QualityStandard {
        guard let id = req.parameters.get("standardID", as: UUID.self), let s = try await QualityStandard.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return s
    }
}
