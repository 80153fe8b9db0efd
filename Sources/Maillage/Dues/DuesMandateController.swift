import Fluent
import Foundation
import MaillageCore
import Vapor

/// SEPA mandates: the national list, one member's mandate (read-only for its managers and its
/// delegate, edited and revoked by a national admin).
enum DuesMandateController {
    static let columns = [ListColumn("structure", "Structure"), ListColumn("reference", "RUM"),
                          ListColumn("signed_on", "Signature"), ListColumn("iban", "IBAN", sortable: false),
                          ListColumn("status", "Statut")]

    static func mandates(_ req: Request) async throws -> Response {
        let state = ListState(try req.query.decode([String: String].self), columns: columns, defaultSort: ListSort("structure"))
        let mandates = try await DuesMandate.query(on: req.db).all()
        let ids = Set(mandates.map(\.$structure.id))
        let names = Dictionary(try await Structure.query(on: req.db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) },
                               uniquingKeysWith: { a, _ in a })
        var rows = mandates.map { (m: $0, name: names[$0.$structure.id] ?? "—") }
        state.sort.apply(&rows) { a, b in
            let ka: FrenchSortKey, kb: FrenchSortKey
            switch state.sort.key {
            case "reference": (ka, kb) = (FrenchSortKey(a.m.reference), FrenchSortKey(b.m.reference))
            case "signed_on": (ka, kb) = (FrenchSortKey(a.m.signedOn), FrenchSortKey(b.m.signedOn))
            case "status": (ka, kb) = (FrenchSortKey(a.m.status), FrenchSortKey(b.m.status))
            default: (ka, kb) = (FrenchSortKey(a.name), FrenchSortKey(b.name))
            }
            return ka != kb ? ka < kb : a.m.reference < b.m.reference
        }
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("mandats-sepa", filters: [], on: req, format: format),
                                       headers: columns.map(\.label), rows: rows.map {
                                           [.text($0.name), .text($0.m.reference), .text(FrenchFormat.date($0.m.signedOn)),
                                            .text(DuesMandateService.masked($0.m.iban)), .text(DuesMandateService.statusLabel($0.m.status))]
                                       })
        }
        let list = ListView(.dues(.mandates), columns: columns, state: state, filters: [], total: rows.count, exportable: true,
                            noun: ("mandat", "mandats"))
        let page = DuesMandatesPage(list: list, rows: rows[list.range].map {
            .init(structure: $0.name, href: req.link(to: DuesURL.mandate($0.m.$structure.id)), reference: $0.m.reference,
                  signedOn: FrenchFormat.date($0.m.signedOn), iban: DuesMandateService.masked($0.m.iban),
                  status: DuesMandateService.statusLabel($0.m.status), active: $0.m.status == "active")
        })
        return try await req.renderPage("dues/mandates", title: "Mandats SEPA", page)
    }

    static func mandate(_ req: Request) async throws -> Response {
        let structure = try await loadStructure(req)
        return try await render(req, structure: structure, form: nil, errors: FieldErrors(), status: .ok)
    }

    static func saveMandate(_ req: Request) async throws -> Response {
        let structure = try await loadStructure(req)
        let actor = try req.requireUser()
        let structureID = try structure.requireID()
        let values = try DuesPaymentController.formValues(req, keys: ["reference", "signed_on", "debtor_name", "iban", "bic", "action", "confirm"])
        if values["action"] == "revoke" {
            guard let m = try await DuesMandateService.current(structureID: structureID, on: req.db), m.status == "active" else {
                throw Abort(.conflict, reason: "Ce membre n'a pas de mandat actif à révoquer.")
            }
            guard values["confirm"] == "1" else {
                let page = DuesPaymentController.ReturnConfirmPage(
                    heading: "Révoquer le mandat \(m.reference) ?",
                    lines: ["\(structure.name) — IBAN \(DuesMandateService.masked(m.iban))",
                            "Plus aucun prélèvement ne sera émis sur ce mandat. Un nouveau mandat (nouvelle RUM) recommencera par un premier prélèvement (FRST)."],
                    action: DuesURL.saveMandate(structureID).path,
                    hidden: [.init(name: "action", value: "revoke"), .init(name: "confirm", value: "1")],
                    confirmLabel: "Révoquer le mandat", cancel: DuesURL.mandate(structureID).path, breadcrumb: "Mandat de \(structure.name)")
                return try await req.renderPage("dues/return-confirm", title: "Révoquer un mandat", page)
            }
            _ = try await DuesMandateService.revoke(structure: structure, by: actor, on: req.db)
            req.flash("Mandat \(m.reference) révoqué.")
            return req.redirect(to: DuesURL.mandate(structureID).path)
        }
        switch DuesMandateService.Form.parse(values, today: Day.today(now: req.services.clock.now)) {
        case .failure(let refusal):
            let errors = refusal.errors
            return try await render(req, structure: structure, form: values, errors: errors, status: .unprocessableEntity)
        case .success(let form):
            switch try await DuesMandateService.save(form, structure: structure, by: actor, on: req.db) {
            case .failure(let refusal):
            let errors = refusal.errors
                return try await render(req, structure: structure, form: values, errors: errors, status: .unprocessableEntity)
            case .success(let m):
                req.flash("Mandat SEPA \(m.reference) enregistré.")
                return req.redirect(to: DuesURL.mandate(structureID).path)
            }
        }
    }

    private static func render(_ req: Request, structure: Structure, form: [String: String]?, errors: FieldErrors,
                               status: HTTPStatus) async throws -> Response {
        let id = try structure.requireID()
        let m = try await DuesMandateService.current(structureID: id, on: req.db)
        let action = req.link(to: DuesURL.saveMandate(id))
        var page = DuesMandatePage(structure: structure.name, structureHref: try await req.link(to: SiteURL.structure(.value(id)), on: structure),
                                   listHref: req.link(to: .dues(.mandates)), mandate: m.map(DuesMandatePage.Shown.init),
                                   action: action, revokeAction: m?.status == "active" ? action : nil)
        page.errors = errors
        if action != nil {
            page.form = form ?? m.map {
                ["reference": $0.reference, "signed_on": FrenchFormat.date($0.signedOn), "debtor_name": $0.debtorName,
                 "iban": IBAN($0.iban)?.printed ?? $0.iban, "bic": $0.bic ?? ""]
            } ?? ["debtor_name": structure.name]
        }
        return try await req.renderPage("dues/mandate", title: "Mandat SEPA — \(structure.name)", page, status: status)
    }

    private static func loadStructure(_ req: Request) async throws -> Structure {
        guard let id = req.parameters.get("structureID", as: UUID.self), let s = try await Structure.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        try await req.authorize(s)
        return s
    }
}
