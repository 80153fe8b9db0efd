import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The payments pages rendered from page models built by hand: mandates, direct debits,
/// bank statements (upload, preview, applied) and the confirmation of a returned debit.
@Suite("Dues payments page snapshots", .snapshots(record: PageRenderer.record))
struct DuesPaymentPageSnapshotTests {
    typealias D = SnapshotData

    @Test("mandates list: an active and a revoked mandate, IBAN masked")
    func mandates() async throws {
        let state = ListState([:], columns: DuesMandateController.columns, defaultSort: ListSort("structure"))
        let list = ListView(.dues(.mandates), columns: DuesMandateController.columns, state: state, filters: [], total: 2,
                            exportable: true, noun: ("mandat", "mandats"))
        let page = DuesMandatesPage(list: list, rows: [
            .init(structure: "Chantier Nature Vendée", href: DuesURL.mandate(D.uuid(2)).path, reference: "RUM-2025-0002",
                  signedOn: "01/06/2025", iban: "•••• 0189", status: "révoqué", active: false),
            .init(structure: "Relais Emploi Nantes", href: DuesURL.mandate(D.uuid(1)).path, reference: "RUM-2025-0001",
                  signedOn: "15/05/2025", iban: "•••• 3000", status: "actif", active: true),
        ])
        let html = try await PageRenderer.render("dues/mandates", title: "Mandats SEPA", page, user: D.admin, path: SiteURL.dues(.mandates).path)
        assertSnapshot(of: html, as: .lines)
    }

    @Test("mandate: the admin's form refused (IBAN key), and the member's read-only view")
    func mandate() async throws {
        let shown = DuesMandatePage.Shown(reference: "RUM-2025-0001", signedOn: "15/05/2025", debtorName: "Relais Emploi Nantes",
                                          iban: "•••• 0189", bic: "AGRIFRPPXXX", status: "actif", active: true,
                                          usage: "jamais utilisé : le prochain prélèvement sera le premier (FRST)")
        var errors = FieldErrors()
        errors.add("iban", "IBAN invalide : la clé de contrôle ne correspond pas.")
        var admin = DuesMandatePage(structure: "Relais Emploi Nantes", structureHref: SiteURL.structure(D.uuid(1)).path,
                                    listHref: SiteURL.dues(.mandates).path, mandate: shown, action: DuesURL.saveMandate(D.uuid(1)).path,
                                    revokeAction: DuesURL.saveMandate(D.uuid(1)).path)
        admin.form = ["reference": "RUM-2025-0001", "signed_on": "15/05/2025", "debtor_name": "Relais Emploi Nantes",
                      "iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "AGRIFRPPXXX"]
        admin.errors = errors
        let member = DuesMandatePage(structure: "Relais Emploi Nantes", structureHref: SiteURL.structure(D.uuid(1)).path, listHref: nil,
                                     mandate: shown, action: nil, revokeAction: nil)
        let none = DuesMandatePage(structure: "Relais Emploi Nantes", structureHref: nil, listHref: nil, mandate: nil, action: nil, revokeAction: nil)
        let path = DuesURL.mandate(D.uuid(1)).path
        let html1 = try await PageRenderer.render("dues/mandate", title: "Mandat SEPA", admin, user: D.admin, path: path)
        assertSnapshot(of: html1, as: .lines, named: "admin-refused")
        let html2 = try await PageRenderer.render("dues/mandate", title: "Mandat SEPA", member, user: D.manager, path: path)
        assertSnapshot(of: html2, as: .lines, named: "member")
        let html3 = try await PageRenderer.render("dues/mandate", title: "Mandat SEPA", none, user: D.manager, path: path)
        assertSnapshot(of: html3, as: .lines, named: "none")
    }

    @Test("direct debits: a close date warned, two calls (FRST, RCUR), one file made")
    func directDebits() async throws {
        let page = DuesDirectDebitsPage(
            dateValue: "03/03/2026", errors: FieldErrors(),
            warning: "Attention : le 03/03/2026 est à moins de 2 jours ouvrés.", previewAction: SiteURL.dues(.directDebits).path,
            submitAction: SiteURL.dues(.submitDirectDebits).path, collectionDay: "03/03/2026", settingsProblem: nil,
            settingsHref: SiteURL.dues(.settings).path, summary: "2 prélèvements pour 6 274,07 €",
            rows: [.init(number: "2026-0001", callHref: DuesURL.call(D.uuid(11)).path, structure: "Relais Emploi Nantes",
                         amount: "4 474,07 €", sequence: "premier (FRST)", mandate: "RUM-2025-0001"),
                   .init(number: "2026-0002", callHref: DuesURL.call(D.uuid(12)).path, structure: "Chantier Nature Vendée",
                         amount: "1 800,00 €", sequence: "récurrent (RCUR)", mandate: "RUM-2025-0002")],
            runs: [.init(id: "MLG-20260305-1A2B3C4D", date: "05/03/2026", count: "2", total: "6 274,07 €",
                         href: DuesURL.debitRunFile(D.uuid(21)).path, justMade: true)])
        var refused = FieldErrors()
        refused.add("collection_date", "Paramètres des cotisations incomplets : renseignez le BIC de la fédération.")
        let empty = DuesDirectDebitsPage(dateValue: "05/03/2026", errors: refused, warning: nil, previewAction: SiteURL.dues(.directDebits).path,
                                         submitAction: nil, collectionDay: "05/03/2026", settingsProblem: "Paramètres des cotisations incomplets : renseignez le BIC de la fédération avant d'émettre un fichier de prélèvements.",
                                         settingsHref: SiteURL.dues(.settings).path, summary: "0 prélèvement pour 0,00 €", rows: [], runs: [])
        let path = SiteURL.dues(.directDebits).path
        let html4 = try await PageRenderer.render("dues/direct-debits", title: "Prélèvements SEPA", page, user: D.admin, path: path)
        assertSnapshot(of: html4, as: .lines, named: "preview")
        let html5 = try await PageRenderer.render("dues/direct-debits", title: "Prélèvements SEPA", empty, user: D.admin, path: path)
        assertSnapshot(of: html5, as: .lines, named: "refused")
    }

    @Test("statements: the upload page with a refused file and two statements sent")
    func statements() async throws {
        var page = DuesStatementsPage(uploadHref: SiteURL.dues(.uploadStatement).path, batches: [
            .init(filename: "releve-mars.xml", sentAt: "01/04/2026 08:00", state: "appliqué le 01/04/2026 08:05", href: DuesURL.statement(D.uuid(31)).path),
            .init(filename: "export.csv", sentAt: "02/04/2026 09:00", state: "non appliqué", href: DuesURL.statement(D.uuid(32)).path),
        ])
        page.uploadError = "Ce fichier XML n'est pas un relevé bancaire camt.053."
        let html = try await PageRenderer.render("dues/statements", title: "Relevés bancaires", page, user: D.admin, path: SiteURL.dues(.statements).path)
        assertSnapshot(of: html, as: .lines)
    }

    @Test("statement preview: by number, to confirm, unknown, ignored; and once applied")
    func statementPreview() async throws {
        let rows: [DuesStatementPreviewPage.Row] = [
            .init(line: 1, bookedOn: "02/03/2026", amount: "4 474,07 €", payer: "AI TREMPLIN CAEN", remittance: "COTISATION 2026-0001 MERCI",
                  effect: "paiement de 4 474,07 € sur l'appel 2026-0001", kind: "pay", callHref: DuesURL.call(D.uuid(11)).path, confirm: false),
            .init(line: 2, bookedOn: "12/03/2026", amount: "450,00 €", payer: "ASSOC. LE RELAIS", remittance: "COTISATION ANNUELLE",
                  effect: "à confirmer : paiement de 450,00 € sur l'appel 2026-0004 (même montant et même nom)", kind: "propose",
                  callHref: DuesURL.call(D.uuid(14)).path, confirm: true),
            .init(line: 3, bookedOn: "16/03/2026", amount: "120,00 €", payer: "—", remittance: "VIR SEPA M DUPONT JEAN DON",
                  effect: "aucun appel ne correspond", kind: "unknown", callHref: nil, confirm: false),
            .init(line: 4, bookedOn: "31/03/2026", amount: "-35,50 €", payer: "—", remittance: "FRAIS TENUE DE COMPTE",
                  effect: "ignoré : Opération au débit", kind: "ignored", callHref: nil, confirm: false),
        ]
        let page = DuesStatementPreviewPage(filename: "releve-mars.xml", format: "camt.053", linesRead: "4 opérations lues",
                                            summary: "1 paiement reconnu par le numéro d'appel, 1 à confirmer, 1 sans appel correspondant, 1 ignorée",
                                            rows: rows, fileErrors: [], errors: [], hasProposals: true,
                                            applyHref: DuesURL.applyStatement(D.uuid(31)).path, notice: nil, uploadHref: SiteURL.dues(.statements).path)
        let applied = DuesStatementPreviewPage(filename: "releve-mars.xml", format: "camt.053", linesRead: "4 opérations lues",
                                               summary: "0 paiement reconnu par le numéro d'appel, 0 à confirmer, 1 sans appel correspondant, 1 ignorée",
                                               rows: [], fileErrors: [], errors: [], hasProposals: false, applyHref: nil,
                                               notice: "Ce relevé a déjà été appliqué le 01/04/2026 08:05.", uploadHref: SiteURL.dues(.statements).path)
        let path = DuesURL.statement(D.uuid(31)).path
        let html6 = try await PageRenderer.render("dues/statement-preview", title: "Aperçu du relevé", page, user: D.admin, path: path)
        assertSnapshot(of: html6, as: .lines, named: "preview")
        let html7 = try await PageRenderer.render("dues/statement-preview", title: "Aperçu du relevé", applied, user: D.admin, path: path)
        assertSnapshot(of: html7, as: .lines, named: "applied")
    }

    @Test("statement applied: four payments recorded, one operation without a call")
    func statementApplied() async throws {
        let page = DuesStatementAppliedPage(
            message: "Relevé importé : 1 paiement enregistré.",
            recorded: [.init(line: 1, bookedOn: "02/03/2026", amount: "4 474,07 €", payer: "AI TREMPLIN CAEN",
                             effect: "paiement de 4 474,07 € sur l'appel 2026-0001", callHref: DuesURL.call(D.uuid(11)).path)],
            notRecorded: [.init(line: 3, bookedOn: "16/03/2026", amount: "120,00 €", payer: "—", effect: "aucun appel ne correspond", callHref: nil)],
            hasNotRecorded: true, uploadHref: SiteURL.dues(.statements).path)
        let html = try await PageRenderer.render("dues/statement-applied", title: "Relevé importé", page, user: D.admin,
                                                 path: DuesURL.applyStatement(D.uuid(31)).path)
        assertSnapshot(of: html, as: .lines)
    }

    @Test("returned debit: the confirmation page")
    func returnConfirm() async throws {
        let page = DuesPaymentController.ReturnConfirmPage(
            heading: "Enregistrer le rejet du prélèvement ?",
            lines: ["Appel 2026-0001 — Relais Emploi Nantes", "Prélèvement du 05/03/2026 : 4 474,07 €"],
            action: DuesURL.returnDebit(D.uuid(11), D.uuid(41)).path, hidden: [.init(name: "confirm", value: "1")],
            confirmLabel: "Enregistrer le rejet", cancel: DuesURL.call(D.uuid(11)).path, breadcrumb: "Appel 2026-0001")
        let html = try await PageRenderer.render("dues/return-confirm", title: "Rejet de prélèvement", page, user: D.admin,
                                                 path: DuesURL.call(D.uuid(11)).path)
        assertSnapshot(of: html, as: .lines)
    }
}
