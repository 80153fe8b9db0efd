import Fluent
import Foundation
import MaillageCore
import Vapor

/// A structure's certifications: engaging one, its page, the steps of `CertificationWorkflow`
/// (GET shows the step's form, POST takes it) and its documents. Every write goes through
/// `CertificationService`; every route loads the structure, authorizes, then the certification
/// by its id and the structure's (another structure's id is a 404).
enum CertificationController {
    // MARK: engaging

    static func new(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        try await req.authorize(structure)
        let today = Day.today(now: req.services.clock.now)
        return try await renderNew(req, structure, form: ["certification_engaged_on": today.french], errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let structure = try await req.structureParameter()
        let user = try await req.authorize(structure)
        let sid = try structure.requireID()
        let values = CertificationForms.values(from: (try? req.content.decode([String: String].self)) ?? [:], fields: CertificationForms.newFields)
        let today = Day.today(now: req.services.clock.now)
        switch CertificationForms.parseNew(values, structureID: sid, today: today) {
        case .failure(let refusal):
            return try await renderNew(req, structure, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let input):
            let actor = StepActor(user: user, parties: try await req.parties(to: structure))
            do {
                let c = try await CertificationService.create(input, by: actor, context: context(req), on: req.db)
                req.flash("Certification engagée.")
                return req.redirect(to: QualityURL.certification(sid, try c.requireID()).path, redirectType: .normal)
            } catch CertificationService.Refusal.invalid(let errors) {
                return try await renderNew(req, structure, form: values, errors: errors, status: .unprocessableEntity)
            } catch CertificationService.Refusal.notPermitted {
                throw Abort(.forbidden)
            }
        }
    }

    // MARK: one certification

    static func show(_ req: Request) async throws -> Response {
        let access = try await CertificationAccess.load(req)
        let page = try await CertificationShow.page(req, access, upload: nil)
        return try await req.renderPage("quality/certification", title: "Certification \(access.standard.name) — \(access.structure.name)", page)
    }

    static func stepForm(_ req: Request) async throws -> Response {
        let access = try await CertificationAccess.load(req)
        let action = try stepAction(req)
        var form: [String: String] = [:]
        let today = Day.today(now: req.services.clock.now)
        if CertificationForms.fields(action).day != nil {
            form["certification_day"] = (action == .planAudit ? access.certification.auditOnValue : nil)?.french ?? today.french
        }
        if action == .planAudit { form["certification_audit_kind"] = access.certification.auditKind ?? "" }
        form["certification_body"] = access.certification.body
        form["certification_auditor"] = access.certification.auditor
        return try await renderStep(req, access, action, form: form, errors: FieldErrors(), status: .ok)
    }

    static func step(_ req: Request) async throws -> Response {
        let access = try await CertificationAccess.load(req)
        let action = try stepAction(req)
        let values = CertificationForms.values(from: (try? req.content.decode([String: String].self)) ?? [:], fields: CertificationForms.stepFields)
        let today = Day.today(now: req.services.clock.now)
        let input: CertificationService.StepInput
        switch CertificationForms.parseStep(action, values, today: today) {
        case .failure(let refusal):
            return try await renderStep(req, access, action, form: values, errors: refusal.errors, status: .unprocessableEntity)
        case .success(let parsed): input = parsed
        }
        let id = try access.certification.requireID()
        do {
            let saved = try await CertificationService.perform(
                action, on: id, of: try access.structure.requireID(), version: values["version"].flatMap { Int($0) }, input: input,
                by: StepActor(user: access.user, parties: access.parties), context: context(req), on: req.db)
            req.flash(CertificationStepPage.flash(action, saved))
            return req.redirect(to: QualityURL.certification(try access.structure.requireID(), id).path, redirectType: .normal)
        } catch let refusal as CertificationService.Refusal {
            switch refusal {
            case .invalid(let errors):
                return try await renderStep(req, access, action, form: values, errors: errors, status: .unprocessableEntity)
            case .notPermitted:
                throw Abort(.forbidden)
            case .wrongState, .stale, .notExpired:
                // The record as it is now, with why nothing was saved.
                var current = access
                current.certification = try await Certification.find(id, on: req.db) ?? access.certification
                return try await renderStep(req, current, action, form: values, errors: FieldErrors(), status: .conflict, notice: refusal.message)
            }
        }
    }

    // MARK: documents

    static func upload(_ req: Request) async throws -> Response {
        let access = try await CertificationAccess.load(req)
        let form = try req.uploadForm(CertificationDocumentForm.self)
        switch form.validate() {
        case .failure(let refusal):
            let page = try await CertificationShow.page(req, access, upload: (form.shown, refusal.errors))
            return try await req.renderPage("quality/certification", title: "Certification \(access.standard.name) — \(access.structure.name)",
                                            page, status: .unprocessableEntity)
        case .success(let clean):
            let stored = try StoredFiles.put([clean.file], into: req.services.files)
            do {
                try await CertificationDocuments.add(clean, file: stored[0], to: access.certification.requireID(),
                                                     of: access.structure.requireID(), by: access.user, on: req.db)
            } catch {
                StoredFiles.discard(stored, from: req.services.files)
                throw error
            }
            req.flash("Document « \(clean.title) » ajouté.")
            return req.redirect(to: QualityURL.certification(try access.structure.requireID(), try access.certification.requireID()).path,
                                redirectType: .normal)
        }
    }

    /// A document's bytes, after the policy: this certification's only (else 404).
    static func document(_ req: Request) async throws -> Response {
        let access = try await CertificationAccess.load(req)
        guard let id = req.parameters.get("documentID", as: UUID.self),
              let d = try await CertificationDocument.query(on: req.db).filter(\.$id == id)
                  .filter(\.$certification.$id == access.certification.requireID()).first(),
              let key = FileKey(d.fileKey), let data = try req.services.files.get(key) else { throw Abort(.notFound) }
        return FileDownload.response(data: data, name: d.fileName, contentType: d.contentType)
    }

    // MARK: parts

    static func context(_ req: Request) -> StepContext {
        .init(now: req.services.clock.now, baseURL: req.application.config.baseURL, outbox: req.services.outbox)
    }

    private static func stepAction(_ req: Request) throws -> CertificationAction {
        guard let name = req.parameters.get("step").flatMap(CertificationStepName.init(rawValue:)),
              let action = CertificationAction(step: name) else { throw Abort(.notFound) }
        return action
    }

    private static func renderNew(_ req: Request, _ structure: Structure, form: [String: String], errors: FieldErrors,
                                  status: HTTPStatus) async throws -> Response {
        let sid = try structure.requireID()
        let standards = try await QualityStandard.query(on: req.db).filter(\.$active == true).all()
            .sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let page = CertificationNewPage(
            heading: "Engager une certification", structureName: structure.name,
            backHref: try await req.link(to: QualityURL.structure(sid), on: structure),
            action: try await req.link(to: QualityURL.createCertification(sid), on: structure), form: form, errors: errors,
            standards: standards.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id?.uuidString == form["certification_standard"]) })
        return try await req.renderPage("quality/certification-new", title: "Engager une certification — \(structure.name)", page, status: status)
    }

    private static func renderStep(_ req: Request, _ access: CertificationAccess, _ action: CertificationAction, form: [String: String],
                                   errors: FieldErrors, status: HTTPStatus, notice: String? = nil) async throws -> Response {
        let c = access.certification
        let sid = try access.structure.requireID(), cid = try c.requireID()
        let possible = CertificationWorkflow.actions(from: c.statusValue, by: access.parties).contains(action)
        var why = notice
        if why == nil, !possible {
            why = CertificationWorkflow.table.transition(action).by.isDisjoint(with: access.parties)
                ? "Seuls la délégation régionale et le siège national peuvent faire cette étape."
                : "Cette étape n'est pas possible sur une certification « \(c.statusValue.label.lowercased()) »."
        }
        let fields = CertificationForms.fields(action)
        var shown = form
        if action == .planAudit, c.statusValue == .engaged || c.statusValue == .auditPlanned { shown["certification_audit_kind"] = AuditKind.initial.rawValue }
        let initial = c.statusValue == .engaged || c.statusValue == .auditPlanned
        var page = CertificationStepPage(
            heading: CertificationStepPage.heading(action), structureName: access.structure.name, standardName: access.standard.name,
            status: c.statusValue.label, consequences: CertificationStepPage.consequences(action, standard: access.standard),
            action: possible ? req.link(to: QualityURL.submitCertificationStep(sid, cid, action.stepName!)) : nil,
            button: action.label, fields: fields, form: shown, errors: errors,
            auditKinds: fields.auditKind
                ? AuditKind.allCases.filter { initial ? $0 == .initial : $0 != .initial }
                    .map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == shown["certification_audit_kind"]) }
                : nil,
            expiryHint: fields.expiry
                ? "Laissez vide pour la date de décision plus \(FrenchFormat.plural(access.standard.cycleYears, "an", "ans"))." : nil,
            version: String(c.version), backHref: req.link(to: QualityURL.certification(sid, cid)))
        page.notice = why
        return try await req.renderPage("quality/certification-step", title: page.heading, page, status: status)
    }
}

/// What every certification route needs: the structure (authorized), the certification of that
/// structure, its standard, the person and what they are to the structure.
struct CertificationAccess: Sendable {
    let structure: Structure
    var certification: Certification
    let standard: QualityStandard
    let user: CurrentUser
    let parties: Set<Party>

    static func load(_ req: Request) async throws -> CertificationAccess {
        let structure = try await req.structureParameter()
        let user = try await req.authorize(structure)
        guard let id = req.parameters.get("certificationID", as: UUID.self),
              let c = try await Certification.query(on: req.db).filter(\.$id == id).filter(\.$structure.$id == structure.requireID()).first(),
              let standard = try await QualityStandard.find(c.$standard.id, on: req.db) else { throw Abort(.notFound) }
        return CertificationAccess(structure: structure, certification: c, standard: standard, user: user,
                                   parties: try await req.parties(to: structure))
    }
}
