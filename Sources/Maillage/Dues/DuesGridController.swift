import Fluent
import Foundation
import MaillageCore
import Vapor

/// The national admin's grids: the list, a new grid (blank or prefilled from another), a version's
/// page, its edit (same version while unused, the next version once a call used it).
enum DuesGridController {
    static func index(_ req: Request) async throws -> Response {
        let grids = try await DuesGrid.query(on: req.db).sort(\.$year, .descending).sort(\.$version, .descending).all()
        let counts = try await DuesGridService.callCounts(on: req.db)
        let years = Dictionary(grouping: grids, by: \.year).sorted { $0.key > $1.key }.map { year, versions in
            DuesGridsPage.Year(year: year, versions: versions.map { version($0, calls: counts[$0.id!, default: 0], req) })
        }
        let page = DuesGridsPage(newHref: req.link(to: .dues(.newGrid)), settingsHref: req.link(to: .dues(.settings)),
                                 years: years.isEmpty ? nil : years)
        return try await req.renderPage("dues/grids", title: "Barèmes des cotisations", page)
    }

    static func version(_ g: DuesGrid, calls: Int, _ req: Request) -> DuesGridsPage.Version {
        DuesGridsPage.Version(
            label: "Version \(g.version)",
            state: g.lockedAt.map { "Verrouillé le \(FrenchFormat.dateTime($0))" } ?? "Modifiable",
            locked: g.isLocked, used: DuesGridPage.usedLabel(calls), href: DuesURL.grid(g.id!).path,
            editHref: req.link(to: DuesURL.editGrid(g.id!)),
            copyHref: req.link(to: .dues(.newGrid), query: ["depuis": g.id!.uuidString]))
    }

    static func show(_ req: Request) async throws -> Response {
        let g = try await grid(req)
        let rates = try await DuesGridService.rates(of: g, on: req.db)
        let counts = try await DuesGridService.callCounts(on: req.db)
        let others = try await DuesGrid.query(on: req.db).filter(\.$year == g.year).filter(\.$id != g.requireID())
            .sort(\.$version, .descending).all()
        let page = DuesGridPage.make(g, rates: rates, calls: counts[g.id!, default: 0],
                                     others: others.map { version($0, calls: counts[$0.id!, default: 0], req) },
                                     editHref: req.link(to: DuesURL.editGrid(g.id!)),
                                     copyHref: req.link(to: .dues(.newGrid), query: ["depuis": g.id!.uuidString]),
                                     gridsHref: req.link(to: .dues(.grids)), basesHref: req.link(to: DuesURL.bases(g.year)))
        return try await req.renderPage("dues/grid", title: page.heading, page)
    }

    /// A new grid: blank (SPEC §3 defaults, next year) or prefilled from `?depuis=<gridID>`,
    /// moved to the year after it.
    static func new(_ req: Request) async throws -> Response {
        struct Query: Decodable { var depuis: String?; var annee: String? }
        let q = (try? req.query.decode(Query.self)) ?? Query()
        var source: DuesGrid?
        if let id = q.depuis.flatMap(UUID.init(uuidString:)) { source = try await DuesGrid.find(id, on: req.db) }
        let thisYear = Int(String(CampaignForm.iso(req.services.clock.now).prefix(4))) ?? 2026
        let asked = q.annee.flatMap(Int.init).flatMap { (2000...2100).contains($0) ? $0 : nil }
        let year = asked ?? source.map { $0.year + 1 } ?? thisYear + 1
        let rates = source == nil ? [] : try await DuesGridService.rates(of: source!, on: req.db)
        let form = DuesGridForm.defaults(year: year, from: source, rates: rates)
        return try await renderNew(req, form, FieldErrors(), source: source)
    }

    static func create(_ req: Request) async throws -> Response {
        let form = try req.form(DuesGridForm.self)
        var (clean, errors) = form.validate()
        if let year = Int(DuesGridForm.trimmed(form.year)), errors["year"] == nil,
           let existing = try await DuesGridService.current(year: year, on: req.db) {
            errors.add("year", "Un barème \(year) existe déjà (version \(existing.version)) : modifiez-le depuis sa page.")
            clean = nil
        }
        guard let clean else { return try await renderNew(req, form, errors, source: nil, status: .unprocessableEntity) }
        let grid = try await DuesGridService.create(clean, actor: try req.requireUser(), on: req.db)
        req.flash("Barème \(grid.year) créé (version \(grid.version)).")
        return req.redirect(to: DuesURL.grid(grid.id!).path)
    }

    static func edit(_ req: Request) async throws -> Response {
        let g = try await grid(req)
        let rates = try await DuesGridService.rates(of: g, on: req.db)
        return try await renderEdit(req, g, DuesGridForm(g, rates: rates), FieldErrors())
    }

    static func update(_ req: Request) async throws -> Response {
        let g = try await grid(req)
        var form = try req.form(DuesGridForm.self)
        form.year = String(g.year)  // the year of a grid never changes
        let (clean, errors) = form.validate()
        guard let clean else { return try await renderEdit(req, g, form, errors, status: .unprocessableEntity) }
        switch try await DuesGridService.edit(g, clean, actor: try req.requireUser(), on: req.db) {
        case .updated(let same):
            req.flash("Barème \(same.year) version \(same.version) enregistré.")
            return req.redirect(to: DuesURL.grid(same.id!).path)
        case .newVersion(let next):
            req.flash("La version \(g.version) a servi à des appels et reste inchangée : la version \(next.version) du barème \(next.year) est créée.")
            return req.redirect(to: DuesURL.grid(next.id!).path)
        }
    }

    // MARK: - Helpers

    static func grid(_ req: Request) async throws -> DuesGrid {
        guard let id = req.parameters.get("gridID", as: UUID.self), let g = try await DuesGrid.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return g
    }

    static let referenceHint = "Par défaut l'année précédente (N−1) : c'est la dernière année dont les comptes, et les réponses validées de l'Observatoire, sont connus au moment des appels. Mettez N−2 si vos adhérents n'ont pas encore arrêté leurs comptes N−1."

    static func renderNew(_ req: Request, _ form: DuesGridForm, _ errors: FieldErrors, source: DuesGrid?,
                          status: HTTPStatus = .ok) async throws -> Response {
        let page = DuesGridFormPage(
            heading: "Nouveau barème", lead: source.map { "Prérempli depuis le barème \($0.year) (version \($0.version)) : vérifiez chaque valeur, en particulier le SMIC horaire." },
            notice: nil, isNew: true, form: form, errors: errors, action: SiteURL.dues(.createGrid).path,
            cancelHref: SiteURL.dues(.grids).path, submitLabel: "Créer le barème")
        return try await req.renderPage("dues/grid-form", title: "Nouveau barème", page, status: status)
    }

    static func renderEdit(_ req: Request, _ g: DuesGrid, _ form: DuesGridForm, _ errors: FieldErrors,
                           status: HTTPStatus = .ok) async throws -> Response {
        let next = (try await DuesGridService.current(year: g.year, on: req.db)?.version ?? g.version) + 1
        let page = DuesGridFormPage(
            heading: "Barème \(g.year) — version \(g.version)", lead: nil,
            notice: g.isLocked ? "Ce barème a servi à des appels : vos modifications créeront la version \(next), la version \(g.version) reste inchangée." : nil,
            isNew: false, form: form, errors: errors, action: DuesURL.updateGrid(g.id!).path,
            cancelHref: DuesURL.grid(g.id!).path, submitLabel: g.isLocked ? "Créer la version \(next)" : "Enregistrer")
        return try await req.renderPage("dues/grid-form", title: page.heading, page, status: status)
    }
}
