import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// Pages rendered from page models built by hand, without a database: a change of a template
/// or of a page model shows as a diff of `__Snapshots__/PageSnapshotTests/*.txt`.
/// Record again with `SNAPSHOT_TESTING_RECORD=all swift test --filter PageSnapshotTests`, then read the diff.
@Suite("Page snapshots", .snapshots(record: PageRenderer.record))
struct PageSnapshotTests {
    typealias D = SnapshotData

    @Test("login: empty, and refused with the address kept and a return path")
    func login() async throws {
        // setup
        let refused = LoginController.LoginPage(email: "camille@exemple.fr", error: "Adresse ou mot de passe incorrect.",
                                                returnTo: SiteURL.directory.path)
        // MUT
        let empty = try await PageRenderer.render("accounts/login", title: "Connexion", LoginController.LoginPage(), path: SiteURL.login.path)
        let error = try await PageRenderer.render("accounts/login", title: "Connexion", refused, path: SiteURL.login.path)
        // validate
        assertSnapshot(of: empty, as: .lines, named: "empty")
        assertSnapshot(of: error, as: .lines, named: "refused")
    }

    @Test("error page: a 404 for a visitor, a 403 for a signed-in member manager")
    func errorPage() async throws {
        // setup
        let notFound = ErrorPage.Body(status: 404, heading: ErrorPage.title(.notFound), detail: nil)
        let forbidden = ErrorPage.Body(status: 403, heading: ErrorPage.title(.forbidden), detail: "Réservé à l'administration nationale.")
        // MUT
        let anonymous = try await PageRenderer.render("errors/error", title: notFound.heading, notFound, path: "/nulle-part")
        let signedIn = try await PageRenderer.render("errors/error", title: forbidden.heading, forbidden, user: D.manager,
                                                     path: SiteURL.users.path)
        // validate
        assertSnapshot(of: anonymous, as: .lines, named: "404")
        assertSnapshot(of: signedIn, as: .lines, named: "403")
    }

    @Test("account page: roles, two tokens, a refused token name")
    func account() async throws {
        // setup
        var page = AccountController.AccountPage(
            email: D.admin.email, displayName: D.admin.displayName, roles: [Role.nationalAdmin.label],
            tokens: [
                .init(id: D.uuid(601), name: "Tableur", prefix: "mlg_a1b2", createdAt: "02/03/2025", lastUsedAt: "04/03/2025",
                      revoke: SiteURL.revokeToken(D.uuid(601)).path),
                .init(id: D.uuid(602), name: "Export <nuit>", prefix: "mlg_c3d4", createdAt: "05/03/2025", lastUsedAt: "jamais",
                      revoke: SiteURL.revokeToken(D.uuid(602)).path),
            ])
        page.tokenError = "Donnez un nom au jeton (par exemple l'outil qui l'utilisera)."
        // MUT
        let html = try await PageRenderer.render("accounts/account", title: "Mon compte", page, user: D.admin, path: SiteURL.account.path,
                                                 flash: .init(kind: "success", message: "Mot de passe changé."))
        // validate
        assertSnapshot(of: html, as: .lines)
    }

    @Test("structure page: a GES entity with two periods, editable")
    func structure() async throws {
        // setup
        let id = D.uuid(4), parent = D.uuid(3)
        let open = Membership(structureID: id, status: .active, joinedOn: "2022-01-01")
        open.id = D.uuid(42)
        let closed = Membership(structureID: id, status: .associate, joinedOn: "2015-01-01")
        closed.id = D.uuid(41)
        closed.leftOn = "2019-12-31"
        closed.leaveReason = "Fusion"
        let page = StructurePage(
            id: id, name: "Tempo Emploi Caen", siret: "100 000 004 00010", types: ["ETTI — Entreprise de travail temporaire d'insertion"],
            address: "12 rue des Chantiers", postalCode: "14000", commune: "Caen", department: "Calvados (14)",
            delegation: "Normandie", website: "tempo-emploi.example", websiteHref: "https://tempo-emploi.example",
            status: Shown(DirectoryStatus.active),
            gesParent: .init(name: "Groupe Solidaire Caen", href: SiteURL.structure(parent).path), entities: nil,
            periods: [
                .init(open, edit: SiteURL.editMembership(id, D.uuid(42)).path, close: SiteURL.closeMembership(id, D.uuid(42)).path),
                .init(closed, edit: SiteURL.editMembership(id, D.uuid(41)).path, close: nil),
            ],
            canEdit: true, editHref: SiteURL.editStructure(id).path, newMembershipHref: nil,
            auditHref: SiteURL.auditLog.path + "?entite=\(id)")
        // MUT
        let html = try await PageRenderer.render("members/structure", title: page.name, page, user: D.admin, path: SiteURL.structure(id).path)
        // validate
        assertSnapshot(of: html, as: .lines)
    }

    @Test("directory page: three rows, filters chosen, a next page, exports")
    func directory() async throws {
        // setup
        let rows: [DirectoryController.Row] = [
            .init(href: SiteURL.structure(D.uuid(2)).path, name: "Chantier Nature Vendée", siret: "100 000 002 00010", types: "ACI",
                  commune: "La Roche-sur-Yon", department: "85", delegation: "PDL", status: "Actif", joinedOn: "01/01/2020"),
            .init(href: SiteURL.structure(D.uuid(1)).path, name: "Relais Emploi Nantes", siret: "100 000 001 00010", types: "AI",
                  commune: "Nantes", department: "44", delegation: "PDL", status: "Actif", joinedOn: "01/01/2020"),
            .init(href: SiteURL.structure(D.uuid(5)).path, name: "Régie <Quartiers> & Co", siret: "100 000 005 00010", types: "AI, EI",
                  commune: "Angers", department: "49", delegation: "PDL", status: "Ancien adhérent", joinedOn: "15/03/2012"),
        ]
        let page = DirectoryController.DirectoryPage(
            q: "emploi",
            delegations: HTML.options([D.pdl, D.nor].map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == "PDL") }),
            departments: HTML.options([SelectOption(value: "44", label: "44 — Loire-Atlantique", selected: false),
                                       SelectOption(value: "85", label: "85 — Vendée", selected: false)]),
            types: HTML.options(StructureType.allCases.map { SelectOption(value: $0.rawValue, label: $0.shortLabel, selected: false) }),
            statuses: HTML.options([DirectoryStatus.active, .associate, .former].map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) }),
            rows: DirectoryController.tableRows(rows),
            list: ListView(.directory, columns: DirectoryFilters.columns,
                           state: ListState([:], columns: DirectoryFilters.columns, defaultSort: DirectoryFilters.defaultSort),
                           filters: [("q", "emploi"), ("delegation", "PDL")], total: 53, exportable: true, noun: ("structure", "structures")),
            canCreate: true, newHref: SiteURL.newStructure.path,
            exportCSV: SiteURL.exportMembersCSV.path(query: ["q": "emploi", "delegation": "PDL"]),
            exportXLSX: SiteURL.exportMembersXLSX.path(query: ["q": "emploi", "delegation": "PDL"]))
        // MUT
        let html = try await PageRenderer.render("members/directory", title: "Adhérents", page, user: D.admin, path: SiteURL.directory.path)
        // validate
        assertSnapshot(of: html, as: .lines)
    }

    @Test("answer page: an AI's draft with last year's values, a field error and a warning")
    func answer() async throws {
        // setup
        let structure = D.structure(1, "Relais Emploi Nantes", types: [.ai], department: "44", commune: "Nantes")
        let context = AnswerContext(campaign: D.campaign(), structure: structure, type: "AI", answer: nil,
                                    questions: IndicatorCatalogue.all.filter { $0.applies(to: "AI") },
                                    user: D.manager, parties: [.manager])
        let form = AnswerForm(fields: ["insertion_persons": "42", "insertion_hours": "abc", "turnover_eur": "1250000,5"])
        var errors = FieldErrors()
        errors.add("insertion_hours", "Saisissez un nombre, par exemple 1 234,5.")
        let previous: (year: Int, values: [String: Exact]) = (2023, ["insertion_persons": Exact(38), "turnover_eur": Exact(1_180_000)])
        // MUT
        let page = AnswerPage(context, form: form, errors: errors, checks: [], previous: previous, comment: nil)
        let html = try await PageRenderer.render("observatory/answer", title: page.heading, page, user: D.manager,
                                                 path: SiteURL.answer(2024, D.uuid(1), "AI").path)
        // validate
        assertSnapshot(of: html, as: .lines)
    }

    @Test("follow-up page: an admin's view of an open campaign, by delegation and type, with late answers")
    func followUp() async throws {
        // setup
        func unit(_ n: Int, _ name: String, _ type: StructureType, _ dep: String, _ delegation: NetworkMap.Entry?,
                  _ state: CampaignProgress.State) -> CampaignProgress.Unit {
            .init(structure: .init(id: D.uuid(n), name: name, siret: SIRET.makeValid(siren9: String(100_000_000 + n), nic4: "0001").digits,
                                   types: [type], departmentCode: dep),
                  type: type.rawValue, delegation: delegation, state: state)
        }
        let progress = CampaignProgress(units: [
            unit(2, "Chantier Nature Vendée", .aci, "85", D.pdl, .validated),
            unit(5, "Emploi Solidaire Angers", .ai, "49", D.pdl, .drafting),
            unit(1, "Relais Emploi Nantes", .ai, "44", D.pdl, .submitted),
            unit(4, "Tempo Emploi Caen", .etti, "14", D.nor, .notStarted),
        ])
        // MUT
        let page = FollowUpPage(D.campaign(), progress: progress, user: D.admin, settings: nil)
        let html = try await PageRenderer.render("observatory/follow-up", title: "Suivi de la campagne 2024", page, user: D.admin,
                                                 path: SiteURL.campaign(2024).path)
        // validate
        assertSnapshot(of: html, as: .lines)
    }

    @Test("report page: a cover and one section with its chart and table, a secret cell, provisional figures")
    func report() async throws {
        // setup
        let bars: [(label: String, value: Published, kind: ReportFormat.Kind)] = [
            ("Ateliers et chantiers d'insertion (ACI)", .value("1820.5", n: 12), .decimal),
            ("Associations intermédiaires (AI)", .value("910.25", n: 7), .decimal),
            ("Entreprises d'insertion (EI)", .secret(n: 3), .decimal),
        ]
        let table = ReportTable(
            id: "etp-insertion", caption: "ETP en insertion par type", columns: ["Type", "Structures", "ETP"],
            rows: bars.map { ReportTable.Row(label: $0.label, cells: [.n($0.value), .published($0.value, .decimal)]) }
                + [ReportTable.Row(label: "Ensemble", cells: [.count(22), .published(.absent, .decimal)], total: true)],
            note: "Chiffres de l'année 2024.",
            csvHref: SiteURL.reportTable(2024, "national", "etp-insertion.csv").path,
            xlsxHref: SiteURL.reportTable(2024, "national", "etp-insertion.xlsx").path)
        let section = ReportSection(id: "insertion", title: "L'insertion", intro: "Les heures de travail des personnes en parcours.",
                                    chart: BarChart(id: "chart-etp", title: "ETP en insertion", bars: bars), tables: [table],
                                    facts: [.init("Structures répondantes", .value("22", n: 22), .count)])
        let page = ReportPage(
            heading: "Observatoire 2024 — Rapport national", kicker: "Observatoire de l'insertion", scopeLabel: "Ensemble du réseau",
            survey: ReportPage.surveySentence(D.campaign()), responseRate: "22 réponses sur 30 structures (73,3\u{202F}%)",
            secrecy: ReportPage.secrecySentence(k: 5), secretTitle: ReportPage.secretTitle(k: 5), method: nil,
            backHref: SiteURL.campaign(2024).path, backLabel: "Suivi de la campagne",
            delegationLinks: [.init(label: D.pdl.name, href: SiteURL.delegationReport(2024, "PDL").path)],
            portraitLinks: [.init(label: "AI", href: SiteURL.portrait(2024, "AI").path)],
            jsonHref: SiteURL.figuresJSON(2024).path, contents: ReportPage.contents([section]), sections: [section],
            edition: "Chiffres provisoires du 2 décembre 2026", provisional: true, releasesHref: SiteURL.releases(2024).path,
            problems: ["1 valeur hors bornes laissée de côté."])
        // MUT
        let html = try await PageRenderer.render("observatory/report", title: page.heading, page, user: D.admin, path: SiteURL.report(2024).path)
        // validate
        assertSnapshot(of: html, as: .lines)
    }
}
