import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// Every support page rendered from hand-built page models (no database).
@Suite("Support page snapshots", .snapshots(record: PageRenderer.record))
struct SupportPageSnapshotTests {
    typealias D = SnapshotData

    static func id(_ n: Int) -> String { D.uuid(n).uuidString }

    static let dayLines = [
        DayLine(date: "04/03/2026", delegation: "Pays de la Loire", kind: "Accompagnement individuel", amount: "1,5\u{202F}j",
                structure: "Relais Emploi Nantes", programme: "COODIAG", note: "Point d'étape du plan de consolidation"),
        DayLine(date: "12/02/2026", delegation: "Pays de la Loire", kind: "Formation", amount: "1\u{202F}j", structure: "—", programme: "—", note: "—"),
    ]

    @Test("the supports followed, national")
    func home() async throws {
        let columns = SupportController.columns
        let state = ListState([:], columns: columns, defaultSort: ListSort("started", descending: true))
        let list = ListView(.support(.home), columns: columns, state: state, filters: [], total: 2, exportable: true, noun: ("suivi", "suivis"))
        let page = SupportsPage(
            heading: "Accompagnement des adhérents", scopeNote: nil, action: "/accompagnement",
            lines: [
                .init(structure: "Relais Emploi Nantes", structureHref: "/accompagnement/structures/\(Self.id(1))", programme: "COODIAG",
                      delegation: "Pays de la Loire", delegate: "Dominique Leroy", started: "15/01/2026", ended: "—", status: "En cours",
                      days: "2,5\u{202F}j", href: "/accompagnement/structures/\(Self.id(1))/suivis/\(Self.id(11))"),
                .init(structure: "Groupe Solidaire Caen", structureHref: "/accompagnement/structures/\(Self.id(3))", programme: "POEC",
                      delegation: "Normandie", delegate: "Claude Petit", started: "15/01/2025", ended: "15/12/2025", status: "Terminé",
                      days: "0\u{202F}j", href: "/accompagnement/structures/\(Self.id(3))/suivis/\(Self.id(12))"),
            ],
            list: list,
            years: [SupportOption(value: "2026", label: "2026", selected: true), SupportOption(value: "2025", label: "2025", selected: false)],
            delegations: [SupportOption(value: Self.id(801), label: "Pays de la Loire", selected: false),
                          SupportOption(value: Self.id(802), label: "Normandie", selected: false)],
            programmes: [SupportOption(value: Self.id(21), label: "COODIAG", selected: false), SupportOption(value: Self.id(22), label: "POEC", selected: false)],
            statuses: SupportStatus.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: false) },
            daysHref: "/accompagnement/journees", figuresHref: "/accompagnement/chiffres", programmesHref: "/accompagnement/programmes")
        let html = try await PageRenderer.render("support/home", title: page.heading, page, user: D.admin, path: "/accompagnement")
        assertSnapshot(of: html, as: .lines, named: "home")
    }

    @Test("a structure's supports, with and without any")
    func structure() async throws {
        let full = StructureSupportsPage(
            heading: "Accompagnement — Relais Emploi Nantes", structureName: "Relais Emploi Nantes", homeHref: "/accompagnement",
            qualityHref: "/qualite/structures/\(Self.id(1))", newHref: "/accompagnement/structures/\(Self.id(1))/nouveau",
            lines: [.init(programme: "COODIAG", started: "15/01/2026", ended: "—", status: "En cours", delegate: "Dominique Leroy",
                          days: "2,5\u{202F}j", href: "/accompagnement/structures/\(Self.id(1))/suivis/\(Self.id(11))")],
            days: Self.dayLines, totalDays: "2,5\u{202F}j")
        let empty = StructureSupportsPage(heading: "Accompagnement — Chantier Nature Vendée", structureName: "Chantier Nature Vendée",
                                          homeHref: nil, qualityHref: nil, newHref: nil, lines: nil, days: nil, totalDays: nil)
        let html1 = try await PageRenderer.render("support/structure", title: full.heading, full, user: D.delegate, path: "/accompagnement")
        assertSnapshot(of: html1, as: .lines, named: "structure")
        let html2 = try await PageRenderer.render("support/structure", title: empty.heading, empty, user: D.manager, path: "/accompagnement")
        assertSnapshot(of: html2, as: .lines, named: "structure-empty")
    }

    @Test("a support's page")
    func support() async throws {
        let page = SupportPage(
            heading: "Suivi « COODIAG » — Relais Emploi Nantes", structureName: "Relais Emploi Nantes",
            structureHref: "/accompagnement/structures/\(Self.id(1))",
            facts: [.init(label: "Programme", value: "COODIAG"), .init(label: "Délégation", value: "Pays de la Loire"),
                    .init(label: "Délégué", value: "Dominique Leroy"), .init(label: "Début", value: "15/01/2026"),
                    .init(label: "Fin", value: "—"), .init(label: "Statut", value: "En cours")],
            outcome: ["Diagnostic partagé avec le conseil d'administration.", "Plan de consolidation en trois axes."],
            editHref: "/accompagnement/structures/\(Self.id(1))/suivis/\(Self.id(11))/modifier",
            newDayHref: "/accompagnement/journees?suivi=\(Self.id(11))", days: Self.dayLines, totalDays: "2,5\u{202F}j")
        let html = try await PageRenderer.render("support/support", title: page.heading, page, user: D.delegate, path: "/accompagnement")
        assertSnapshot(of: html, as: .lines, named: "support")
    }

    @Test("the support form: new with errors, edit after a stale post")
    func form() async throws {
        var errors = FieldErrors()
        errors.add("support_programme", "Choisissez le programme.")
        errors.add("support_started", "Date invalide : écrivez-la jj/mm/aaaa.")
        let new = SupportFormPage(
            heading: "Nouveau suivi — Relais Emploi Nantes", structureName: "Relais Emploi Nantes",
            backHref: "/accompagnement/structures/\(Self.id(1))", action: "/accompagnement/structures/\(Self.id(1))/nouveau", isEdit: false,
            programmeName: nil, started: nil, form: ["support_started": "31/02/2026", "support_delegate": Self.id(902), "support_outcome": "À suivre"],
            errors: errors,
            programmes: [SupportOption(value: Self.id(21), label: "COODIAG", selected: false), SupportOption(value: Self.id(22), label: "POEC", selected: false)],
            delegates: [SupportOption(value: Self.id(902), label: "Dominique Leroy", selected: true), SupportOption(value: Self.id(904), label: "Claude Petit", selected: false)],
            statuses: [], version: nil, notice: nil, submitLabel: "Commencer le suivi")
        let edit = SupportFormPage(
            heading: "Modifier le suivi « COODIAG » — Relais Emploi Nantes", structureName: "Relais Emploi Nantes",
            backHref: "/accompagnement/structures/\(Self.id(1))/suivis/\(Self.id(11))",
            action: "/accompagnement/structures/\(Self.id(1))/suivis/\(Self.id(11))/modifier", isEdit: true, programmeName: "COODIAG",
            started: "15/01/2026", form: ["support_status": "completed", "support_ended": "30/11/2026", "support_outcome": "Label obtenu.", "version": "2"],
            errors: FieldErrors(), programmes: [], delegates: [],
            statuses: SupportStatus.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: $0 == .completed) },
            version: "2", notice: SupportRefusal.staleMessage, submitLabel: "Enregistrer")
        let html1 = try await PageRenderer.render("support/support-form", title: new.heading, new, user: D.delegate, path: "/accompagnement")
        assertSnapshot(of: html1, as: .lines, named: "new-errors")
        let html2 = try await PageRenderer.render("support/support-form", title: edit.heading, edit, user: D.delegate, path: "/accompagnement")
        assertSnapshot(of: html2, as: .lines, named: "edit-stale")
    }

    @Test("the intervention days: the list and the form with an error")
    func days() async throws {
        let columns = InterventionDaysController.columns
        let state = ListState([:], columns: columns, defaultSort: ListSort("date", descending: true))
        let list = ListView(.support(.days), columns: columns, state: state, filters: [("annee", "2026")], total: 2, exportable: true,
                            noun: ("saisie", "saisies"))
        var errors = FieldErrors()
        errors.add("day_amount", "Durée invalide : écrivez un nombre de jours par demi-journées, de 0,5 à 20 (par exemple 1, 0,5 ou 2,5).")
        let page = DaysPage(
            heading: "Journées d'intervention 2026", scopeNote: "Les journées de votre délégation : Pays de la Loire.", action: "/accompagnement/journees",
            lines: Self.dayLines, list: list, totalDays: "Total : 2,5\u{202F}j",
            years: [SupportOption(value: "2026", label: "2026", selected: true), SupportOption(value: "2025", label: "2025", selected: false)],
            delegations: nil,
            form: .init(action: "/accompagnement/journees",
                        values: ["day_delegation": Self.id(801), "day_on": "04/03/2026", "day_kind": "training", "day_amount": "0,25", "day_structure": "",
                                 "day_support": Self.id(11), "day_note": ""],
                        errors: errors, delegations: [SupportOption(value: Self.id(801), label: "Pays de la Loire", selected: true)],
                        kinds: InterventionKind.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: $0 == .training) },
                        supports: [SupportOption(value: Self.id(11), label: "Relais Emploi Nantes — COODIAG (depuis le 15/01/2026)", selected: true)],
                        notice: nil),
            supportsHref: "/accompagnement", figuresHref: "/accompagnement/chiffres")
        let html = try await PageRenderer.render("support/days", title: page.heading, page, user: D.delegate, path: "/accompagnement/journees")
        assertSnapshot(of: html, as: .lines, named: "days")
    }

    @Test("the programmes and their form")
    func programmes() async throws {
        let list = ProgrammesPage(
            lines: [.init(code: "COODIAG", name: "COODIAG", description: "Diagnostic partagé de la structure.", active: true, position: "1",
                          editHref: "/accompagnement/programmes/\(Self.id(21))/modifier"),
                    .init(code: "DIAG-FIN", name: "Diagnostic financier", description: "Analyse des comptes.", active: false, position: "6",
                          editHref: "/accompagnement/programmes/\(Self.id(26))/modifier")],
            newHref: "/accompagnement/programmes/nouveau", homeHref: "/accompagnement")
        var errors = FieldErrors()
        errors.add("programme_code", ProgrammeService.codeTaken)
        let form = ProgrammeFormPage(heading: "Nouveau programme d'accompagnement", backHref: "/accompagnement/programmes",
                                     action: "/accompagnement/programmes/nouveau",
                                     form: ["programme_code": "POEC", "programme_name": "Préparation à l'emploi", "programme_position": "7", "programme_active": "1"],
                                     errors: errors, active: true, submitLabel: "Ajouter le programme")
        let html1 = try await PageRenderer.render("support/programmes", title: "Programmes d'accompagnement", list, user: D.admin, path: "/accompagnement")
        assertSnapshot(of: html1, as: .lines, named: "programmes")
        let html2 = try await PageRenderer.render("support/programme-form", title: form.heading, form, user: D.admin, path: "/accompagnement")
        assertSnapshot(of: html2, as: .lines, named: "programme-form")
    }

    @Test("the figures: network with delegations, one delegation, an empty year with a notice")
    func figures() async throws {
        func uuid(_ n: Int) -> UUID { D.uuid(n) }
        let supports = [
            SupportRecord(structureID: uuid(1), programmeCode: "COODIAG", delegationCode: "NOR", startedOn: Day(iso: "2019-03-01")!),
            SupportRecord(structureID: uuid(2), programmeCode: "POEC", delegationCode: "NOR", startedOn: Day(iso: "2019-03-01")!),
            SupportRecord(structureID: uuid(3), programmeCode: "POEC", delegationCode: "PDL", startedOn: Day(iso: "2018-03-01")!, endedOn: Day(iso: "2019-06-30")!),
        ]
        let days = [
            InterventionRecord(delegationCode: "NOR", day: Day(iso: "2019-02-01")!, kind: .training, halfDays: 20),
            InterventionRecord(delegationCode: "NOR", day: Day(iso: "2019-05-01")!, kind: .individualSupport, halfDays: 96),
            InterventionRecord(delegationCode: "PDL", day: Day(iso: "2019-05-01")!, kind: .collectiveFacilitation, halfDays: 35),
        ]
        let data = SupportFiguresData(
            supports: supports, days: days,
            programmes: [("COODIAG", "COODIAG", true), ("CAP", "Accompagnement CAP RSE", true), ("POEC", "POEC", true), ("OLD", "Ancien programme", false)],
            delegationNames: ["NOR": "Normandie", "PDL": "Pays de la Loire"], delegationIDs: [:])
        let years = [2019, 2018].map { YearLink(label: String($0), href: "/accompagnement/chiffres?annee=\($0)", current: $0 == 2019) }
        let downloads = [SupportLink(label: "Chiffres (CSV)", href: "/accompagnement/chiffres/2019/chiffres.csv"),
                         SupportLink(label: "Chiffres (XLSX)", href: "/accompagnement/chiffres/2019/chiffres.xlsx")]
        let network = SupportFiguresPage.build(year: 2019, data: data, delegation: nil, notice: nil, years: years, action: "/accompagnement/chiffres",
                                               downloads: downloads)
        let nor = SupportFiguresPage.build(year: 2019, data: data, delegation: "NOR", notice: nil, years: years, action: "/accompagnement/chiffres",
                                           downloads: downloads)
        let empty = SupportFiguresPage.build(year: 2024, data: data, delegation: nil,
                                             notice: "L'année demandée n'est pas valable (une année entre 2000 et 2100 est attendue) : voici les chiffres de 2024.",
                                             years: years, action: "/accompagnement/chiffres", downloads: [])
        for (name, page) in [("network", network), ("delegation", nor), ("empty", empty)] {
            let html = try await PageRenderer.render("support/figures", title: page.heading, page, user: D.admin, path: "/accompagnement/chiffres")
            assertSnapshot(of: html, as: .lines, named: name)
        }
    }
}
