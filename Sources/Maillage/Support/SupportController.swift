import Fluent
import Foundation
import MaillageCore
import Vapor

/// The supports: the list followed (`+List`), one structure's supports, a support's page, and the
/// forms to start one and to edit it, all writes through `SupportService`. Every route about a
/// structure loads it and checks the rule on it first (`SupportAccess`).
enum SupportController {
    static func structure(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let id = try structure.requireID()
        let rows = try await SupportQueries.supports(scope: nil, structure: id, on: req.db)
            .sorted { ($1.support.startedOn, $1.support.id!.uuidString) < ($0.support.startedOn, $0.support.id!.uuidString) }
        let days = try await SupportQueries.days(year: nil, scope: nil, structure: id, on: req.db)
        let page = StructureSupportsPage(
            heading: "Accompagnement — \(structure.name)", structureName: structure.name,
            homeHref: req.link(to: .support(.home)), qualityHref: try await req.link(to: QualityURL.structure(id), on: structure),
            newHref: try await req.link(to: SupportURL.newSupport(id), on: structure),
            lines: rows.isEmpty ? nil : rows.map { r in
                .init(programme: r.programmeName, started: SupportPages.date(r.support.startedOn), ended: SupportPages.date(r.support.endedOn),
                      status: r.support.statusValue.label, delegate: r.support.delegateName, days: SupportFigures.daysText(r.halfDays),
                      href: SupportURL.support(id, r.support.id!).path)
            },
            days: days.isEmpty ? nil : days.map(SupportPages.dayLine),
            totalDays: days.isEmpty ? nil : SupportFigures.daysText(days.map(\.day.halfDays).reduce(0, +)))
        return try await req.renderPage("support/structure", title: page.heading, page)
    }

    static func show(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let support = try await SupportAccess.support(req, of: structure)
        let sid = try structure.requireID(), id = try support.requireID()
        let programme = try await SupportProgramme.find(support.$programme.id, on: req.db)
        let delegation = try await Delegation.find(support.$delegation.id, on: req.db)
        let days = try await SupportQueries.days(year: nil, scope: nil, support: id, on: req.db)
        let page = SupportPage(
            heading: "Suivi « \(programme?.name ?? "") » — \(structure.name)", structureName: structure.name,
            structureHref: SupportURL.structure(sid).path,
            facts: [.init(label: "Programme", value: programme?.name ?? ""), .init(label: "Délégation", value: delegation?.name ?? ""),
                    .init(label: "Délégué", value: support.delegateName), .init(label: "Début", value: SupportPages.date(support.startedOn)),
                    .init(label: "Fin", value: SupportPages.date(support.endedOn)), .init(label: "Statut", value: support.statusValue.label)],
            outcome: TextParagraphs.split(support.outcome).nonEmpty,
            editHref: try await req.link(to: SupportURL.editSupport(sid, id), on: structure),
            newDayHref: req.link(to: .support(.days), query: ["suivi": id.uuidString]),
            days: days.isEmpty ? nil : days.map(SupportPages.dayLine), totalDays: SupportFigures.daysText(days.map(\.day.halfDays).reduce(0, +)))
        return try await req.renderPage("support/support", title: page.heading, page)
    }

    // MARK: new

    static func new(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let user = try req.requireUser()
        let form = ["support_started": Day.today(now: req.services.clock.now).french, "support_delegate": user.id.uuidString]
        return try await renderNew(req, structure, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let user = try req.requireUser()
        let values = SupportForms.values((try? req.content.decode([String: String].self)) ?? [:], SupportInput.fields)
        guard let delegationID = try await delegation(of: structure, req) else {
            return try await renderNew(req, structure, form: values, errors: noDelegation, status: .unprocessableEntity)
        }
        let outcome: Result<MemberSupport, SupportRefusal>
        switch SupportInput.parse(values, today: Day.today(now: req.services.clock.now)) {
        case .failure(let refusal): outcome = .failure(.form(refusal.errors))
        case .success(let input):
            outcome = try await SupportService.create(structureID: try structure.requireID(), delegationID: delegationID, input, by: user, on: req.db)
        }
        switch outcome {
        case .success(let support):
            req.flash("Suivi commencé le \(support.startedOnValue?.french ?? "").")
            return req.redirect(to: SupportURL.support(try structure.requireID(), try support.requireID()).path, redirectType: .normal)
        case .failure(let refusal):
            return try await renderNew(req, structure, form: values, errors: refusal.errors, status: refusal.status)
        }
    }

    /// The delegation that follows the structure today (its department in today's map).
    static func delegation(of structure: Structure, _ req: Request) async throws -> UUID? {
        try await req.networkMap().delegation(ofDepartment: structure.departmentCode)?.delegationID
    }

    static var noDelegation: FieldErrors {
        FormRefusal("support_programme", "Cette structure n'est rattachée à aucune délégation : aucun suivi ne peut y être enregistré.").errors
    }

    private static func renderNew(_ req: Request, _ structure: Structure, form: [String: String], errors: FieldErrors,
                                  status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let sid = try structure.requireID()
        let programmes = try await SupportProgramme.query(on: req.db).filter(\.$active == true).all()
            .sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let delegates = try await SupportAccess.delegates(of: try await delegation(of: structure, req), recorder: user, on: req.db)
        let page = SupportFormPage(
            heading: "Nouveau suivi — \(structure.name)", structureName: structure.name, backHref: SupportURL.structure(sid).path,
            action: try await req.link(to: SupportURL.createSupport(sid), on: structure), isEdit: false, programmeName: nil, started: nil,
            form: form, errors: errors,
            programmes: SupportPages.options(programmes, value: { $0.id!.uuidString }, label: \.name, selected: form["support_programme"]),
            delegates: SupportPages.options(delegates, value: { $0.id.uuidString }, label: \.name, selected: form["support_delegate"]),
            statuses: [], version: nil, notice: nil, submitLabel: "Commencer le suivi")
        return try await req.renderPage("support/support-form", title: page.heading, page, status: status)
    }

    // MARK: edit

    static func edit(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let support = try await SupportAccess.support(req, of: structure)
        return try await renderEdit(req, structure, support, form: SupportEditInput.values(of: support), errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let structure = try await SupportAccess.structure(req)
        let support = try await SupportAccess.support(req, of: structure)
        let user = try req.requireUser()
        let sid = try structure.requireID(), id = try support.requireID()
        let values = SupportForms.values((try? req.content.decode([String: String].self)) ?? [:], SupportEditInput.fields)
        let outcome: Result<MemberSupport, SupportRefusal>
        switch SupportEditInput.parse(values, startedOn: support.startedOnValue, today: Day.today(now: req.services.clock.now)) {
        case .failure(let refusal): outcome = .failure(.form(refusal.errors))
        case .success(let input):
            outcome = try await SupportService.update(id, of: sid, version: values["version"].flatMap { Int($0) }, input, by: user, on: req.db)
        }
        switch outcome {
        case .success:
            req.flash("Suivi enregistré.")
            return req.redirect(to: SupportURL.support(sid, id).path, redirectType: .normal)
        case .failure(.gone): throw Abort(.notFound)
        case .failure(.stale):
            // The support as it is now, with the message: nothing saved.
            let current = try await MemberSupport.find(id, on: req.db) ?? support
            return try await renderEdit(req, structure, current, form: SupportEditInput.values(of: current), errors: FieldErrors(),
                                        status: .conflict, notice: SupportRefusal.staleMessage)
        case .failure(let refusal):
            return try await renderEdit(req, structure, support, form: values, errors: refusal.errors, status: refusal.status)
        }
    }

    private static func renderEdit(_ req: Request, _ structure: Structure, _ support: MemberSupport, form: [String: String],
                                   errors: FieldErrors, status: HTTPStatus, notice: String? = nil) async throws -> Response {
        let sid = try structure.requireID(), id = try support.requireID()
        let programme = try await SupportProgramme.find(support.$programme.id, on: req.db)
        let page = SupportFormPage(
            heading: "Modifier le suivi « \(programme?.name ?? "") » — \(structure.name)", structureName: structure.name,
            backHref: SupportURL.support(sid, id).path, action: try await req.link(to: SupportURL.updateSupport(sid, id), on: structure),
            isEdit: true, programmeName: programme?.name, started: SupportPages.date(support.startedOn), form: form, errors: errors,
            programmes: [], delegates: [],
            statuses: SupportStatus.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["support_status"]) },
            version: form["version"] ?? String(support.version), notice: notice, submitLabel: "Enregistrer")
        return try await req.renderPage("support/support-form", title: page.heading, page, status: status)
    }
}
