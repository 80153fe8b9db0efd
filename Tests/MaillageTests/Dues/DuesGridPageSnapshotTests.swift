import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The settings, grids and bases pages rendered from page models built by hand (no database).
@Suite("Dues grids, settings and bases page snapshots", .snapshots(record: PageRenderer.record))
struct DuesGridPageSnapshotTests {
    typealias D = SnapshotData

    /// The 2026 grid of SPEC §3 (800 €, SMIC 11,88 €, 400 h), in memory only.
    static func grid(locked: Bool) -> (DuesGrid, [DuesGridRate]) {
        let g = DuesGrid()
        g.id = D.uuid(601)
        g.year = 2026; g.version = 1; g.fixedCents = 80_000; g.baseKind = "turnover"; g.referenceYear = 2025
        g.smicCents = 1_188; g.floorCents = nil
        g.splitDelegationBP = 4000; g.splitNationalBP = 5000; g.splitFundBP = 1000; g.roundingParty = "national"
        g.noBaseRule = "last_year"; g.declarationDeadline = "2026-03-31"; g.reminderDays = "15,45"; g.paymentDays = 30
        g.lockedAt = locked ? Date(timeIntervalSince1970: 1_767_000_000) : nil
        let rates = DuesFactory.rates2026.sorted { $0.key < $1.key }.map {
            DuesGridRate(gridID: g.id!, type: $0.key, rate: DuesRate(milliPercent: $0.value)!, capHours: 400)
        }
        return (g, rates)
    }

    @Test("settings: filled, and refused with IBAN and SIRET errors")
    func settings() async throws {
        var form = DuesSettingsForm(DuesSettingsRecord())
        form.federation_name = "Fédération d'essai"; form.address = "1 rue de l'Essai, 75011 Paris"; form.siret = "11111111100006"
        form.iban = "FR76 3000 6000 0112 3456 7890 189"; form.bic = "AGRIFRPPXXX"; form.creditor_id = "FR72ZZZ123456"
        let ok = DuesSettingsPage(form: form, errors: FieldErrors(), action: "/cotisations/parametres", gridsHref: "/cotisations/baremes", updatedAt: nil)
        var errors = FieldErrors()
        errors.add("siret", "Le SIRET n'est pas valide (clé de contrôle incorrecte).")
        errors.add("iban", "IBAN invalide : vérifiez le pays, la longueur et la clé (par exemple FR76 3000 6000 0112 3456 7890 189).")
        let refused = DuesSettingsPage(form: form, errors: errors, action: "/cotisations/parametres", gridsHref: "/cotisations/baremes", updatedAt: nil)
        let html1 = try await PageRenderer.render("dues/settings", title: "Paramètres des cotisations", ok, user: D.admin)
        assertSnapshot(of: html1, as: .lines, named: "filled")
        let html2 = try await PageRenderer.render("dues/settings", title: "Paramètres des cotisations", refused, user: D.admin)
        assertSnapshot(of: html2, as: .lines, named: "refused")
    }

    @Test("grids list: two years, a locked version used by calls")
    func grids() async throws {
        let v = { (n: Int, locked: Bool, used: Int) in
            DuesGridsPage.Version(label: "Version \(n)", state: locked ? "Verrouillé le 15/01/2026 à 10:00" : "Modifiable", locked: locked,
                                  used: DuesGridPage.usedLabel(used), href: "/cotisations/baremes/\(D.uuid(600 + n))",
                                  editHref: "/cotisations/baremes/\(D.uuid(600 + n))/modifier",
                                  copyHref: "/cotisations/baremes/nouveau?depuis=\(D.uuid(600 + n))")
        }
        let page = DuesGridsPage(newHref: "/cotisations/baremes/nouveau", settingsHref: "/cotisations/parametres",
                                 years: [.init(year: 2026, versions: [v(2, false, 0), v(1, true, 42)]), .init(year: 2025, versions: [v(3, true, 1)])])
        let empty = DuesGridsPage(newHref: "/cotisations/baremes/nouveau", settingsHref: nil, years: nil)
        let html3 = try await PageRenderer.render("dues/grids", title: "Barèmes des cotisations", page, user: D.admin)
        assertSnapshot(of: html3, as: .lines, named: "years")
        let html4 = try await PageRenderer.render("dues/grids", title: "Barèmes des cotisations", empty, user: D.admin)
        assertSnapshot(of: html4, as: .lines, named: "empty")
    }

    @Test("grid page: terms, rates and the worked example of an AI with 612 345,00 €")
    func grid() async throws {
        let (g, rates) = Self.grid(locked: true)
        let page = DuesGridPage.make(g, rates: rates, calls: 42, others: [], editHref: "/cotisations/baremes/x/modifier",
                                     copyHref: "/cotisations/baremes/nouveau?depuis=x", gridsHref: "/cotisations/baremes",
                                     basesHref: "/cotisations/2026/assiettes")
        #expect(page.example.last == "Total 4\u{202F}474,07\u{202F}€")
        let html5 = try await PageRenderer.render("dues/grid", title: page.heading, page, user: D.admin)
        assertSnapshot(of: html5, as: .lines)
    }

    @Test("grid form: new with errors, and the edit of a locked version")
    func gridForm() async throws {
        var errors = FieldErrors()
        errors.add("rate-AI", "Taux AI : un pourcentage de 0 à 10, au plus 3 décimales (par exemple 0,6).")
        errors.add("split_fund", "Les trois parts doivent faire 100 % ensemble (elles font 110 %).")
        var form = DuesGridForm.defaults(year: 2026)
        form.rates = ["AI": "0,6001"]
        form.split_fund = "20"
        let new = DuesGridFormPage(heading: "Nouveau barème", lead: nil, notice: nil, isNew: true, form: form, errors: errors,
                                   action: "/cotisations/baremes", cancelHref: "/cotisations/baremes", submitLabel: "Créer le barème")
        let (g, rates) = Self.grid(locked: true)
        let edit = DuesGridFormPage(heading: "Barème 2026 — version 1", lead: nil,
                                    notice: "Ce barème a servi à des appels : vos modifications créeront la version 2, la version 1 reste inchangée.",
                                    isNew: false, form: DuesGridForm(g, rates: rates), errors: FieldErrors(),
                                    action: "/cotisations/baremes/x/modifier", cancelHref: "/cotisations/baremes/x", submitLabel: "Créer la version 2")
        let html6 = try await PageRenderer.render("dues/grid-form", title: "Nouveau barème", new, user: D.admin)
        assertSnapshot(of: html6, as: .lines, named: "new-refused")
        let html7 = try await PageRenderer.render("dues/grid-form", title: edit.heading, edit, user: D.admin)
        assertSnapshot(of: html7, as: .lines, named: "edit-locked")
    }

    @Test("bases list: a delegate's delegation, one member flagged")
    func bases() async throws {
        let state = ListState([:], columns: DuesBaseController.columns, defaultSort: ListSort("structure"))
        let list = ListView(DuesURL.bases(2026), columns: DuesBaseController.columns, state: state, filters: [], total: 2,
                            exportable: true, noun: ("adhérent", "adhérents"))
        let page = DuesBasesPage(
            heading: "Assiettes 2026", gridLabel: "Barème 2026, version 1 : chiffre d'affaires 2025 ; sans assiette : part fixe seule",
            hasGrid: true, action: "/cotisations/2026/assiettes",
            delegations: [.init(value: "PDL", label: "Pays de la Loire", selected: false)],
            sources: BaseSource.filterLabels.map { .init(value: $0.key, label: $0.label, selected: false) }, flaggedOnly: false, list: list,
            lines: [
                .init(structure: "Chantier Nature Vendée", href: "/cotisations/2026/assiettes/\(D.uuid(2))", types: "ACI", bases: "ACI —",
                      source: "Aucune assiette : part fixe seule", flagged: true),
                .init(structure: "Relais Emploi Nantes", href: "/cotisations/2026/assiettes/\(D.uuid(1))", types: "AI",
                      bases: "AI 612\u{202F}345,00\u{A0}€", source: "Observatoire 2025, réponse validée", flagged: false),
            ])
        let html8 = try await PageRenderer.render("dues/bases", title: page.heading, page, user: D.delegate)
        assertSnapshot(of: html8, as: .lines)
    }

    @Test("base page: a manager before the deadline, and after the call is issued")
    func base() async throws {
        let row = DuesBasePage.Row(type: "AI", label: "AI — Association intermédiaire", amount: "612\u{202F}345,00\u{A0}€",
                                   source: "Observatoire 2025, réponse validée", flagged: false, value: "612345,00", error: nil)
        let open = DuesBasePage(heading: "Assiettes 2026 — Relais Emploi Nantes", structureName: "Relais Emploi Nantes",
                                gridLabel: "Chiffre d'affaires 2025 (barème 2026, version 1)",
                                deadline: "À déclarer ou confirmer au plus tard le 31/03/2026.", readOnlyNotice: nil, problem: nil,
                                rows: [row], canDeclare: true, canCorrect: false, action: "/cotisations/2026/assiettes/x", reason: "",
                                errors: FieldErrors(), listHref: nil, callsHref: "/cotisations/2026/appels")
        let issued = DuesBasePage(heading: open.heading, structureName: open.structureName, gridLabel: open.gridLabel, deadline: open.deadline,
                                  readOnlyNotice: "L'appel 2026-0012 est émis : sa base ne change plus ; un avoir corrige un montant.",
                                  problem: nil, rows: [row], canDeclare: false, canCorrect: false, action: nil, reason: "",
                                  errors: FieldErrors(), listHref: nil, callsHref: nil)
        let html9 = try await PageRenderer.render("dues/base", title: open.heading, open, user: D.manager)
        assertSnapshot(of: html9, as: .lines, named: "open")
        let html10 = try await PageRenderer.render("dues/base", title: issued.heading, issued, user: D.manager)
        assertSnapshot(of: html10, as: .lines, named: "issued")
    }
}
