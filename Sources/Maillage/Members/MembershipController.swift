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
        _ = try await Policy.require(edit: structure, req)
        let form = MembershipForm(status: "actif", joined_on: FrenchFormat.date(StructureForm.today()))
        return try await render(req, structure, nil, mode: "new", form: form, errors: FieldErrors())
    }

    static func create(_ req: Request) async throws -> Response {
        let structure = try await StructureController.find(req)
        let user = try await Policy.require(edit: structure, req)
        let form = try req.form(MembershipForm.self)
        var errors = FieldErrors()
        let status = MembershipStatus.parse(form.status ?? "")
        if status == nil { errors.add("status", "Choisissez un statut.") }
        let joined = day(form.joined_on ?? "")
        if joined == nil { errors.add("joined_on", invalidDay) }
        let sid = try structure.requireID()
        let periods = try await Membership.query(on: req.db).filter(\.$structure.$id == sid).all()
        if periods.contains(where: { $0.leftOn == nil }) {
            errors.add("status", "Une adhésion est déjà en cours : clôturez-la avant d'en ouvrir une nouvelle.")
        }
        if let joined, let lastLeft = periods.compactMap(\.leftOn).max(), joined < lastLeft {
            errors.add("joined_on", "La date doit suivre la dernière sortie (\(FrenchFormat.date(lastLeft))).")
        }
        guard errors.isEmpty, let status, let joined else {
            return try await render(req, structure, nil, mode: "new", form: form, errors: errors, status: .unprocessableEntity)
        }
        try await req.db.transaction { tx in
            let m = Membership(structureID: sid, status: status, joinedOn: joined)
            try await m.create(on: tx)
            try await MembershipSummary.refresh(structure, on: tx)
            try await structure.save(on: tx)
            try await Audit.record(.create, m, summary: "Nouvelle adhésion de « \(structure.name) »", actor: user, on: tx)
        }
        req.flash("Adhésion enregistrée.")
        return req.redirect(to: SiteURL.structure(sid).path)
    }

    static func edit(_ req: Request) async throws -> Response {
        let (structure, m) = try await find(req)
        _ = try await Policy.require(edit: structure, req)
        let form = MembershipForm(status: m.status, joined_on: FrenchFormat.date(m.joinedOn),
                                  left_on: m.leftOn.map(FrenchFormat.date), leave_reason: m.leaveReason)
        return try await render(req, structure, m, mode: "edit", form: form, errors: FieldErrors())
    }

    static func update(_ req: Request) async throws -> Response {
        try await save(req, mode: "edit")
    }

    static func confirmClose(_ req: Request) async throws -> Response {
        let (structure, m) = try await find(req)
        _ = try await Policy.require(edit: structure, req)
        guard m.leftOn == nil else { throw Abort(.notFound) }
        let form = MembershipForm(status: m.status, joined_on: FrenchFormat.date(m.joinedOn),
                                  left_on: FrenchFormat.date(StructureForm.today()), leave_reason: "")
        return try await render(req, structure, m, mode: "close", form: form, errors: FieldErrors())
    }

    static func close(_ req: Request) async throws -> Response {
        try await save(req, mode: "close")
    }

    /// Edit and close share the checks: dates in order, a reason for every leave.
    private static func save(_ req: Request, mode: String) async throws -> Response {
        let (structure, m) = try await find(req)
        let user = try await Policy.require(edit: structure, req)
        var form = try req.form(MembershipForm.self)
        if mode == "close" { form.status = m.status; form.joined_on = FrenchFormat.date(m.joinedOn) }
        var errors = FieldErrors()
        let status = MembershipStatus.parse(form.status ?? "")
        if status == nil { errors.add("status", "Choisissez un statut.") }
        let joined = day(form.joined_on ?? "")
        if joined == nil { errors.add("joined_on", invalidDay) }
        let leftRaw = (form.left_on ?? "").trimmingCharacters(in: .whitespaces)
        var left: String? = nil
        if !leftRaw.isEmpty {
            left = day(leftRaw)
            if left == nil { errors.add("left_on", invalidDay) }
            else if let joined, left! < joined { errors.add("left_on", "La date de sortie précède la date d'adhésion.") }
        } else if mode == "close" {
            errors.add("left_on", "Indiquez la date de sortie.")
        }
        let reason = (form.leave_reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if left != nil, reason.isEmpty { errors.add("leave_reason", "Indiquez le motif de sortie.") }
        if reason.count > 500 { errors.add("leave_reason", "Le motif ne doit pas dépasser 500 caractères.") }
        if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\r\n\t".unicodeScalars.contains($0) }) {
            errors.add("leave_reason", "Le motif contient un caractère de contrôle (invisible), non permis.")
        }
        if left == nil, m.leftOn != nil,
           try await Membership.query(on: req.db).filter(\.$structure.$id == structure.requireID())
               .filter(\.$leftOn == nil).filter(\.$id != m.requireID()).count() > 0 {
            errors.add("left_on", "Une autre adhésion est en cours : cette période doit rester close.")
        }
        guard errors.isEmpty, let status, let joined else {
            return try await render(req, structure, m, mode: mode, form: form, errors: errors, status: .unprocessableEntity)
        }
        let before = m.auditSnapshot
        let leftOn = left
        try await req.db.transaction { tx in
            m.status = status.rawValue
            m.joinedOn = joined
            m.leftOn = leftOn
            m.leaveReason = leftOn == nil ? nil : reason
            try await m.save(on: tx)
            try await MembershipSummary.refresh(structure, on: tx)
            try await structure.save(on: tx)
            try await Audit.record(.update, m, summary: mode == "close" ? "Sortie de « \(structure.name) »" : "Correction d'une adhésion de « \(structure.name) »",
                                   before: before, actor: user, on: tx)
        }
        req.flash(mode == "close" ? "Adhésion clôturée." : "Adhésion modifiée.")
        return req.redirect(to: SiteURL.structure(try structure.requireID()).path)
    }

    /// A typed day within `MemberFields.years`, as ISO "yyyy-mm-dd".
    private static func day(_ raw: String) -> String? {
        FrenchFormat.parseDay(raw).flatMap { MemberFields.isInRange(isoDay: $0) ? $0 : nil }
    }

    private static let invalidDay = "Date invalide (attendu : JJ/MM/AAAA, entre \(MemberFields.years.lowerBound) et \(MemberFields.years.upperBound))."

    private static func find(_ req: Request) async throws -> (Structure, Membership) {
        let structure = try await StructureController.find(req)
        guard let mid = req.parameters.get("membershipID", as: UUID.self),
              let m = try await Membership.find(mid, on: req.db), m.$structure.id == structure.id else {
            _ = try await Policy.require(view: structure, req)
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
