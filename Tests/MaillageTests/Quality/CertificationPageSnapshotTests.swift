import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The certification pages, the structure's quality page and the standards admin, from page
/// models built by hand (no database).
@Suite("Quality certification page snapshots", .snapshots(record: PageRenderer.record))
struct CertificationPageSnapshotTests {
    typealias D = SnapshotData

    static let sid = D.uuid(1), cid = D.uuid(30)
    static var certificationPath: String { "/qualite/structures/\(sid)/certifications/\(cid)" }

    @Test("a certification, for its delegate (steps, upload form with an error) and for its member (read only)")
    func show() async throws {
        var errors = FieldErrors()
        errors.add("document_file", "Le fichier « rapport.exe » n'est pas d'un type accepté.")
        let page = { (delegate: Bool) in
            CertificationPage(
                structureName: "Relais Emploi Nantes", qualityHref: "/qualite/structures/\(Self.sid)", standardName: "CEDRE",
                status: "Certifié", lapsedNotice: nil, warning: delegate ? nil : "Aucun audit n'est programmé avant l'échéance du 02/11/2029 : programmez l'audit de renouvellement.",
                facts: [.init(label: "Engagement", value: "01/09/2026"), .init(label: "Première certification", value: "02/11/2026"),
                        .init(label: "Échéance", value: "02/11/2029"), .init(label: "Prochain audit", value: "02/11/2027 (audit de surveillance)"),
                        .init(label: "Organisme certificateur", value: "AFNOR Certification"), .init(label: "Auditeur ou auditrice", value: "—")],
                steps: delegate ? [.init(href: "\(Self.certificationPath)/etapes/surveillance", label: "Audit de surveillance"),
                                   .init(href: "\(Self.certificationPath)/etapes/suspendre", label: "Suspendre")] : nil,
                events: [.init(day: "02/11/2026", label: "Certification", status: "Certifié, échéance le 02/11/2029", note: nil, by: "Dominique Leroy"),
                         .init(day: "01/09/2026", label: "Engagement dans la démarche", status: "Engagé dans la démarche", note: "Démarche lancée en CA.", by: "Maillage")],
                documents: [.init(title: "Certificat CEDRE 2026", kind: "Certificat", fileName: "certificat.pdf", size: "182,4 Ko",
                                  date: "03/11/2026", href: "\(Self.certificationPath)/documents/\(D.uuid(40))")],
                upload: delegate ? .init(action: "\(Self.certificationPath)/documents",
                                         kinds: CertificationDocumentKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .auditReport) },
                                         form: ["document_kind": "audit_report", "document_title": "Rapport d'audit"], errors: errors, maxSize: "12 Mo") : nil)
        }
        let html = try await PageRenderer.render("quality/certification", title: "Certification CEDRE", page(true), user: D.delegate)
        assertSnapshot(of: html, as: .lines, named: "delegate")
        let html2 = try await PageRenderer.render("quality/certification", title: "Certification CEDRE", page(false), user: D.manager)
        assertSnapshot(of: html2, as: .lines, named: "member")
    }

    @Test("a lapsed certification is flagged")
    func lapsed() async throws {
        let page = CertificationPage(
            structureName: "Relais Emploi Nantes", qualityHref: nil, standardName: "CEDRE", status: "Échu",
            lapsedNotice: "Certification CEDRE échue depuis le 12/03/2026", warning: nil,
            facts: [.init(label: "Engagement", value: "01/09/2022"), .init(label: "Échéance", value: "11/03/2026")], steps: nil,
            events: [.init(day: "12/03/2026", label: "Échéance constatée", status: "Échu", note: nil, by: "Maillage")], documents: nil, upload: nil)
        let html = try await PageRenderer.render("quality/certification", title: "Certification CEDRE", page, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "lapsed")
    }

    @Test("engaging a certification, with errors")
    func new() async throws {
        var errors = FieldErrors()
        errors.add("certification_standard", "Relais Emploi Nantes a déjà une certification CEDRE en cours (« certifié ») : poursuivez-la plutôt que d'en engager une autre.")
        let page = CertificationNewPage(
            heading: "Engager une certification", structureName: "Relais Emploi Nantes", backHref: "/qualite/structures/\(Self.sid)",
            action: "/qualite/structures/\(Self.sid)/certifications/nouvelle",
            form: ["certification_engaged_on": "06/12/2026", "certification_standard": D.uuid(50).uuidString], errors: errors,
            standards: [.init(value: D.uuid(50).uuidString, label: "CEDRE", selected: true), .init(value: D.uuid(51).uuidString, label: "Qualiopi", selected: false)])
        let html = try await PageRenderer.render("quality/certification-new", title: page.heading, page, user: D.delegate)
        assertSnapshot(of: html, as: .lines, named: "errors")
    }

    @Test("step forms: certify with its expiry, withdraw with its confirmation and errors, a step not possible")
    func steps() async throws {
        let standard = QualityStandard(code: "CEDRE", name: "CEDRE", description: "", cycleYears: 3, surveillanceMonths: 12, position: 1)
        let certify = CertificationStepPage(
            heading: CertificationStepPage.heading(.certify), structureName: "Relais Emploi Nantes", standardName: "CEDRE", status: "Audit programmé",
            consequences: CertificationStepPage.consequences(.certify, standard: standard), action: "\(Self.certificationPath)/etapes/certifier",
            button: CertificationAction.certify.label, fields: CertificationForms.fields(.certify),
            form: ["certification_day": "06/12/2026", "certification_body": "AFNOR Certification"], errors: FieldErrors(), auditKinds: nil,
            expiryHint: "Laissez vide pour la date de décision plus 3 ans.", version: "2", backHref: Self.certificationPath)
        let rendered1 = try await PageRenderer.render("quality/certification-step", title: certify.heading, certify, user: D.delegate)
        assertSnapshot(of: rendered1, as: .lines, named: "certify")
        var errors = FieldErrors()
        errors.add("certification_note", "Indiquez le motif du retrait.")
        errors.add("certification_confirm", "Cochez « Je confirme le retrait » : le retrait est définitif.")
        let withdraw = CertificationStepPage(
            heading: CertificationStepPage.heading(.withdraw), structureName: "Relais Emploi Nantes", standardName: "CEDRE", status: "Certifié",
            consequences: CertificationStepPage.consequences(.withdraw, standard: standard), action: "\(Self.certificationPath)/etapes/retirer",
            button: CertificationAction.withdraw.label, fields: CertificationForms.fields(.withdraw), form: [:], errors: errors, auditKinds: nil,
            expiryHint: nil, version: "5", backHref: Self.certificationPath)
        let rendered2 = try await PageRenderer.render("quality/certification-step", title: withdraw.heading, withdraw, user: D.delegate)
        assertSnapshot(of: rendered2, as: .lines, named: "withdraw-errors")
        var plan = CertificationStepPage(
            heading: CertificationStepPage.heading(.planAudit), structureName: "Relais Emploi Nantes", standardName: "CEDRE", status: "Retiré",
            consequences: CertificationStepPage.consequences(.planAudit, standard: standard), action: nil,
            button: CertificationAction.planAudit.label, fields: CertificationForms.fields(.planAudit), form: [:], errors: FieldErrors(),
            auditKinds: [.init(value: "surveillance", label: "Audit de surveillance", selected: true)], expiryHint: nil, version: "6",
            backHref: Self.certificationPath)
        plan.notice = "Cette certification est maintenant « retiré » : cette étape n'est plus possible. Rechargez la page."
        let rendered3 = try await PageRenderer.render("quality/certification-step", title: plan.heading, plan, user: D.delegate)
        assertSnapshot(of: rendered3, as: .lines, named: "conflict")
    }

    @Test("the structure's quality page, for its delegate")
    func structure() async throws {
        let page = QualityStructurePage(
            name: "Relais Emploi Nantes", registerHref: "/adherents/\(Self.sid)", homeHref: "/qualite",
            certifications: [.init(standard: "CEDRE", status: "Certifié", engaged: "01/09/2026", nextAudit: "02/11/2027 (audit de surveillance)",
                                   expiry: "02/11/2029", lapsed: nil, href: Self.certificationPath),
                             .init(standard: "Qualiopi", status: "Échu", engaged: "05/01/2020", nextAudit: "—", expiry: "04/01/2026",
                                   lapsed: "Échue depuis le 05/01/2026", href: "/qualite/structures/\(Self.sid)/certifications/\(D.uuid(31))")],
            newCertificationHref: "/qualite/structures/\(Self.sid)/certifications/nouvelle",
            mockAudits: [.init(day: "02/12/2026", standard: "CEDRE", readiness: "Quelques écarts à lever", auditor: "Dominique Leroy",
                               href: "/qualite/structures/\(Self.sid)/audits-blancs/\(D.uuid(60))")],
            newMockAuditHref: "/qualite/structures/\(Self.sid)/audits-blancs/nouveau",
            capYears: [.init(year: "2025", status: "Transmis", assessmentHref: "/qualite/structures/\(Self.sid)/cap/2025",
                             resultsHref: "/qualite/structures/\(Self.sid)/cap/2025/resultats")],
            capStart: .init(href: "/qualite/structures/\(Self.sid)/cap/2026", label: "Remplir l'auto-diagnostic CAP 2026"),
            actionPlanHref: "/qualite/structures/\(Self.sid)/plan-actions", supportsHref: "/accompagnement/structures/\(Self.sid)")
        let html = try await PageRenderer.render("quality/structure", title: "Qualité — Relais Emploi Nantes", page, user: D.delegate)
        assertSnapshot(of: html, as: .lines, named: "delegate")
        let empty = QualityStructurePage(name: "Chantier Nature Vendée", registerHref: nil, homeHref: "/qualite", certifications: nil,
                                         newCertificationHref: nil, mockAudits: nil, newMockAuditHref: nil, capYears: nil, capStart: nil,
                                         actionPlanHref: nil, supportsHref: nil)
        let html2 = try await PageRenderer.render("quality/structure", title: "Qualité — Chantier Nature Vendée", empty, user: D.manager)
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }

    @Test("the standards list and the standard form with errors")
    func standards() async throws {
        let list = StandardsPage(homeHref: "/qualite", newHref: "/qualite/referentiels/nouveau", rows: [
            .init(code: "CEDRE", name: "CEDRE", cycle: "3 ans", surveillance: "tous les 12 mois", reminders: "J−90, J−30",
                  flags: ["Label dans l'annuaire public"], active: true, editHref: "/qualite/referentiels/\(D.uuid(50))/modifier"),
            .init(code: "CEDRE-ISO", name: "CEDRE ISO 9001", cycle: "3 ans", surveillance: "tous les 12 mois", reminders: "J−90, J−30",
                  flags: ["Certification de groupe", "Label dans l'annuaire public"], active: false, editHref: "/qualite/referentiels/\(D.uuid(51))/modifier"),
        ])
        let rendered4 = try await PageRenderer.render("quality/standards", title: "Référentiels qualité", list, user: D.admin)
        assertSnapshot(of: rendered4, as: .lines, named: "list")
        var errors = FieldErrors()
        errors.add("standard_cycle_years", "Indiquez la durée du cycle en années, de 1 à 10.")
        errors.add("standard_reminder_days", "Quatre rappels au plus.")
        let form = ["standard_code": "LABEL", "standard_name": "Label", "standard_cycle_years": "11", "standard_surveillance_months": "12",
                    "standard_reminder_days": "90,60,30,15,7", "standard_position": "5", "standard_public": "1"]
        let page = StandardFormPage(heading: "Nouveau référentiel", listHref: "/qualite/referentiels", action: "/qualite/referentiels/nouveau",
                                    form: form, errors: errors, checks: StandardController.checks(form), submitLabel: "Ajouter le référentiel")
        let rendered5 = try await PageRenderer.render("quality/standard-form", title: page.heading, page, user: D.admin)
        assertSnapshot(of: rendered5, as: .lines, named: "form-errors")
    }
}
