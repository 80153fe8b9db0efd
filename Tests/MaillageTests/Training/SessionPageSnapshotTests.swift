import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The sessions list, a session (public and for its trainer), the editor and a step's
/// confirmation page, from page models built by hand (no database).
@Suite("Training session page snapshots", .snapshots(record: PageRenderer.record))
struct TrainingSessionPageSnapshotTests {
    typealias D = SnapshotData

    static let trainer = CurrentUser(id: D.uuid(906), email: "felix.formateur@exemple.fr", displayName: "Félix Formateur",
                                     grants: [.init(role: .trainer, delegationID: nil, structureID: nil)], managedStructureIDs: [])

    static func session(staff: Bool) -> SessionPage {
        let sid = D.uuid(20)
        return SessionPage(
            catalogueHref: "/formations", courseTitle: "Encadrant technique : les fondamentaux", courseHref: "/formations/cours/\(D.uuid(10))",
            code: "ETI-01", kind: "Inter-structures", structureName: nil, status: "Confirmée", cancelled: false, cancelReason: nil,
            dates: "du 14/01/2027 au 15/01/2027",
            halfDays: [.init(day: "14/01/2027", period: "matin", times: "9\u{202F}h – 12\u{202F}h\u{202F}30", hours: "3,5\u{202F}h"),
                       .init(day: "14/01/2027", period: "après-midi", times: "13\u{202F}h\u{202F}30 – 17\u{202F}h", hours: "3,5\u{202F}h")],
            totalHours: "7\u{202F}h", placeName: "Maison des associations", address: "12 rue de la Paix, 44000 Nantes",
            accessInfo: "Tram 1, arrêt Commerce.", remoteURL: nil, remoteText: nil, delegation: "Pays de la Loire",
            trainers: "Félix Formateur", capacity: "2 places", seats: "Complet (1 en liste d'attente)",
            waiting: "1 personne en liste d'attente", registrationDeadline: "07/01/2027", cancellationDeadline: "11/01/2027",
            registerHref: staff ? nil : "/formations/sessions/\(sid)/inscription", registrationClosed: staff ? "Les inscriptions sont closes." : nil,
            staff: staff,
            registrations: staff ? [.init(name: "Lou Martin", structure: "Relais Emploi Nantes", job: "Encadrant technique", status: "Inscrit·e",
                                          waiting: false, href: "/formations/inscriptions/\(D.uuid(40))"),
                                    .init(name: "Mia Martin", structure: "Chantier Nature Vendée", job: "Conseillère", status: "Liste d'attente",
                                          waiting: true, href: nil)] : nil,
            editHref: staff ? "/formations/sessions/\(sid)/modifier" : nil,
            attendanceHref: staff ? "/formations/sessions/\(sid)/emargement" : nil,
            sheetHref: staff ? "/formations/sessions/\(sid)/feuille-emargement" : nil,
            steps: staff ? [.init(href: "/formations/sessions/\(sid)/etapes/annuler", label: "Annuler la session")] : nil)
    }

    @Test("session page: public, and for its trainer with the registrations")
    func show() async throws {
        let html = try await PageRenderer.render("training/session", title: "Session", Self.session(staff: false), user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "public")
        let html2 = try await PageRenderer.render("training/session", title: "Session", Self.session(staff: true), user: Self.trainer)
        assertSnapshot(of: html2, as: .lines, named: "trainer")
    }

    @Test("sessions list")
    func list() async throws {
        let columns = SessionController.columns
        let state = ListState([:], columns: columns, defaultSort: ListSort("first_day", descending: true))
        let list = ListView(.training(.sessions), columns: columns, state: state, filters: [("statut", "confirmed")], total: 1,
                            exportable: true, noun: ("session", "sessions"))
        let page = SessionsPage(
            action: "/formations/sessions",
            lines: [.init(dates: "du 14/01/2027 au 15/01/2027", course: "ETI-01 — Les fondamentaux", href: "/formations/sessions/\(D.uuid(20))",
                          kind: "Inter-structures", place: "Maison des associations", delegation: "Pays de la Loire", status: "Confirmée",
                          registered: "2 / 2", waiting: "1")],
            list: list, years: [.init(value: "2027", label: "2027", selected: false)],
            statuses: [.init(value: "confirmed", label: "Confirmée", selected: true)], courses: [], delegations: [],
            newHref: nil, catalogueHref: "/formations", onlyMine: true)
        let html = try await PageRenderer.render("training/sessions", title: "Sessions de formation", page, user: Self.trainer)
        assertSnapshot(of: html, as: .lines, named: "trainer")
    }

    @Test("session editor with row errors; a done session's notice")
    func form() async throws {
        var errors = FieldErrors()
        errors.add("session_structure", "Plusieurs structures portent ce nom : indiquez le SIRET.")
        errors.add("hd_ends_2", "Ligne 2 : la fin doit venir après le début.")
        let values = ["session_course": D.uuid(10).uuidString, "session_kind": "intra", "session_structure": "Relais",
                      "session_capacity": "12", "session_registration_days": "7", "session_cancellation_days": "3",
                      "hd_day_1": "14/01/2027", "hd_period_1": "am", "hd_starts_1": "9h", "hd_ends_1": "12h30",
                      "hd_day_2": "14/01/2027", "hd_period_2": "pm", "hd_starts_2": "14h", "hd_ends_2": "13h"]
        var page = SessionFormPage(
            heading: "Programmer une session", backHref: "/formations/sessions", action: "/formations/sessions/nouvelle",
            cancelHref: "/formations/sessions", form: values, errors: errors,
            courses: [.init(value: D.uuid(10).uuidString, label: "ETI-01 — Les fondamentaux", selected: true)],
            kinds: [.init(value: "inter", label: "Inter-structures", selected: false), .init(value: "intra", label: "Intra", selected: true)],
            delegations: [.init(value: D.uuid(801).uuidString, label: "Pays de la Loire", selected: false)],
            trainers: [.init(field: "trainer_\(D.uuid(906).uuidString)", name: "Félix Formateur", checked: true)],
            rows: SessionFormPage.rows(values, errors: errors), submitLabel: "Programmer la session")
        let html = try await PageRenderer.render("training/session-form", title: page.heading, page, user: D.admin)
        assertSnapshot(of: html, as: .lines, named: "new-errors")
        page = SessionFormPage(
            heading: "Modifier la session", backHref: "/formations/sessions/\(D.uuid(20))", action: nil, cancelHref: nil, form: [:],
            errors: FieldErrors(), courses: [], kinds: [], delegations: [], trainers: [], rows: [], submitLabel: "Enregistrer")
        page.version = "4"
        page.notice = "Une session « réalisée » ne se modifie plus."
        let html2 = try await PageRenderer.render("training/session-form", title: page.heading, page, user: Self.trainer)
        assertSnapshot(of: html2, as: .lines, named: "done-notice")
    }

    @Test("step confirmation: cancel asks a reason; a step not possible says why")
    func step() async throws {
        var errors = FieldErrors()
        errors.add("cancel_reason", "Indiquez le motif de l'annulation : il est envoyé aux inscrits.")
        let cancel = SessionStepPage(
            heading: "Annuler la session", courseTitle: "Les fondamentaux", dates: "le 14/01/2027", status: "Confirmée",
            consequences: SessionStepPage.consequences(.cancel, registered: 2, waiting: 1),
            action: "/formations/sessions/\(D.uuid(20))/etapes/annuler", button: "Annuler la session", asksReason: true, reason: "",
            errors: errors, backHref: "/formations/sessions/\(D.uuid(20))")
        let html = try await PageRenderer.render("training/session-step", title: cancel.heading, cancel, user: Self.trainer)
        assertSnapshot(of: html, as: .lines, named: "cancel-errors")
        var reopen = SessionStepPage(
            heading: "Rouvrir la session", courseTitle: "Les fondamentaux", dates: "le 14/01/2027", status: "Réalisée",
            consequences: SessionStepPage.consequences(.reopen, registered: 0, waiting: 0), action: nil, button: "Rouvrir la session",
            asksReason: false, reason: "", errors: FieldErrors(), backHref: "/formations/sessions/\(D.uuid(20))")
        reopen.notice = "Seule l'administration de la formation peut faire cette étape."
        let html2 = try await PageRenderer.render("training/session-step", title: reopen.heading, reopen, user: Self.trainer)
        assertSnapshot(of: html2, as: .lines, named: "reopen-refused")
    }
}
