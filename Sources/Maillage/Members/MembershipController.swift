import Fluent
import Foundation
import MaillageCore
import Vapor

/// Membership periods: open one, correct one, close one (with a confirmation step).
enum MembershipController {
    struct MembershipForm: Content, Sendable {
        var status: String?
        var joined_on: String?
        var left_on: String?
        var leave_reason: String?
    }

    struct FormPage: Encodable, Sendable {
        let heading: String
        let structureName: String
        let action: String
        let cancel: String
        let mode: String  // "new", "edit" or "close"
        let form: MembershipForm
        let statusOptions: [SelectOption]
        let errors: FieldErrors
    }

    static func new(_ req: Request) async throws -> Response {
        let structure = try await StructureController.find(req)
        try await req.authorize(structure)
        let form = MembershipForm(status: "actif", joined_on: Day.today().french)
        return try await render(req, structure, nil, mode: "new", form: form, errors: FieldErrors())
    }

    static func create(_ req: Request) async throws -> Response {
        let structure = try await StructureController.find(req)
        let user = try await req.authorize(structure)
        let form = try req.form(MembershipForm.self)
        do {
            try await RegisterService.open(read(form), for: structure, by: writer(user, structure, req), on: req.db)
        } catch RegisterService.Refusal.invalid(let errors) {
            return try await render(req, structure, nil, mode: "new", form: form, errors: errors, status: .unprocessableEntity)
        }
        req.flash("Adhésion enregistrée.")
        return req.redirect(to: SiteURL.structure(try structure.requireID()).path)
    }

    static func edit(_ req: Request) async throws -> Response {
        let (structure, m) = try await find(req)
        try await req.authorize(structure)
        let form = MembershipForm(status: m.status, joined_on: FrenchFormat.date(m.joinedOn),
                                  left_on: m.leftOn.map(FrenchFormat.date), leave_reason: m.leaveReason)
        return try await render(req, structure, m, mode: "edit", form: form, errors: FieldErrors())
    }

    static func update(_ req: Request) async throws -> Response {
        try await save(req, mode: "edit")
    }

    static func confirmClose(_ req: Request) async throws -> Response {
        let (structure, m) = try await find(req)
        try await req.authorize(structure)
        guard m.state == .open else { throw Abort(.notFound) }
        let form = MembershipForm(status: m.status, joined_on: FrenchFormat.date(m.joinedOn),
                                  left_on: Day.today().french, leave_reason: "")
        return try await render(req, structure, m, mode: "close", form: form, errors: FieldErrors())
    }

    static func close(_ req: Request) async throws -> Response {
        try await save(req, mode: "close")
    }

    /// Edit and close: the form read here, the rules checked by `RegisterService`.
    private static func save(_ req: Request, mode: String) async throws -> Response {
        let (structure, m) = try await find(req)
        let user = try await req.authorize(structure)
        var form = try req.form(MembershipForm.self)
        if mode == "close" { form.status = m.status; form.joined_on = FrenchFormat.date(m.joinedOn) }
        let actor = try await writer(user, structure, req)
        do {
            if mode == "close" {
                try await RegisterService.close(m, with: read(form), of: structure, by: actor, on: req.db)
            } else {
                try await RegisterService.correct(m, with: read(form), of: structure, by: actor, via: .page, on: req.db)
            }
        } catch RegisterService.Refusal.invalid(let errors) {
            return try await render(req, structure, m, mode: mode, form: form, errors: errors, status: .unprocessableEntity)
        } catch RegisterService.Refusal.wrongState {
            throw Abort(.conflict, reason: "Cette adhésion a changé entre-temps (déjà clôturée ?) : rechargez la fiche de la structure.")
        } catch RegisterService.Refusal.notPermitted {
            throw Abort(.forbidden)
        }
        req.flash(mode == "close" ? "Adhésion clôturée." : "Adhésion modifiée.")
        return req.redirect(to: SiteURL.structure(try structure.requireID()).path)
    }

    /// The form as typed: each value read, or the reason it cannot be, next to its field.
    private static func read(_ form: MembershipForm) -> PeriodInput {
        var input = PeriodInput()
        input.status = MembershipStatus.parse(form.status ?? "")
        if input.status == nil { input.unread.add("status", "Choisissez un statut.") }
        input.joined = day(form.joined_on ?? "")
        if input.joined == nil { input.unread.add("joined_on", invalidDay) }
        let leftRaw = (form.left_on ?? "").trimmingCharacters(in: .whitespaces)
        if !leftRaw.isEmpty {
            input.left = day(leftRaw)
            if input.left == nil { input.unread.add("left_on", invalidDay) }
        }
        input.reason = (form.leave_reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if input.reason.count > 500 { input.unread.add("leave_reason", "Le motif ne doit pas dépasser 500 caractères.") }
        if input.reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\r\n\t".unicodeScalars.contains($0) }) {
            input.unread.add("leave_reason", "Le motif contient un caractère de contrôle (invisible), non permis.")
        }
        return input
    }

    private static func writer(_ user: CurrentUser, _ structure: Structure, _ req: Request) async throws -> RegisterService.Actor {
        RegisterService.Actor(parties: try await req.parties(to: structure), user: user)
    }

    /// A typed day within `MemberFields.years`.
    private static func day(_ raw: String) -> Day? {
        Day(typed: raw).flatMap { MemberFields.isInRange($0) ? $0 : nil }
    }

    private static let invalidDay = "Date invalide (attendu : JJ/MM/AAAA, entre \(MemberFields.years.lowerBound) et \(MemberFields.years.upperBound))."

    private static func find(_ req: Request) async throws -> (Structure, Membership) {
        let structure = try await StructureController.find(req)
        guard let mid = req.parameters.get("membershipID", as: UUID.self),
              let m = try await Membership.find(mid, on: req.db), m.$structure.id == structure.id else {
            try await req.authorize(structure, .seeStructure)
            throw Abort(.notFound)
        }
        return (structure, m)
    }

    private static func render(_ req: Request, _ s: Structure, _ m: Membership?, mode: String, form: MembershipForm,
                               errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        let sid = try s.requireID()
        let heading: String
        let action: String
        switch mode {
        case "new": heading = "Nouvelle adhésion"; action = SiteURL.newMembership(sid).path
        case "close": heading = "Clôturer l'adhésion"; action = SiteURL.closeMembership(sid, m!.id!).path
        default: heading = "Modifier l'adhésion"; action = SiteURL.editMembership(sid, m!.id!).path
        }
        let page = FormPage(heading: heading, structureName: s.name, action: action, cancel: SiteURL.structure(sid).path,
                            mode: mode, form: form,
                            statusOptions: MembershipStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.status) },
                            errors: errors)
        return try await req.renderPage("members/membership-form", title: "\(heading) — \(s.name)", page, status: status)
    }
}
