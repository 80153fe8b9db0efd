import Foundation
import Leaf
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
@testable import Maillage

/// The calls pages rendered from page models built by hand (no database): the list, a call (as a
/// member, and as an admin with a refused payment form), the A4 print page, the generation
/// preview (and without a grid) and the credit-note form and confirmation.
@Suite("Dues call page snapshots", .snapshots(record: PageRenderer.record))
struct DuesCallPageSnapshotTests {
    typealias D = SnapshotData
    static let t = FrenchFormat.thinSpace
    static let explanation = ["Part fixe 800,00\(t)€", "Part variable AI 0,6\(t)% × 612\(t)345,00\(t)€ = 3\(t)674,07\(t)€",
                              "Plafond 400\(t)h × 11,88\(t)€ = 4\(t)752,00\(t)€", "Total 4\(t)474,07\(t)€"]
    static let howToPay = DuesCallPage.HowToPay(beneficiary: "Fédération d'essai", iban: "FR76 3000 6000 0112 3456 7890 189",
                                                bic: "AGRIFRPPXXX", reference: "2026-0001",
                                                directDebit: "Prélèvement SEPA le 14/02/2026 (mandat RUM-0001)")

    static func list() -> ListView {
        ListView(DuesURL.calls(2026), columns: DuesCallController.columns,
                 state: ListState([:], columns: DuesCallController.columns, defaultSort: ListSort("number")),
                 filters: [], total: 2, exportable: true, noun: ("appel", "appels"))
    }

    static func callPage(admin: Bool, payment: PaymentFormState? = nil) -> DuesCallPage {
        let id = D.uuid(501)
        return DuesCallPage(
            heading: "Appel de cotisation 2026-0001", number: "2026-0001", year: 2026, status: "Partiellement payé",
            statusKey: "partly_paid", structureName: "Relais Emploi Nantes", structureHref: SiteURL.structure(D.uuid(1)).path,
            siret: "10000000100011", types: "AI", delegation: "Pays de la Loire", gridVersion: "Barème 2026, version 1",
            issuedOn: "15/01/2026", dueOn: "14/02/2026", explanation: explanation, total: "4\(t)474,07\(t)€",
            credited: "0,00\(t)€", paid: "1\(t)000,00\(t)€", outstanding: "Reste dû : 3\(t)474,07\(t)€", overpaid: false,
            creditNotes: [], payments: [
                .init(paidOn: "01/02/2026", method: "Prélèvement", reference: "PRLV 2026-0001", amount: "1\(t)000,00\(t)€",
                      split: DuesCallController.splitText(DuesSplitRule.standard.split(Money(cents: 100_000))),
                      returnAction: admin ? DuesURL.returnDebit(id, D.uuid(601)).path : nil,
                      returnLabel: "Rejet du prélèvement du 01/02/2026…"),
            ],
            hasCreditNotes: false, hasPayments: true, howToPay: howToPay,
            printHref: DuesURL.printCall(id).path, pdfHref: nil, pdfUnavailable: "PDF indisponible : utilisez la page d'impression.",
            creditNoteHref: admin ? DuesURL.creditNote(id).path : nil, callsHref: DuesURL.calls(2026).path,
            paymentForm: admin ? DuesCallPage.PaymentForm(
                action: DuesURL.recordPayment(id).path,
                values: payment?.values ?? ["paid_on": "01/03/2026", "amount": "", "method": "transfer", "reference": ""],
                errors: payment?.errors ?? FieldErrors(), methods: DuesCallPage.methodOptions(selected: payment?.values["method"] ?? "transfer"))
                : nil)
    }

    /// A standalone template (no layout), rendered with a bare Leaf.
    static func renderStandalone<T: Encodable & Sendable>(_ template: String, _ context: T) async throws -> String {
        let app = try await Application.make(.testing)
        do {
            app.views.use(.leaf)
            app.leaf.configuration.rootDirectory = TestPaths.root + "Resources/Views/"
            app.leaf.cache.isEnabled = false
            let view = try await app.view.render(template, context)
            try await app.asyncShutdown()
            return String(buffer: view.data)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    @Test("calls list: a late call, a paid one without base, filters and exports")
    func calls() async throws {
        // setup
        let page = DuesCallsPage(
            year: 2026, heading: "Appels de cotisation 2026", summary: "2 appels · appelé 5\(Self.t)274,07\(Self.t)€ · reste dû 4\(Self.t)474,07\(Self.t)€",
            list: Self.list(),
            rows: [
                .init(number: "2026-0001", href: DuesURL.call(D.uuid(501)).path, structure: "Relais Emploi Nantes", delegation: "Pays de la Loire",
                      total: "4\(Self.t)474,07\(Self.t)€", outstanding: "Reste dû : 4\(Self.t)474,07\(Self.t)€", status: "En retard", statusKey: "overdue", noBase: false),
                .init(number: "2026-0002", href: DuesURL.call(D.uuid(502)).path, structure: "Chantier Nature Vendée", delegation: "Pays de la Loire",
                      total: "800,00\(Self.t)€", outstanding: "Soldé", status: "Payé", statusKey: "paid", noBase: true),
            ],
            action: DuesURL.calls(2026).path, q: "", statuses: DuesCallPage.statusOptions(selected: nil),
            delegations: [.init(value: D.pdl.delegationID.uuidString, label: D.pdl.name, selected: false),
                          .init(value: D.nor.delegationID.uuidString, label: D.nor.name, selected: false)],
            delegationFilter: true, noBase: false, generateHref: DuesURL.generate(2026).path, homeHref: DuesURL.start.path)
        // MUT
        let html = try await PageRenderer.render("dues/calls", title: page.heading, page, user: D.admin, path: DuesURL.calls(2026).path)
        // validate
        assertSnapshot(of: html, as: .lines, named: "admin")
    }

    @Test("call page: as its member, and as an admin with a refused payment form")
    func call() async throws {
        // setup
        var errors = FieldErrors()
        errors.add("amount", "Saisissez un montant supérieur à 0.")
        let refused = PaymentFormState(values: ["paid_on": "01/03/2026", "amount": "0", "method": "cheque", "reference": ""], errors: errors)
        // MUT
        let member = try await PageRenderer.render("dues/call", title: "Appel de cotisation 2026-0001", Self.callPage(admin: false),
                                                   user: D.manager, path: DuesURL.call(D.uuid(501)).path)
        let admin = try await PageRenderer.render("dues/call", title: "Appel de cotisation 2026-0001", Self.callPage(admin: true, payment: refused),
                                                  user: D.admin, path: DuesURL.call(D.uuid(501)).path)
        // validate
        assertSnapshot(of: member, as: .lines, named: "member")
        assertSnapshot(of: admin, as: .lines, named: "admin-refused-payment")
    }

    @Test("print page: standalone A4 with the federation, the member, the lines and how to pay")
    func printPage() async throws {
        // setup
        let doc = DuesCallPrintDocument(
            title: "Appel de cotisation 2026-0001", stylesheets: ["/theme.css", "/css/dues-print.css"],
            federation: .init(name: "Fédération d'essai", address: "1 rue de l'Essai, 75011 Paris", siret: "11111111100018",
                              iban: Self.howToPay.iban, bic: "AGRIFRPPXXX", creditorID: "FR72ZZZ123456"),
            member: .init(name: "Relais Emploi Nantes", siret: "10000000100011", address: ["2 rue du Port", "44000 Nantes"], types: "AI"),
            number: "2026-0001", year: 2026, issuedOn: "15/01/2026", dueOn: "14/02/2026", explanation: Self.explanation,
            total: "4\(Self.t)474,07\(Self.t)€", credited: nil, outstanding: "Reste dû : 4\(Self.t)474,07\(Self.t)€",
            howToPay: Self.howToPay, backHref: DuesURL.call(D.uuid(501)).path)
        // MUT
        let html = try await Self.renderStandalone("dues/call-print", doc)
        // validate
        assertSnapshot(of: html, as: .lines, named: "print")
    }

    @Test("generation: the preview with a member without base, and a year without grid")
    func generate() async throws {
        // setup
        let line = DuesGeneratePage.Line(structure: "Relais Emploi Nantes", types: "AI", delegation: "Pays de la Loire",
                                         total: "4\(Self.t)474,07\(Self.t)€", explanation: Self.explanation.joined(separator: " · "), noBase: false)
        let flagged = DuesGeneratePage.Line(structure: "Chantier Nature Vendée", types: "ACI", delegation: "Pays de la Loire",
                                            total: "800,00\(Self.t)€", explanation: "Part fixe 800,00\(Self.t)€ · Sans assiette : ACI (part fixe seule pour ce type) · Total 800,00\(Self.t)€", noBase: true)
        let preview = DuesGeneratePage(
            year: 2026, heading: "Émettre les appels de cotisation 2026", date: "15/01/2026", errors: FieldErrors(),
            previewAction: DuesURL.generate(2026).path, submitAction: DuesURL.submitGenerate(2026).path, noGrid: nil, newGridHref: nil,
            gridVersion: "Barème 2026, version 1", count: 2,
            summary: "2 appels seront émis le 15/01/2026, pour un total de 5\(Self.t)274,07\(Self.t)€.",
            alreadyCalled: "1 adhérent a déjà un appel de 2026 : il n'est pas appelé à nouveau.", total: "5\(Self.t)274,07\(Self.t)€",
            dueOn: "14/02/2026", lines: [line, flagged], more: nil, flagged: [flagged], hasFlagged: true,
            flaggedSummary: "1 adhérent sans assiette : la règle du barème pour les membres sans assiette s'applique (part fixe seule).",
            callsHref: DuesURL.calls(2026).path)
        let noGrid = DuesGeneratePage(
            year: 2027, heading: "Émettre les appels de cotisation 2027", date: "15/01/2027", errors: FieldErrors(),
            previewAction: DuesURL.generate(2027).path, submitAction: DuesURL.submitGenerate(2027).path,
            noGrid: DuesCallService.Failure.noGrid(2027).message, newGridHref: SiteURL.dues(.newGrid).path, gridVersion: nil, count: 0,
            summary: "", alreadyCalled: nil, total: "", dueOn: "", lines: [], more: nil, flagged: [], hasFlagged: false,
            flaggedSummary: "", callsHref: DuesURL.calls(2027).path)
        // MUT
        let a = try await PageRenderer.render("dues/generate", title: preview.heading, preview, user: D.admin, path: DuesURL.generate(2026).path)
        let b = try await PageRenderer.render("dues/generate", title: noGrid.heading, noGrid, user: D.admin, path: DuesURL.generate(2027).path)
        // validate
        assertSnapshot(of: a, as: .lines, named: "preview")
        assertSnapshot(of: b, as: .lines, named: "no-grid")
    }

    @Test("credit note: the form with errors, and the confirmation")
    func creditNote() async throws {
        // setup
        var errors = FieldErrors()
        errors.add("reason", "Indiquez le motif de l'avoir.")
        func page(_ errors: FieldErrors, confirm: String?) -> DuesCreditNotePage {
            DuesCreditNotePage(heading: "Émettre un avoir sur l'appel 2026-0001", number: "2026-0001", structureName: "Relais Emploi Nantes",
                               total: "4\(Self.t)474,07\(Self.t)€", credited: "0,00\(Self.t)€", remaining: "4\(Self.t)474,07\(Self.t)€",
                               remainingPlain: "4474,07", action: DuesURL.submitCreditNote(D.uuid(501)).path,
                               cancelHref: DuesURL.call(D.uuid(501)).path, form: ["amount": "100,00", "reason": confirm == nil ? "" : "Erreur d'assiette"],
                               errors: errors, confirm: confirm, closed: nil)
        }
        // MUT
        let form = try await PageRenderer.render("dues/credit-note", title: "Avoir", page(errors, confirm: nil), user: D.admin)
        let confirm = try await PageRenderer.render("dues/credit-note", title: "Avoir",
                                                    page(FieldErrors(), confirm: "Émettre un avoir de 100,00\(Self.t)€ sur l'appel 2026-0001 ?"), user: D.admin)
        // validate
        assertSnapshot(of: form, as: .lines, named: "form-errors")
        assertSnapshot(of: confirm, as: .lines, named: "confirm")
    }
}
